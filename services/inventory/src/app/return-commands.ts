import { Injectable } from '@nestjs/common';
import {
  DEFAULT_LOCATION, DEFAULT_WAREHOUSE, InventoryCatalog, pageWindow, QUARANTINE_LOCATION, QUARANTINE_WAREHOUSE, ReturnApproved,
  type EventEnvelope, type ExpectedReturnView, type ListExpectedReturnsQuery, type Page, type ReceiveReturnRequest, type ReturnApprovedData,
} from '@ops/contracts';
import { DomainError } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { rowByKey } from '@ops/persistence';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { expectReturn, receiveReturn } from '../domain/return-receipt.js';
import { ExpectedReturnEntity, WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { ExpectedReturnStore } from '../infra/persistence/stores.js';
import { ReservationDesk } from './reservation-desk.js';

/**
 * Returned goods (domain.md §4, returns): expected once sales approves the return, then counted and inspected
 * by a keeper. Accepted goods go back to sellable stock (and to waiting backorders first), rejected goods to
 * quarantine, both as movements of the stock ledger under the return's number.
 */
@Injectable()
export class ReturnCommands {
  constructor(private readonly expected: ExpectedReturnStore, private readonly ledger: StockLedgerStore, private readonly desk: ReservationDesk) {}

  @OnEvent(ReturnApproved, 'expect-return')
  async onReturnApproved(event: EventEnvelope<ReturnApprovedData>, tx: EntityManager): Promise<void> {
    // Safe to run again (a replay past the inbox): a return is expected once.
    if (await tx.existsBy(ExpectedReturnEntity, { returnId: event.data.returnId })) return;
    await this.expected.create(tx, expectReturn(event.data), { actor: event.actor, cause: causedBy(event) });
  }

  @Handles(InventoryCatalog.receiveReturn)
  async receiveReturn(request: ReceiveReturnRequest, { tx, actor, cause }: CommandContext): Promise<ExpectedReturnView> {
    const acting = { actor, cause };
    const warehouseCode = request.warehouseCode ?? DEFAULT_WAREHOUSE;
    const warehouse = await rowByKey(tx, WarehouseEntity, 'code', warehouseCode, { lock: false });
    if (!warehouse || !warehouse.sellable) {
      throw new DomainError('rule_violated', 'unknown-warehouse', `No sellable warehouse ${warehouseCode}`, [{ field: 'warehouseCode', message: 'names no sellable warehouse' }]);
    }
    const { row } = await this.expected.change(tx, request.returnId, (r) => receiveReturn(r, request.lines, warehouseCode, actor.userId), acting);
    const accepted = row.lines.filter((l) => (l.acceptedQuantity ?? 0) > 0).map((l) => ({ sku: l.sku, location: DEFAULT_LOCATION, batch: '', quantity: l.acceptedQuantity! }));
    const rejected = row.lines.filter((l) => (l.rejectedQuantity ?? 0) > 0).map((l) => ({ sku: l.sku, location: QUARANTINE_LOCATION, batch: '', quantity: l.rejectedQuantity! }));
    // Every SKU the return touches is locked in one sweep (with the backorder line of the accepted ones) before any stock moves.
    const line = await this.desk.lineFor(tx, accepted.map((l) => l.sku));
    await this.ledger.lock(tx, rejected.map((l) => l.sku));
    if (accepted.length) await this.ledger.receive(tx, { warehouseCode, documentRef: row.returnNumber, kind: 'return_in', lines: accepted }, acting);
    if (rejected.length) await this.ledger.receive(tx, { warehouseCode: QUARANTINE_WAREHOUSE, documentRef: row.returnNumber, kind: 'return_quarantine', lines: rejected }, acting);
    // Goods back in sellable stock go to waiting backorders first, as any arrival does (domain.md §4.5).
    if (accepted.length) await this.desk.serve(tx, line, acting);
    return expectedReturnView(row);
  }

  @Handles(InventoryCatalog.listExpectedReturns)
  async listExpectedReturns(query: ListExpectedReturnsQuery, { tx }: CommandContext): Promise<Page<ExpectedReturnView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<ExpectedReturnEntity> = {};
    if (query.status) where.status = query.status;
    if (query.orderId) where.orderId = query.orderId;
    const [rows, total] = await tx.findAndCount(ExpectedReturnEntity, { where, order: { expectedAt: 'ASC', returnId: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map(expectedReturnView), page, pageSize, total };
  }
}

function expectedReturnView(r: ExpectedReturnEntity): ExpectedReturnView {
  return {
    returnId: r.returnId, returnNumber: r.returnNumber, orderId: r.orderId, customerId: r.customerId, status: r.status, lines: r.lines,
    expectedAt: r.expectedAt.toISOString(), warehouseCode: r.warehouseCode, receivedBy: r.receivedBy, receivedAt: r.receivedAt?.toISOString() ?? null,
  };
}

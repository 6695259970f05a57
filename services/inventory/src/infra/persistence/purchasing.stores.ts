import { Inject, Injectable } from '@nestjs/common';
import { DomainError, type Step } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX, type Acting, type DomainStep } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import type { PurchaseOrder, PurchaseOrderLine } from '../../domain/purchase-order.js';
import type { Supplier } from '../../domain/supplier.js';
import { PurchaseOrderEntity, PurchaseOrderLineEntity, SupplierEntity } from './purchasing.entities.js';

/** Suppliers: the only writer of a supplier; every save queues inventory.supplier.saved (the domain's event). */
@Injectable()
export class SupplierStore extends AggregateStore<SupplierEntity, Supplier> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'supplier',
      entity: SupplierEntity,
      notFound: (id) => new DomainError('not_found', 'supplier-not-found', `No supplier ${id}`),
      toState: supplierOf,
    }, outbox);
  }
}

export const supplierOf = (r: SupplierEntity): Supplier => ({
  id: r.id, code: r.code, name: r.name, kind: r.kind, taxId: r.taxId, paymentTermsDays: r.paymentTermsDays, bankName: r.bankName, bankAccount: r.bankAccount,
  contacts: r.contacts, active: r.active, revision: r.revision,
});

const lineOf = (l: PurchaseOrderLineEntity): PurchaseOrderLine => ({
  lineNo: l.lineNo, sku: l.skuCode, warehouseCode: l.warehouseCode, quantity: l.quantity, receivedQuantity: l.receivedQuantity, unitPriceFen: l.unitPriceFen, promisedDate: l.promisedDate,
});

/** The lines of orders, in line order, for views and the domain. */
export async function linesOf(tx: EntityManager, ids: string[]): Promise<Map<string, PurchaseOrderLine[]>> {
  const by = new Map<string, PurchaseOrderLine[]>(ids.map((id) => [id, []]));
  if (!ids.length) return by;
  const rows = await tx.createQueryBuilder(PurchaseOrderLineEntity, 'l').where('l.purchaseOrderId IN (:...ids)', { ids }).orderBy('l.lineNo', 'ASC').getMany();
  for (const row of rows) by.get(row.purchaseOrderId)?.push(lineOf(row));
  return by;
}

const orderOf = (r: PurchaseOrderEntity): PurchaseOrder => ({
  id: r.id, number: r.number, supplierId: r.supplierId, status: r.status, lines: r.lines ?? [], amountFen: r.amountFen, prepaymentFen: r.prepaymentFen,
  reason: r.reason, createdBy: r.createdBy, approvedBy: r.approvedBy, approvedAt: r.approvedAt,
});

/**
 * Purchase orders: the only writer of an order's status and of its lines. The header row is locked (its
 * lines change only under that lock), the domain decides on header and lines together, and the lines
 * whose received quantity changed are written in the same transaction.
 */
@Injectable()
export class PurchaseOrderStore extends AggregateStore<PurchaseOrderEntity, PurchaseOrder> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'purchase-order',
      entity: PurchaseOrderEntity,
      notFound: (id) => new DomainError('not_found', 'purchase-order-not-found', `No purchase order ${id}`),
      toState: orderOf,
      toRow: ({ lines: _lines, ...header }) => header,
    }, outbox);
  }

  /** The order with its lines; locked unless `lock: false`. */
  async load(tx: EntityManager, id: string, { lock = true } = {}): Promise<PurchaseOrderEntity & { lines: PurchaseOrderLine[] }> {
    const row = await this.get(tx, id, { lock });
    return Object.assign(row, { lines: (await linesOf(tx, [id])).get(id) ?? [] });
  }

  async createWithLines(tx: EntityManager, step: Step<PurchaseOrder>, acting: Acting): Promise<PurchaseOrderEntity & { lines: PurchaseOrderLine[] }> {
    const row = await this.create(tx, step, acting);
    const lines = step.state.lines;
    await tx.insert(PurchaseOrderLineEntity, lines.map((l) => ({
      purchaseOrderId: row.id, lineNo: l.lineNo, skuCode: l.sku, warehouseCode: l.warehouseCode, quantity: l.quantity, receivedQuantity: l.receivedQuantity,
      unitPriceFen: l.unitPriceFen, promisedDate: l.promisedDate,
    })));
    // The database's times, for the answer.
    return Object.assign(await this.get(tx, row.id, { lock: false }), { lines });
  }

  /** One domain step on the locked order and its lines; received quantities that changed are written with it. */
  async changeWithLines<T extends Step<PurchaseOrder>>(tx: EntityManager, id: string, step: DomainStep<PurchaseOrderEntity, PurchaseOrder, T>, acting: Acting): Promise<{ row: PurchaseOrderEntity & { lines: PurchaseOrderLine[] }; step: T }> {
    const loaded = await this.load(tx, id);
    const before = new Map(loaded.lines.map((l) => [l.lineNo, l.receivedQuantity]));
    const outcome = await this.apply(tx, loaded, step, acting);
    for (const line of outcome.step.state.lines) {
      if (before.get(line.lineNo) !== line.receivedQuantity) {
        await tx.update(PurchaseOrderLineEntity, { purchaseOrderId: id, lineNo: line.lineNo }, { receivedQuantity: line.receivedQuantity });
      }
    }
    return { row: Object.assign(outcome.row, { lines: outcome.step.state.lines }), step: outcome.step };
  }
}

export const PURCHASING_STORES = [SupplierStore, PurchaseOrderStore];

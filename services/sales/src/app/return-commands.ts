import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type CancelReturnRequest, type IdRequest, type ListReturnsQuery, type Page, type RejectReturnRequest, type RequestReturnRequest,
  type ReturnInvestigationRequest, type ReturnView,
} from '@ops/contracts';
import { businessYear } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, historyOf, type CommandContext, type HistoryEntry } from '@ops/service-kit';
import { Not, In, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  approveReturn, cancelReturn, investigate, pendingLevel, refuseUnlessShipped, rejectReturn, requestReturn, returnLines, type ShippedSku,
} from '../domain/return.js';
import { OrderLineEntity, ReturnEntity } from '../infra/persistence/sales.entities.js';
import { OrderStore, ReturnStore } from '../infra/persistence/stores.js';

/** Returns (RMA) of shipped goods: requested, approved in steps, investigated (domain.md §4, returns). */
@Injectable()
export class ReturnCommands {
  constructor(private readonly returns: ReturnStore, private readonly orders: OrderStore) {}

  /**
   * The order is locked first: two returns of one order are checked one after the other, so together they
   * never claim more than the order shipped.
   */
  @Handles(SalesCatalog.requestReturn)
  async requestReturn(request: RequestReturnRequest, { tx, actor, cause }: CommandContext): Promise<ReturnView> {
    const order = await this.orders.get(tx, request.orderId);
    refuseUnlessShipped(order);
    const orderLines = await tx.find(OrderLineEntity, { where: { orderId: order.id }, order: { lineNo: 'ASC' } });
    const shipped: ShippedSku[] = [];
    for (const line of orderLines) {
      const known = shipped.find((s) => s.sku === line.sku);
      if (known) known.shippedQuantity += line.shippedQuantity;
      else shipped.push({ sku: line.sku, shippedQuantity: line.shippedQuantity, unitPriceFen: line.unitPriceFen });
    }
    const earlier = await tx.find(ReturnEntity, { where: { orderId: order.id, status: Not(In(['rejected', 'cancelled'])) } });
    const claimed = new Map<string, number>();
    for (const r of earlier) for (const l of r.lines) claimed.set(l.sku, (claimed.get(l.sku) ?? 0) + l.quantity);
    const lines = returnLines(request.lines, shipped, claimed);
    const step = requestReturn(tx.create(ReturnEntity, {
      id: uuidv7(), number: await nextDocumentNumber(tx, 'RMA', businessYear()), orderId: order.id, orderNumber: order.number, customerId: order.customerId,
      customerName: order.customerName, reason: request.reason, faulty: request.faulty, note: request.note ?? null, lines, requestedBy: actor.userId,
    }));
    const created = await this.returns.create(tx, step, { actor, cause });
    return this.view(tx, created);
  }

  @Handles(SalesCatalog.listReturns)
  async listReturns(query: ListReturnsQuery, { tx }: CommandContext): Promise<Page<ReturnView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { status, orderId, customerId } = query;
    const where: FindOptionsWhere<ReturnEntity> = Object.fromEntries(Object.entries({ status, orderId, customerId }).filter(([, value]) => value !== undefined));
    const [rows, total] = await tx.findAndCount(ReturnEntity, { where, order: { requestedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((r) => returnView(r)), page, pageSize, total };
  }

  @Handles(SalesCatalog.getReturn)
  async getReturn(request: IdRequest, { tx }: CommandContext): Promise<ReturnView> {
    return this.view(tx, await this.returns.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.approveReturn)
  async approveReturn(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<ReturnView> {
    const { row } = await this.returns.change(tx, request.id, (r) => approveReturn(r, actor), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.rejectReturn)
  async rejectReturn(request: RejectReturnRequest, { tx, actor, cause }: CommandContext): Promise<ReturnView> {
    const { row } = await this.returns.change(tx, request.id, (r) => rejectReturn(r, actor, request.reason), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.cancelReturn)
  async cancelReturn(request: CancelReturnRequest, { tx, actor, cause }: CommandContext): Promise<ReturnView> {
    const { row } = await this.returns.change(tx, request.id, (r) => cancelReturn(r, actor.userId, request.reason), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.recordReturnInvestigation)
  async recordInvestigation(request: ReturnInvestigationRequest, { tx, actor, cause }: CommandContext): Promise<ReturnView> {
    const { row } = await this.returns.change(tx, request.id, (r) => investigate(r, { findings: request.findings, claimFen: request.claimFen }, actor.userId), { actor, cause });
    return this.view(tx, row);
  }

  private async view(tx: EntityManager, r: ReturnEntity): Promise<ReturnView> {
    return returnView(r, await historyOf(tx, 'return', r.id));
  }
}

export function returnView(r: ReturnEntity, history?: HistoryEntry[]): ReturnView {
  return {
    id: r.id, number: r.number, orderId: r.orderId, orderNumber: r.orderNumber, customerId: r.customerId, customerName: r.customerName, status: r.status,
    reason: r.reason, faulty: r.faulty, note: r.note,
    lines: r.lines.map((l) => ({
      lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, shippedQuantity: l.shippedQuantity, previouslyReturnedQuantity: l.previouslyReturnedQuantity,
      receivedQuantity: l.receivedQuantity, acceptedQuantity: l.acceptedQuantity, rejectedQuantity: l.rejectedQuantity,
    })),
    requiredLevels: r.requiredLevels, pendingLevel: pendingLevel(r), approvals: r.approvals, requestedBy: r.requestedBy, requestedAt: r.requestedAt.toISOString(),
    decisionNote: r.decisionNote, decidedBy: r.decidedBy, investigation: r.investigation, creditNoteNumber: r.creditNoteNumber, refundFen: r.refundFen,
    ...(history ? { timeline: history.map((h) => ({ from: h.fromState, to: h.toState, reason: h.reason, actorId: h.actorId, at: h.at.toISOString() })) } : {}),
  };
}

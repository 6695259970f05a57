import { Injectable } from '@nestjs/common';
import { FinanceCatalog, pageWindow, type ListRefundsQuery, type Page, type PayRefundRequest, type RefundView } from '@ops/contracts';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { FindOptionsWhere } from 'typeorm';
import { refundEntry } from '../domain/journal.js';
import { payRefund } from '../domain/refund.js';
import { OrderAccountEntity, RefundEntity } from '../infra/persistence/finance.entities.js';
import { RefundStore } from '../infra/persistence/stores.js';
import { cashierDateFor } from './cashier-day-commands.js';
import { post } from './journal.js';

/** Refunds of cancelled orders: listed, and paid by a cashier the way the money came in (domain.md §4, §5). */
@Injectable()
export class RefundCommands {
  constructor(private readonly refunds: RefundStore) {}

  @Handles(FinanceCatalog.listRefunds)
  async listRefunds(query: ListRefundsQuery, { tx }: CommandContext): Promise<Page<RefundView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<RefundEntity> = {};
    if (query.status) where.status = query.status;
    if (query.orderId) where.orderId = query.orderId;
    if (query.customerId) where.customerId = query.customerId;
    const [rows, total] = await tx.findAndCount(RefundEntity, { where, order: { createdAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    const numbers = await orderNumbers(tx, rows);
    return { items: rows.map((r) => refundView(r, numbers.get(r.orderId) ?? '')), page, pageSize, total };
  }

  /**
   * The cashier pays a refund due from the money account it came in through: debit customer prepayments
   * (2203, owed to the customer since the cancellation), credit cash, bank or POS clearing.
   */
  @Handles(FinanceCatalog.payRefund)
  async payRefund(request: PayRefundRequest, { tx, actor, cause }: CommandContext): Promise<RefundView> {
    const refund = await this.refunds.get(tx, request.refundId);
    const { method, payeeName, payeeBank, payeeAccountNumber } = request;
    const paidOn = await cashierDateFor(tx, actor.userId);
    await this.refunds.apply(tx, refund, (r) => payRefund(r, { method, payeeName, payeeBank, payeeAccountNumber }, actor.userId, new Date(), paidOn), { actor, cause });
    const orderNumber = (await orderNumbers(tx, [refund])).get(refund.orderId) ?? refund.orderId;
    await post(tx, {
      sourceType: 'refund', sourceId: refund.id, customerId: refund.customerId, postedBy: actor.userId,
      memo: `Refund ${refund.number} by ${method} for ${refund.returnId ? 'returned goods of' : 'cancelled'} order ${orderNumber}`, lines: refundEntry(method, refund.amountFen),
    });
    return refundView(refund, orderNumber);
  }
}

async function orderNumbers(tx: CommandContext['tx'], rows: RefundEntity[]): Promise<Map<string, string>> {
  const ids = [...new Set(rows.map((r) => r.orderId))];
  if (!ids.length) return new Map();
  const accounts = await tx.createQueryBuilder(OrderAccountEntity, 'a').select(['a.orderId', 'a.orderNumber']).where('a.order_id = ANY(:ids)', { ids }).getMany();
  return new Map(accounts.map((a) => [a.orderId, a.orderNumber]));
}

function refundView(r: RefundEntity, orderNumber: string): RefundView {
  return {
    id: r.id, number: r.number, orderId: r.orderId, orderNumber, customerId: r.customerId, amountFen: r.amountFen, currency: 'CNY', method: r.method,
    sources: r.sources, reason: r.reason, status: r.status, createdBy: r.createdBy, createdAt: r.createdAt.toISOString(), paidMethod: r.paidMethod,
    paidBy: r.paidBy, paidAt: r.paidAt?.toISOString() ?? null, payee: r.payee, returnId: r.returnId,
  };
}

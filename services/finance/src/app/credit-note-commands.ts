import { Injectable } from '@nestjs/common';
import {
  FinanceCatalog, pageWindow, ReturnInvestigated, type CreditNoteView, type EventEnvelope, type IdRequest, type ListCreditNotesQuery, type Page, type ReturnInvestigatedData,
} from '@ops/contracts';
import { businessYear } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, OnEvent, type CommandContext } from '@ops/service-kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { creditNoteEntry, creditSplit, issueCreditNote, oweReturnRefund } from '../domain/credit-note.js';
import { creditAgainstOrder } from '../domain/order-account.js';
import { settle, settlementsOldestFirst } from '../domain/receivable.js';
import { CreditNoteEntity } from '../infra/persistence/credit-note.entities.js';
import { OrderAccountEntity, ReceivableEntity } from '../infra/persistence/finance.entities.js';
import { CreditNoteStore, OrderAccountStore, ReceivableStore, RefundStore } from '../infra/persistence/stores.js';
import { CustomerLedger } from './customer-ledger.js';
import { post } from './journal.js';

/**
 * Credit notes for returned goods (domain.md §4, returns; domain/credit-note.ts): issued when sales records the
 * investigation of a return, for the accepted goods at the price they were sold at. The credit first reduces
 * the order's open receivables (oldest due first), and the customer's new position goes to sales; the rest is
 * a refund due that names the return, paid by a cashier with `POST finance/refunds/{id}/pay`.
 */
@Injectable()
export class CreditNoteCommands {
  constructor(
    private readonly creditNotes: CreditNoteStore,
    private readonly accounts: OrderAccountStore,
    private readonly receivables: ReceivableStore,
    private readonly refunds: RefundStore,
    private readonly ledger: CustomerLedger,
  ) {}

  @OnEvent(ReturnInvestigated, 'issue-credit-note')
  async onReturnInvestigated(event: EventEnvelope<ReturnInvestigatedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    // Nothing accepted, nothing to credit: sales closes such a return itself.
    if (d.creditFen <= 0) return;
    // Safe to run again (a replay past the inbox): one credit note per return.
    if (await tx.existsBy(CreditNoteEntity, { returnId: d.returnId })) return;
    const acting = { actor: event.actor, cause: causedBy(event) };
    const account = await rowByKey(tx, OrderAccountEntity, 'orderId', d.orderId, { lock: true });
    if (!account) throw new Error(`return ${d.returnNumber} names order ${d.orderId}, which finance has not opened yet`);
    const open = await tx.find(ReceivableEntity, { where: { orderId: d.orderId, status: 'open' }, order: { dueDate: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const stillOwedFen = open.reduce((sum, r) => sum + (r.amountFen - r.settledFen), 0);
    const { toReceivableFen, refundFen } = creditSplit(d.creditFen, stillOwedFen);
    const id = uuidv7();
    const number = await nextDocumentNumber(tx, 'CN', businessYear());
    let refundId: string | null = null;
    if (refundFen > 0) {
      refundId = uuidv7();
      await this.refunds.create(tx, oweReturnRefund({
        id: refundId, number: await nextDocumentNumber(tx, 'RF', businessYear()), orderId: d.orderId, customerId: d.customerId, amountFen: refundFen,
        reason: `return ${d.returnNumber}: credit note ${number}`, createdBy: event.actor.userId, returnId: d.returnId,
      }, number), acting);
    }
    const step = issueCreditNote({
      id, number, returnId: d.returnId, returnNumber: d.returnNumber, orderId: d.orderId, orderNumber: account.orderNumber, customerId: d.customerId,
      customerName: account.customerName, amountFen: d.creditFen, issuedBy: event.actor.userId,
    }, d.lines.map((l) => ({ sku: l.sku, quantity: l.acceptedQuantity, unitPriceFen: l.unitPriceFen })), stillOwedFen, refundId);
    await this.creditNotes.create(tx, step, acting);
    await post(tx, {
      sourceType: 'credit_note', sourceId: id, customerId: d.customerId, postedBy: event.actor.userId,
      memo: `Credit note ${number} for return ${d.returnNumber} of order ${account.orderNumber}`, lines: creditNoteEntry(d.creditFen, toReceivableFen),
    });
    if (toReceivableFen > 0) {
      await this.accounts.apply(tx, account, (a) => creditAgainstOrder(a, number, toReceivableFen), acting);
      for (const { receivable, settleFen } of settlementsOldestFirst(open, toReceivableFen)) {
        await this.receivables.apply(tx, receivable, (r) => settle(r, settleFen, number), acting);
      }
      await this.ledger.reportReceivables(tx, d.customerId, `credit note ${number}`, acting);
      await this.ledger.followCollection(tx, d.customerId, `credit note ${number}`, acting);
    }
  }

  @Handles(FinanceCatalog.listCreditNotes)
  async listCreditNotes(query: ListCreditNotesQuery, { tx }: CommandContext): Promise<Page<CreditNoteView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { orderId, customerId, returnId, status } = query;
    const where: FindOptionsWhere<CreditNoteEntity> = Object.fromEntries(Object.entries({ orderId, customerId, returnId, status }).filter(([, value]) => value !== undefined));
    const [rows, total] = await tx.findAndCount(CreditNoteEntity, { where, order: { issuedAt: 'DESC', number: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(creditNoteView), page, pageSize, total };
  }

  @Handles(FinanceCatalog.getCreditNote)
  async getCreditNote(request: IdRequest, { tx }: CommandContext): Promise<CreditNoteView> {
    return creditNoteView(await this.creditNotes.get(tx, request.id, { lock: false }));
  }
}

function creditNoteView(c: CreditNoteEntity): CreditNoteView {
  return {
    id: c.id, number: c.number, status: c.status, returnId: c.returnId, returnNumber: c.returnNumber, orderId: c.orderId, orderNumber: c.orderNumber,
    customerId: c.customerId, customerName: c.customerName, amountFen: c.amountFen, netFen: c.netFen, vatFen: c.vatFen, currency: 'CNY',
    toReceivableFen: c.toReceivableFen, refundFen: c.refundFen, refundId: c.refundId,
    lines: c.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, amountFen: l.amountFen, netFen: l.netFen, vatRatePercent: l.vatRatePercent, vatFen: l.vatFen })),
    issuedBy: c.issuedBy, issuedAt: c.issuedAt.toISOString(),
  };
}

import { Injectable } from '@nestjs/common';
import {
  PurchaseOrderApproved, PurchaseReturnShipped, ReceiptAudited, SupplierSaved, type EventEnvelope, type PurchaseOrderApprovedData, type PurchaseReturnShippedData,
  type ReceiptAuditedData, type SupplierSavedData,
} from '@ops/contracts';
import { businessDate, formatFen } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { OnEvent, type Acting } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { applySupplierTerms, payableEntry, prepaymentUseEntry, purchaseReturnEntry, raisePayable, remainingOf, returnAllocation, settlePayable } from '../domain/payable.js';
import { applySupplierRecord, holdPrepayment, usePrepayment } from '../domain/supplier-account.js';
import { awaitPrepayment } from '../domain/po-prepayment.js';
import { PayableEntity, PoPrepaymentEntity, PurchaseReturnBookedEntity, type SupplierAccountEntity } from '../infra/persistence/payables.entities.js';
import { PayableStore, PoPrepaymentStore, SupplierAccountStore } from '../infra/persistence/payables.stores.js';
import { post } from './journal.js';

/**
 * What finance does with purchasing's events (libs/contracts inventory/purchasing-events.ts): keeps its copy of
 * suppliers, raises a payable per audited receipt, lowers payables by purchase returns, and notes the prepayment an
 * approved purchase order requires. Each is safe to run again (one payable per receipt, one booking per return).
 *
 * Events may arrive out of order: a receipt of a supplier finance has not heard of is still raised (terms 0,
 * provisional), rather than retried until the supplier arrives, because the goods are in stock and the books must
 * show what is owed now; the due date follows the terms when the record comes.
 */
@Injectable()
export class PayableReactions {
  constructor(private readonly suppliers: SupplierAccountStore, private readonly payables: PayableStore, private readonly prepayments: PoPrepaymentStore) {}

  @OnEvent(SupplierSaved, 'keep-supplier-account')
  async onSupplierSaved(event: EventEnvelope<SupplierSavedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const acting = { actor: event.actor, cause: causedBy(event) };
    const account = await this.suppliers.lock(tx, d.supplierId);
    const { step } = await this.suppliers.apply(tx, account, (a) => applySupplierRecord(a, {
      code: d.code, name: d.name, kind: d.kind, taxId: d.taxId ?? null, paymentTermsDays: d.paymentTermsDays, bankAccount: d.bankAccount ?? null,
      bankName: d.bankName ?? null, active: d.active, revision: d.revision,
    }), acting);
    if (!step.applied) return;
    const provisional = await tx.find(PayableEntity, { where: { supplierId: d.supplierId, status: 'open', termsProvisional: true }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    for (const payable of provisional) await this.payables.apply(tx, payable, (p) => applySupplierTerms(p, d.paymentTermsDays), acting);
  }

  /** Goods audited into stock: the payable for exactly the receipt's amount, and the supplier's prepayment used against it. */
  @OnEvent(ReceiptAudited, 'raise-supplier-payable')
  async onReceiptAudited(event: EventEnvelope<ReceiptAuditedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    if (d.amountFen <= 0) return;
    const acting = { actor: event.actor, cause: causedBy(event) };
    // The supplier's lock first: the same receipt heard twice at once waits here, then finds its payable.
    const supplier = await this.suppliers.lock(tx, d.supplierId);
    if (await tx.existsBy(PayableEntity, { receiptId: d.receiptId })) return;
    const step = raisePayable({
      id: uuidv7(), supplierId: d.supplierId, receiptId: d.receiptId, receiptNumber: d.receiptNumber, purchaseOrderId: d.purchaseOrderId ?? null,
      purchaseOrderNumber: d.purchaseOrderNumber ?? null, amountFen: d.amountFen, auditDate: businessDate(new Date(d.auditedAt)),
    }, supplier.revision > 0 ? supplier : null);
    const payable = await this.payables.create(tx, step, acting);
    await post(tx, {
      sourceType: 'payable', sourceId: payable.id, customerId: null, postedBy: event.actor.userId,
      memo: `Receipt ${d.receiptNumber} audited: owed to supplier ${supplier.code || d.supplierId}`, lines: payableEntry(d.amountFen),
    });
    await useHeldPrepayment(tx, this.suppliers, this.payables, supplier, payable, acting);
  }

  /** Goods sent back: the named receipt's open payable first, then the supplier's oldest; the rest is the supplier's credit. */
  @OnEvent(PurchaseReturnShipped, 'book-purchase-return')
  async onPurchaseReturnShipped(event: EventEnvelope<PurchaseReturnShippedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    if (d.amountFen <= 0) return;
    const acting = { actor: event.actor, cause: causedBy(event) };
    const supplier = await this.suppliers.lock(tx, d.supplierId);
    if (await tx.existsBy(PurchaseReturnBookedEntity, { purchaseReturnId: d.purchaseReturnId })) return;
    const open = await tx.find(PayableEntity, { where: { supplierId: d.supplierId, status: 'open' }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const named = d.receiptId ? (open.find((p) => p.receiptId === d.receiptId) ?? null) : null;
    const { allocations, creditFen } = returnAllocation(d.amountFen, named, open);
    const why = `purchase return ${d.number}`;
    for (const { payable, fen } of allocations) await this.payables.apply(tx, payable, (p) => settlePayable(p, fen, why, { returned: true }), acting);
    if (creditFen > 0) await this.suppliers.apply(tx, supplier, (a) => holdPrepayment(a, creditFen, `${why} with nothing owed: supplier credit`), acting);
    await tx.insert(PurchaseReturnBookedEntity, {
      purchaseReturnId: d.purchaseReturnId, number: d.number, supplierId: d.supplierId, receiptId: d.receiptId ?? null, amountFen: d.amountFen,
      toPayablesFen: d.amountFen - creditFen, creditFen,
    });
    await post(tx, {
      sourceType: 'purchase_return', sourceId: d.purchaseReturnId, customerId: null, postedBy: event.actor.userId,
      memo: `Purchase return ${d.number}${d.receiptNumber ? ` of receipt ${d.receiptNumber}` : ''}: ${formatFen(d.amountFen - creditFen)} off payables, ${formatFen(creditFen)} supplier credit`,
      lines: purchaseReturnEntry(d.amountFen, d.amountFen - creditFen),
    });
  }

  /** An approved order that requires a prepayment waits for it (listable); one without does nothing here. */
  @OnEvent(PurchaseOrderApproved, 'await-po-prepayment')
  async onPurchaseOrderApproved(event: EventEnvelope<PurchaseOrderApprovedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    if (d.prepaymentFen <= 0) return;
    await this.suppliers.lock(tx, d.supplierId);
    if (await tx.existsBy(PoPrepaymentEntity, { purchaseOrderId: d.purchaseOrderId })) return;
    const step = awaitPrepayment<PoPrepaymentEntity>({
      purchaseOrderId: d.purchaseOrderId, purchaseOrderNumber: d.number, supplierId: d.supplierId, orderAmountFen: d.amountFen, requiredFen: d.prepaymentFen,
      approvedAt: new Date(d.approvedAt),
    });
    await this.prepayments.create(tx, step, actingOf(event));
  }
}

const actingOf = (event: EventEnvelope<unknown>): Acting => ({ actor: event.actor, cause: causedBy(event) });

/**
 * The supplier's prepayment, when it holds some, settles a payable at once (debit 2202, credit 1123): money paid
 * ahead or beyond what was owed is used on the next settlement without anyone asking.
 */
export async function useHeldPrepayment(tx: EntityManager, suppliers: SupplierAccountStore, payables: PayableStore, supplier: SupplierAccountEntity, payable: PayableEntity, acting: Acting): Promise<number> {
  const fen = Math.min(supplier.prepaymentFen, remainingOf(payable));
  if (fen <= 0) return 0;
  const why = `prepayment used on receipt ${payable.receiptNumber}`;
  await suppliers.apply(tx, supplier, (a) => usePrepayment(a, fen, why), acting);
  await payables.apply(tx, payable, (p) => settlePayable(p, fen, why), acting);
  await post(tx, { sourceType: 'supplier_prepayment_use', sourceId: payable.id, customerId: null, postedBy: acting.actor.userId, memo: `Supplier ${supplier.code || supplier.id}: ${why}`, lines: prepaymentUseEntry(fen) });
  return fen;
}

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import type { CashierDay } from '../../domain/cashier-day.js';
import type { CustomerBalance } from '../../domain/customer-balance.js';
import type { Invoice } from '../../domain/invoice.js';
import type { OrderAccount } from '../../domain/order-account.js';
import type { Receipt } from '../../domain/receipt.js';
import type { Receivable } from '../../domain/receivable.js';
import type { Refund } from '../../domain/refund.js';
import { CASH_OFFICE_STORES } from './cash-office.stores.js';
import { PAYABLE_STORES } from './payables.stores.js';
import { CreditNoteEntity } from './credit-note.entities.js';
import type { CreditNote } from '../../domain/credit-note.js';
import { CashierDayEntity, CustomerBalanceEntity, InvoiceEntity, OrderAccountEntity, ReceiptEntity, ReceivableEntity, RefundEntity } from './finance.entities.js';

/** Order accounts: the only writer of their money, payment confirmation and cancellation. */
@Injectable()
export class OrderAccountStore extends AggregateStore<OrderAccountEntity, OrderAccount> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'order-account', entity: OrderAccountEntity, key: 'orderId',
      notFound: (id) => new DomainError('not_found', 'order-account-not-found', `Finance has no account for order ${id}`),
    }, outbox);
  }
}

@Injectable()
export class ReceiptStore extends AggregateStore<ReceiptEntity, Receipt> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'receipt', entity: ReceiptEntity, notFound: (id) => new DomainError('not_found', 'receipt-not-found', `No receipt ${id}`) }, outbox);
  }
}

@Injectable()
export class InvoiceStore extends AggregateStore<InvoiceEntity, Invoice> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'invoice', entity: InvoiceEntity, notFound: (id) => new DomainError('not_found', 'invoice-not-found', `No invoice ${id}`) }, outbox);
  }
}

@Injectable()
export class ReceivableStore extends AggregateStore<ReceivableEntity, Receivable> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'receivable', entity: ReceivableEntity, notFound: (id) => new DomainError('not_found', 'receivable-not-found', `No receivable ${id}`) }, outbox);
  }
}

/** Per customer: prepayment held, the receivable position sales last heard of, and the credit hold. */
@Injectable()
export class CustomerBalanceStore extends AggregateStore<CustomerBalanceEntity, CustomerBalance> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'customer-balance', entity: CustomerBalanceEntity, key: 'customerId',
      notFound: (id) => new DomainError('not_found', 'customer-balance-not-found', `Finance holds nothing for customer ${id}`),
    }, outbox);
  }

  /**
   * The customer's row under a write lock, made (all zero, supplied) when finance first meets the
   * customer: one writer per customer at a time.
   */
  async lock(tx: EntityManager, customerId: string): Promise<CustomerBalanceEntity> {
    await tx.query(`INSERT INTO customer_balances (customer_id) VALUES ($1) ON CONFLICT DO NOTHING`, [customerId]);
    return this.get(tx, customerId);
  }
}

/** Refunds of cancelled orders: the only writer of their status (due → paid). */
@Injectable()
export class RefundStore extends AggregateStore<RefundEntity, Refund> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'refund', entity: RefundEntity, notFound: (id) => new DomainError('not_found', 'refund-not-found', `No refund ${id}`) }, outbox);
  }
}


@Injectable()
export class CashierDayStore extends AggregateStore<CashierDayEntity, CashierDay> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'cashier-day', entity: CashierDayEntity, notFound: (id) => new DomainError('not_found', 'cashier-day-not-found', `No cashier day ${id}`) }, outbox);
  }
}

/** Credit notes for returned goods: written here only. */
@Injectable()
export class CreditNoteStore extends AggregateStore<CreditNoteEntity, CreditNote> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'credit-note', entity: CreditNoteEntity, notFound: (id) => new DomainError('not_found', 'credit-note-not-found', `No credit note ${id}`) }, outbox);
  }
}

export const FINANCE_STORES = [CreditNoteStore, OrderAccountStore, ReceiptStore, InvoiceStore, ReceivableStore, CustomerBalanceStore, RefundStore, CashierDayStore, ...CASH_OFFICE_STORES, ...PAYABLE_STORES];

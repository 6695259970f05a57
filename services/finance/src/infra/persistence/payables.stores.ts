import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import type { Payable } from '../../domain/payable.js';
import type { SupplierAccount } from '../../domain/supplier-account.js';
import type { PaymentRequest } from '../../domain/supplier-payment.js';
import { PayableEntity, PaymentRequestEntity, PoPrepaymentEntity, SupplierAccountEntity } from './payables.entities.js';

/** Suppliers as finance knows them, with the prepayment held: the only writer of that balance. */
@Injectable()
export class SupplierAccountStore extends AggregateStore<SupplierAccountEntity, SupplierAccount> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'supplier-account', entity: SupplierAccountEntity, notFound: (id) => new DomainError('not_found', 'supplier-not-found', `Finance knows no supplier ${id}`) }, outbox);
  }

  /**
   * The supplier's row under a write lock, made (revision 0, nothing held) when a payable names a supplier whose
   * record has not arrived yet: one writer of a supplier's money at a time, always locked before its payables.
   */
  async lock(tx: EntityManager, supplierId: string): Promise<SupplierAccountEntity> {
    await tx.query(`INSERT INTO supplier_accounts (id) VALUES ($1) ON CONFLICT DO NOTHING`, [supplierId]);
    return this.get(tx, supplierId);
  }
}

/** Supplier payables: the only writer of their status (open → settled). */
@Injectable()
export class PayableStore extends AggregateStore<PayableEntity, Payable> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'payable', entity: PayableEntity, notFound: (id) => new DomainError('not_found', 'payable-not-found', `No payable ${id}`) }, outbox);
  }
}

/** Purchase orders' required prepayments: the only writer of their status (awaiting → paid). */
@Injectable()
export class PoPrepaymentStore extends AggregateStore<PoPrepaymentEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'po-prepayment', entity: PoPrepaymentEntity, key: 'purchaseOrderId',
      notFound: (id) => new DomainError('not_found', 'po-prepayment-not-found', `No prepayment is required for purchase order ${id}`),
    }, outbox);
  }
}

/** Supplier payment requests: the only writer of their status (submitted → manager_approved → approved → paid / rejected). */
@Injectable()
export class PaymentRequestStore extends AggregateStore<PaymentRequestEntity, PaymentRequest> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'payment-request', entity: PaymentRequestEntity, notFound: (id) => new DomainError('not_found', 'payment-request-not-found', `No payment request ${id}`) }, outbox);
  }
}

export const PAYABLE_STORES = [SupplierAccountStore, PayableStore, PoPrepaymentStore, PaymentRequestStore];

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { Voucher } from '../../domain/voucher.js';
import { AccountingPeriodEntity, VoucherEntity } from './voucher.entities.js';

/** Vouchers: the only writer of their status (draft → submitted → posted | rejected → draft). */
@Injectable()
export class VoucherStore extends AggregateStore<VoucherEntity, Voucher> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'voucher', entity: VoucherEntity, notFound: (id) => new DomainError('not_found', 'voucher-not-found', `No voucher ${id}`) }, outbox);
  }
}

/** Closed months: the only writer of a period's row (made once, closed). */
@Injectable()
export class AccountingPeriodStore extends AggregateStore<AccountingPeriodEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'accounting-period', entity: AccountingPeriodEntity, key: 'month', notFound: (month) => new DomainError('not_found', 'period-not-found', `No closed month ${month}`) }, outbox);
  }
}

export const VOUCHER_STORES = [VoucherStore, AccountingPeriodStore];

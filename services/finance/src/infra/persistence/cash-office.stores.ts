import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { BankDeposit } from '../../domain/bank-deposit.js';
import type { CashHandover } from '../../domain/cash-handover.js';
import { BankDepositEntity, CashHandoverEntity } from './cash-office.entities.js';

/** Cash handovers: the only writer of their status (handed → received). */
@Injectable()
export class CashHandoverStore extends AggregateStore<CashHandoverEntity, CashHandover> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'cash-handover', entity: CashHandoverEntity, notFound: (id) => new DomainError('not_found', 'cash-handover-not-found', `No cash handover ${id}`) }, outbox);
  }
}

/** Deposit runs: the only writer of their status (scheduled → deposited), and of the escort request they publish. */
@Injectable()
export class BankDepositStore extends AggregateStore<BankDepositEntity, BankDeposit> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'bank-deposit', entity: BankDepositEntity, notFound: (id) => new DomainError('not_found', 'bank-deposit-not-found', `No bank deposit run ${id}`) }, outbox);
  }
}

export const CASH_OFFICE_STORES = [CashHandoverStore, BankDepositStore];

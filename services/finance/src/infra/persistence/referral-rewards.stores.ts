import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { FinanceReferralRewardEntity } from './referral-rewards.entities.js';

/** Referral rewards in finance: the only writer of their status; the rejection and the payment go out with their step. */
@Injectable()
export class FinanceReferralRewardStore extends AggregateStore<FinanceReferralRewardEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'referral-reward', entity: FinanceReferralRewardEntity, notFound: (id) => new DomainError('not_found', 'referral-reward-not-found', `No referral reward ${id}`) }, outbox);
  }
}

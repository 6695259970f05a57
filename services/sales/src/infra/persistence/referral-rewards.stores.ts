import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { ReferralRewardEntity } from './referral-rewards.entities.js';

/** Referral rewards: the only writer of their status; `sales.referral-reward.confirmed` goes out with the manager's confirmation. */
@Injectable()
export class ReferralRewardStore extends AggregateStore<ReferralRewardEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'referral-reward', entity: ReferralRewardEntity, notFound: (id) => new DomainError('not_found', 'referral-reward-not-found', `No referral reward ${id}`) }, outbox);
  }
}

export const REFERRAL_REWARD_STORES = [ReferralRewardStore];

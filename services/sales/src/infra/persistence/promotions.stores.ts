import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { rowsWhere } from '@ops/persistence';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { PriceHoldEntity, PromotionEntity } from './promotions.entities.js';

/** Promotions: the only writer of their status; `sales.promotion.approved` / `.ended` go out with the step. */
@Injectable()
export class PromotionStore extends AggregateStore<PromotionEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'promotion', entity: PromotionEntity, notFound: (id) => new DomainError('not_found', 'promotion-not-found', `No promotion ${id}`) }, outbox);
  }
}

/** Price holds: the only writer of their status (active, used by an order, cancelled). */
@Injectable()
export class PriceHoldStore extends AggregateStore<PriceHoldEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'price-hold', entity: PriceHoldEntity, notFound: (id) => new DomainError('not_found', 'price-hold-not-found', `No price hold ${id}`) }, outbox);
  }
}

export const PROMOTION_STORES = [PromotionStore, PriceHoldStore];

/**
 * The promotions in force on `date` for any of `skus`: one query over the GIN index of approved promotions. The hot
 * path of placing an order; the window is inclusive on both ends.
 */
export function promotionsInForce(tx: EntityManager, skus: string[], date: string): Promise<PromotionEntity[]> {
  return rowsWhere(tx, PromotionEntity, "{status} = 'approved' AND {skus} && $1::text[] AND {startsOn} <= $2 AND {endsOn} >= $2", [skus, date]);
}

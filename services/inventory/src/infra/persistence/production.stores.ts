import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { ProductionOrder } from '../../domain/production-order.js';
import { ProductionOrderEntity } from './production.entities.js';

/** Production orders: the only writer of an order's status and of its steps (jsonb, changed only under the order's lock). */
@Injectable()
export class ProductionOrderStore extends AggregateStore<ProductionOrderEntity, ProductionOrder> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'production-order',
      entity: ProductionOrderEntity,
      notFound: (id) => new DomainError('not_found', 'production-order-not-found', `No production order ${id}`),
    }, outbox);
  }
}

export const PRODUCTION_STORES = [ProductionOrderStore];

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { CreditChangeEntity, CustomerEntity, OrderEntity, PriceListEntity, ReturnEntity } from './sales.entities.js';
import { RECEPTION_STORES } from './reception.stores.js';

/** Orders: the only writer of an order's status and sub-states. */
@Injectable()
export class OrderStore extends AggregateStore<OrderEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'order', entity: OrderEntity, notFound: (id) => new DomainError('not_found', 'order-not-found', `No order ${id}`) }, outbox);
  }
}

@Injectable()
export class CreditChangeStore extends AggregateStore<CreditChangeEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'credit-change', entity: CreditChangeEntity, notFound: (id) => new DomainError('not_found', 'credit-change-not-found', `No credit change ${id}`) }, outbox);
  }
}

@Injectable()
export class PriceListStore extends AggregateStore<PriceListEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'price-list', entity: PriceListEntity, notFound: (id) => new DomainError('not_found', 'price-list-not-found', `No price list ${id}`) }, outbox);
  }
}

/**
 * Customers have no life cycle of states, but their credit terms are what people dispute: every change
 * goes through here so its before and after are kept in the history.
 */
@Injectable()
export class CustomerStore extends AggregateStore<CustomerEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'customer', entity: CustomerEntity, notFound: (id) => new DomainError('not_found', 'customer-not-found', `No customer ${id}`) }, outbox);
  }
}

/** Returns (RMA): the only writer of a return's status. */
@Injectable()
export class ReturnStore extends AggregateStore<ReturnEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'return', entity: ReturnEntity, notFound: (id) => new DomainError('not_found', 'return-not-found', `No return ${id}`) }, outbox);
  }
}

export const SALES_STORES = [ReturnStore, OrderStore, CreditChangeStore, PriceListStore, CustomerStore, ...RECEPTION_STORES];

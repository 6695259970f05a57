import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { OutletEntity, TillTicketEntity } from './outlet.entities.js';

/** Outlets: the only writer of an outlet's status (active, closed). */
@Injectable()
export class OutletStore extends AggregateStore<OutletEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'outlet', entity: OutletEntity, notFound: (id) => new DomainError('not_found', 'outlet-not-found', `No outlet ${id}`) }, outbox);
  }
}

/** Till tickets: the only writer of a ticket's status, number and totals; its paid and voided events go out with them. */
@Injectable()
export class TillTicketStore extends AggregateStore<TillTicketEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'till-ticket', entity: TillTicketEntity, notFound: (id) => new DomainError('not_found', 'ticket-not-found', `No till ticket ${id}`) }, outbox);
  }
}

export const TILL_STORES = [OutletStore, TillTicketStore];

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { ShiftHandoverEntity } from './outlet-day.entities.js';
import { DrinksSlipEntity } from './outlet.entities.js';

/** Drinks slips: the only writer of a slip's status (written, made, served, cancelled) and of the ticket it landed on. */
@Injectable()
export class DrinksSlipStore extends AggregateStore<DrinksSlipEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'drinks-slip', entity: DrinksSlipEntity, notFound: (id) => new DomainError('not_found', 'drinks-slip-not-found', `No drinks slip ${id}`) }, outbox);
  }
}

/** Shift handovers: the only writer of a handover's status; its `sales.shift.handed-over` goes out with the confirmation. */
@Injectable()
export class ShiftHandoverStore extends AggregateStore<ShiftHandoverEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'shift-handover', entity: ShiftHandoverEntity, notFound: (id) => new DomainError('not_found', 'handover-not-found', `No shift handover ${id}`) }, outbox);
  }
}

export const OUTLET_DAY_STORES = [DrinksSlipStore, ShiftHandoverStore];

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { DutyHandoverEntity, EscortEntity, FootageHoldEntity, VisitorEntity } from './watch.entities.js';

/** Monitoring room handovers: the only writer of whether one is confirmed. */
@Injectable()
export class DutyHandoverStore extends AggregateStore<DutyHandoverEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'duty-handover', entity: DutyHandoverEntity, notFound: (id) => new DomainError('not_found', 'duty-handover-not-found', `No duty handover ${id}`) }, outbox);
  }
}

/** Footage holds: the only writer of whether one is released. */
@Injectable()
export class FootageHoldStore extends AggregateStore<FootageHoldEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'footage-hold', entity: FootageHoldEntity, notFound: (id) => new DomainError('not_found', 'footage-hold-not-found', `No footage hold ${id}`) }, outbox);
  }
}

/** Visits: the only writer of whether a visitor is on site. */
@Injectable()
export class VisitorStore extends AggregateStore<VisitorEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'visitor', entity: VisitorEntity, notFound: (id) => new DomainError('not_found', 'visitor-not-found', `No visitor ${id}`) }, outbox);
  }
}

/** Cash escorts: the only writer of an escort's status. */
@Injectable()
export class EscortStore extends AggregateStore<EscortEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'escort', entity: EscortEntity, notFound: (id) => new DomainError('not_found', 'escort-not-found', `No escort ${id}`) }, outbox);
  }
}

export const WATCH_STORES = [DutyHandoverStore, FootageHoldStore, VisitorStore, EscortStore];

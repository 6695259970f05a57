import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { ExpectedExitEntity, GateCheckEntity, IncidentEntity } from './security.entities.js';

/** Incidents: the only writer of an incident's status. */
@Injectable()
export class IncidentStore extends AggregateStore<IncidentEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'incident', entity: IncidentEntity, notFound: (id) => new DomainError('not_found', 'incident-not-found', `No incident ${id}`) }, outbox);
  }
}

/** Shipments the gate expects, keyed by shipment: the only writer of whether one has been cleared to leave. */
@Injectable()
export class ExpectedExitStore extends AggregateStore<ExpectedExitEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'expected-exit', entity: ExpectedExitEntity, key: 'shipmentId',
      notFound: (id) => new DomainError('not_found', 'expected-exit-not-found', `No shipment ${id} is expected at the gate`),
    }, outbox);
  }
}

/** Gate checks are recorded once and never change; their outcome is written here so each has its line in the history. */
@Injectable()
export class GateCheckStore extends AggregateStore<GateCheckEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'gate-check', entity: GateCheckEntity, notFound: (id) => new DomainError('not_found', 'gate-check-not-found', `No gate check ${id}`) }, outbox);
  }
}

export const SECURITY_STORES = [IncidentStore, ExpectedExitStore, GateCheckStore];

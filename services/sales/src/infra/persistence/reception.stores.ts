import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { LeadDisputeEntity, LeadEntity, ReceptionEntity, TargetEntity } from './reception.entities.js';

/** Receptions: written once (the staff-visitor event goes out with it), then only their outcome. */
@Injectable()
export class ReceptionStore extends AggregateStore<ReceptionEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'reception', entity: ReceptionEntity, notFound: (id) => new DomainError('not_found', 'reception-not-found', `No reception ${id}`) }, outbox);
  }
}

/** Leads: the only writer of a lead's status and owners, each change in its history. */
@Injectable()
export class LeadStore extends AggregateStore<LeadEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'lead', entity: LeadEntity, notFound: (id) => new DomainError('not_found', 'lead-not-found', `No lead ${id}`) }, outbox);
  }
}

@Injectable()
export class LeadDisputeStore extends AggregateStore<LeadDisputeEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'lead-dispute', entity: LeadDisputeEntity, notFound: (id) => new DomainError('not_found', 'lead-dispute-not-found', `No lead dispute ${id}`) }, outbox);
  }
}

/** Sales targets: the only writer of a target's status and amounts. */
@Injectable()
export class TargetStore extends AggregateStore<TargetEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'sales-target', entity: TargetEntity, notFound: (id) => new DomainError('not_found', 'target-not-found', `No sales target ${id}`) }, outbox);
  }
}

export const RECEPTION_STORES = [ReceptionStore, LeadStore, LeadDisputeStore, TargetStore];

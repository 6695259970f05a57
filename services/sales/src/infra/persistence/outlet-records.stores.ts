import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { OutletComplaintEntity, OutletReplenishmentEntity, OutletWasteEntity } from './outlet-records.entities.js';

/** Outlet waste: the only writer of its status and cost; `sales.outlet-waste.approved` goes out with the approval. */
@Injectable()
export class OutletWasteStore extends AggregateStore<OutletWasteEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'outlet-waste', entity: OutletWasteEntity, notFound: (id) => new DomainError('not_found', 'waste-not-found', `No waste record ${id}`) }, outbox);
  }
}

/** Customer complaints at an outlet: the only writer of their status. */
@Injectable()
export class OutletComplaintStore extends AggregateStore<OutletComplaintEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'outlet-complaint', entity: OutletComplaintEntity, notFound: (id) => new DomainError('not_found', 'complaint-not-found', `No complaint ${id}`) }, outbox);
  }
}

/** Replenishment requests: the only writer of their status; `sales.replenishment.requested` goes out with the request. */
@Injectable()
export class ReplenishmentStore extends AggregateStore<OutletReplenishmentEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'replenishment', entity: OutletReplenishmentEntity, notFound: (id) => new DomainError('not_found', 'replenishment-not-found', `No replenishment request ${id}`) }, outbox);
  }
}

export const OUTLET_RECORDS_STORES = [OutletWasteStore, OutletComplaintStore, ReplenishmentStore];

import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { MaterialRequest } from '../../domain/material-request.js';
import { MaterialRequestEntity } from './material-requests.entities.js';

/** Material requests: the only writer of a request's status; its history goes with each change. */
@Injectable()
export class MaterialRequestStore extends AggregateStore<MaterialRequestEntity, MaterialRequest> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'material-request',
      entity: MaterialRequestEntity,
      notFound: (id) => new DomainError('not_found', 'material-request-not-found', `No material request ${id}`),
    }, outbox);
  }
}

export const MATERIAL_REQUEST_STORES = [MaterialRequestStore];

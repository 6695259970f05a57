import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { PurchaseReturn } from '../../domain/purchase-return.js';
import { PurchaseReturnEntity } from './purchase-returns.entities.js';

/** Purchase returns: the only writer of a return's status; its history and `inventory.purchase-return.shipped` go with each change. */
@Injectable()
export class PurchaseReturnStore extends AggregateStore<PurchaseReturnEntity, PurchaseReturn> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'purchase-return',
      entity: PurchaseReturnEntity,
      notFound: (id) => new DomainError('not_found', 'purchase-return-not-found', `No purchase return ${id}`),
    }, outbox);
  }
}

export const PURCHASE_RETURN_STORES = [PurchaseReturnStore];

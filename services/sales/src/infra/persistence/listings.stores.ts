import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { Listing } from '../../domain/listing.js';
import { ListingEntity } from './listings.entities.js';

/** Listings: the only writer of their status and fields; `sales.listing.*` go out with the step that raised them. */
@Injectable()
export class ListingStore extends AggregateStore<ListingEntity, Listing> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'listing', entity: ListingEntity, notFound: (id) => new DomainError('not_found', 'listing-not-found', `No listing ${id}`) }, outbox);
  }
}

export const LISTING_STORES = [ListingStore];

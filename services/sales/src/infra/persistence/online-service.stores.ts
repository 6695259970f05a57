import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import { BusinessAccountEntity, ServiceTicketEntity } from './online-service.entities.js';

/** Business accounts: the only writer of their status; `sales.business-account.approved` and `.suspended` go out with the step. */
@Injectable()
export class BusinessAccountStore extends AggregateStore<BusinessAccountEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'business-account', entity: BusinessAccountEntity, notFound: (id) => new DomainError('not_found', 'business-account-not-found', `No business account ${id}`) }, outbox);
  }
}

/** Service tickets: the only writer of their status, owner and conversation. */
@Injectable()
export class ServiceTicketStore extends AggregateStore<ServiceTicketEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'service-ticket', entity: ServiceTicketEntity, notFound: (id) => new DomainError('not_found', 'service-ticket-not-found', `No service ticket ${id}`) }, outbox);
  }
}

export const ONLINE_SERVICE_STORES = [BusinessAccountStore, ServiceTicketStore];

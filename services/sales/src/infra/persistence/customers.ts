import { DomainError } from '@ops/kernel';
import { rowByKey } from '@ops/persistence';
import type { EntityManager } from 'typeorm';
import { CustomerEntity } from './sales.entities.js';

/**
 * The customer a request's `customerId` names, or a 422 on that field: a document can only be made out to a
 * customer sales knows. `lock` takes the row for update (a credit order weighed against the orders before it).
 */
export async function namedCustomer(tx: EntityManager, id: string, options: { lock?: boolean } = {}): Promise<CustomerEntity> {
  const customer = await rowByKey(tx, CustomerEntity, 'id', id, { lock: options.lock ?? false });
  if (!customer) throw new DomainError('rule_violated', 'unknown-customer', `No customer ${id}`, [{ field: 'customerId', message: 'names no customer' }]);
  return customer;
}

import type { Catalog, Operation, Owner } from './catalog.js';
import { FinanceCatalog } from './finance/catalog.js';
import { IdentityCatalog } from './identity/catalog.js';
import { InventoryCatalog } from './inventory/catalog.js';
import { SalesCatalog } from './sales/catalog.js';
import { SecurityCatalog } from './security/catalog.js';

/** Every catalogue, by owner: what the platform answers, in one table. */
export const CATALOGS: Readonly<Record<Owner, Catalog>> = {
  sales: SalesCatalog,
  finance: FinanceCatalog,
  inventory: InventoryCatalog,
  security: SecurityCatalog,
  identity: IdentityCatalog,
};

/**
 * Each owner's operations by wire name. The gateway and the service both look one up on every request, and a
 * scan of the catalogue (up to 150 entries, in an array made each time) showed in the host's profile.
 */
const BY_NAME: ReadonlyMap<string, ReadonlyMap<string, Operation>> = new Map(
  Object.entries(CATALOGS).map(([owner, catalog]) => [owner, new Map(Object.values(catalog).map((op) => [op.name, op]))]),
);

/** The operation `owner` answers under the wire name `name`, if any. */
export function operationNamed(owner: Owner, name: string): Operation | undefined {
  return BY_NAME.get(owner)?.get(name);
}

export function allOperations(): Operation[] {
  return Object.values(CATALOGS).flatMap((catalog) => Object.values(catalog));
}

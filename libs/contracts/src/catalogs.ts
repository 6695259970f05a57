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

/** The operation `owner` answers under the wire name `name`, if any. */
export function operationNamed(owner: Owner, name: string): Operation | undefined {
  return Object.values(CATALOGS[owner] ?? {}).find((op) => op.name === name);
}

export function allOperations(): Operation[] {
  return Object.values(CATALOGS).flatMap((catalog) => Object.values(catalog));
}

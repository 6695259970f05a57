import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { INVENTORY_HANDLERS, InventoryModule } from './inventory.module.js';

export { INVENTORY_HANDLERS, InventoryModule };

export function startInventory(config: ServiceConfig = loadServiceConfig('inventory')) {
  return startApp(InventoryModule.forRoot(config), config.httpHost, config.httpPort);
}
export { closeOnSignals } from '@ops/service-kit';
/** The monthly stocktake's job, for tests that run a given business date. */
export { StocktakeSchedule } from './app/stocktake-schedule.js';
/** Material requests raised in a test's own transaction, as releasing a production order raises them. */
export { MaterialRequestDesk } from './app/material-requests.js';
/** The ledger's rules, for tests that hold a running platform's books against them. */
export { ledgerProblems, type LedgerBooks } from './domain/stock-ledger.js';

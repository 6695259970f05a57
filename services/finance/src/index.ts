import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { CollectionLadder } from './app/collection-ladder.js';
import { ReceivableWatch } from './app/receivable-watch.js';
import { FINANCE_HANDLERS, FinanceModule } from './finance.module.js';

/** Platform tests run the overdue scan and the collection ladder on demand, and hold the handlers against the catalogue. */
export { CollectionLadder, FINANCE_HANDLERS, FinanceModule, ReceivableWatch };

export function startFinance(config: ServiceConfig = loadServiceConfig('finance')) {
  return startApp(FinanceModule.forRoot(config), config.httpHost, config.httpPort);
}
export { closeOnSignals } from '@ops/service-kit';

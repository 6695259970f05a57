import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { ReceivableWatch } from './app/receivable-watch.js';
import { FinanceModule } from './finance.module.js';

/** ReceivableWatch is exported so platform tests can run the overdue scan on demand. */
export { FinanceModule, ReceivableWatch };

export function startFinance(config: ServiceConfig = loadServiceConfig('finance')) {
  return startApp(FinanceModule.forRoot(config), config.httpHost, config.httpPort);
}

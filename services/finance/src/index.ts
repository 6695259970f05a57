import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { ReceivableWatch } from './app/receivable-watch.js';
import { FINANCE_HANDLERS, FinanceModule } from './finance.module.js';

/** Platform tests run the overdue scan on demand (ReceivableWatch) and hold the handlers against the catalogue. */
export { FINANCE_HANDLERS, FinanceModule, ReceivableWatch };

export function startFinance(config: ServiceConfig = loadServiceConfig('finance')) {
  return startApp(FinanceModule.forRoot(config), config.httpHost, config.httpPort);
}
export { closeOnSignals } from '@ops/service-kit';

import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { SALES_HANDLERS, SalesModule } from './sales.module.js';

export { SALES_HANDLERS, SalesModule };

export function startSales(config: ServiceConfig = loadServiceConfig('sales')) {
  return startApp(SalesModule.forRoot(config), config.httpHost, config.httpPort);
}
export { closeOnSignals } from '@ops/service-kit';

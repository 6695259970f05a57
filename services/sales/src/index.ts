import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { SalesModule } from './sales.module.js';

export { SalesModule };

export function startSales(config: ServiceConfig = loadServiceConfig('sales')) {
  return startApp(SalesModule.forRoot(config), config.httpHost, config.httpPort);
}

import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { FinanceModule } from './finance.module.js';

export { FinanceModule };

export function startFinance(config: ServiceConfig = loadServiceConfig('finance')) {
  return startApp(FinanceModule.forRoot(config), config.httpHost, config.httpPort);
}

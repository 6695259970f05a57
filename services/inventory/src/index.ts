import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { InventoryModule } from './inventory.module.js';

export { InventoryModule };

export function startInventory(config: ServiceConfig = loadServiceConfig('inventory')) {
  return startApp(InventoryModule.forRoot(config), config.httpHost, config.httpPort);
}

import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { INVENTORY_HANDLERS, InventoryModule } from './inventory.module.js';

export { INVENTORY_HANDLERS, InventoryModule };

export function startInventory(config: ServiceConfig = loadServiceConfig('inventory')) {
  return startApp(InventoryModule.forRoot(config), config.httpHost, config.httpPort);
}
export { closeOnSignals } from '@ops/service-kit';

import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { SecurityModule } from './security.module.js';

export { SecurityModule };

export function startSecurity(config: ServiceConfig = loadServiceConfig('security')) {
  return startApp(SecurityModule.forRoot(config), config.httpHost, config.httpPort);
}

import { loadServiceConfig, startApp, type ServiceConfig } from '@ops/service-kit';
import { SECURITY_HANDLERS, SecurityModule } from './security.module.js';

export { SECURITY_HANDLERS, SecurityModule };
export { PatrolRounds } from './app/patrol-rounds.js';
export { IncidentEscalation } from './app/incident-escalation.js';

export function startSecurity(config: ServiceConfig = loadServiceConfig('security')) {
  return startApp(SecurityModule.forRoot(config), config.httpHost, config.httpPort);
}
export { closeOnSignals } from '@ops/service-kit';

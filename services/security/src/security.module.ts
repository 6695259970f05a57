import { Module, type DynamicModule } from '@nestjs/common';
import { SecurityCatalog } from '@ops/contracts';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { GateReactions } from './app/gate-reactions.js';
import { IncidentReports } from './app/incident-reports.js';
import { SiteCommands } from './app/site-commands.js';
import { EscortDesk } from './app/escort-desk.js';
import { IncidentEscalation } from './app/incident-escalation.js';
import { IncidentLifecycle } from './app/incident-lifecycle.js';
import { MonitoringRoom } from './app/monitoring-room.js';
import { VisitorDesk } from './app/visitor-desk.js';
import { WATCH_STORES } from './infra/persistence/watch.stores.js';
import { PatrolCommands } from './app/patrol-commands.js';
import { PatrolRounds } from './app/patrol-rounds.js';
import { PostCommands } from './app/post-commands.js';
import { PATROL_STORES } from './infra/persistence/patrol-stores.js';
import { SECURITY_ENTITIES } from './infra/persistence/security.entities.js';
import { SECURITY_STORES } from './infra/persistence/stores.js';
import { InitialSecurity1763800000000 } from './migrations/1763800000000-initial-security.js';
import { AuditLogSecurity1763900000000 } from './migrations/1763900000000-audit-log.js';
import { GateChecks1764000000000 } from './migrations/1764000000000-gate-checks.js';
import { StateHistorySecurity1764600000000 } from './migrations/1764600000000-state-history.js';
import { IncidentOccurredIndex1765200000000 } from './migrations/1765200000000-incident-occurred-index.js';
import { PostsAndPatrols1765500000000 } from './migrations/1765500000000-posts-and-patrols.js';
import { SecurityWatch1765600000000 } from './migrations/1765600000000-security-watch.js';

export const SECURITY_MIGRATIONS = [InitialSecurity1763800000000, AuditLogSecurity1763900000000, GateChecks1764000000000, StateHistorySecurity1764600000000, IncidentOccurredIndex1765200000000, PostsAndPatrols1765500000000, SecurityWatch1765600000000];

/** The providers whose @Handles and @OnEvent methods make up the service; a test holds them against the catalogue. */
export const SECURITY_HANDLERS = [SiteCommands, GateReactions, IncidentReports, PostCommands, PatrolCommands, IncidentLifecycle, MonitoringRoom, VisitorDesk, EscortDesk];

@Module({})
export class SecurityModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: SecurityModule,
      imports: [ServiceKitModule.forRoot({ config, entities: SECURITY_ENTITIES, migrations: SECURITY_MIGRATIONS, catalog: SecurityCatalog })],
      providers: [...SECURITY_STORES, ...PATROL_STORES, PatrolRounds, ...WATCH_STORES, IncidentEscalation, ...SECURITY_HANDLERS],
    };
  }
}

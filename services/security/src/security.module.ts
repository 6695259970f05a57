import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { GateReactions } from './app/gate-reactions.js';
import { SiteCommands } from './app/site-commands.js';
import { SECURITY_ENTITIES } from './infra/persistence/security.entities.js';
import { InitialSecurity1763800000000 } from './migrations/1763800000000-initial-security.js';
import { AuditLogSecurity1763900000000 } from './migrations/1763900000000-audit-log.js';
import { GateChecks1764000000000 } from './migrations/1764000000000-gate-checks.js';

@Module({})
export class SecurityModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: SecurityModule,
      imports: [ServiceKitModule.forRoot({ config, entities: SECURITY_ENTITIES, migrations: [InitialSecurity1763800000000, AuditLogSecurity1763900000000, GateChecks1764000000000] })],
      providers: [SiteCommands, GateReactions],
    };
  }
}

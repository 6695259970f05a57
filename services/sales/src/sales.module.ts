import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { OrderCommands } from './app/order-commands.js';
import { OrderReactions } from './app/order-reactions.js';
import { SALES_ENTITIES } from './infra/persistence/sales.entities.js';
import { InitialSales1763800000000 } from './migrations/1763800000000-initial-sales.js';

export const SALES_MIGRATIONS = [InitialSales1763800000000];

@Module({})
export class SalesModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: SalesModule,
      imports: [ServiceKitModule.forRoot({ config, entities: SALES_ENTITIES, migrations: SALES_MIGRATIONS })],
      providers: [OrderCommands, OrderReactions],
    };
  }
}

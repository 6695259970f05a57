import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { StockCommands } from './app/stock-commands.js';
import { StockReactions } from './app/stock-reactions.js';
import { INVENTORY_ENTITIES } from './infra/persistence/inventory.entities.js';
import { InitialInventory1763800000000 } from './migrations/1763800000000-initial-inventory.js';
import { AuditLogInventory1763900000000 } from './migrations/1763900000000-audit-log.js';
import { DeliveryReceipts1764000000000 } from './migrations/1764000000000-delivery-receipts.js';
import { PickLists1764100000000 } from './migrations/1764100000000-pick-lists.js';
import { Backorders1764200000000 } from './migrations/1764200000000-backorders.js';
import { LotsAndReceipts1764300000000 } from './migrations/1764300000000-lots-and-receipts.js';
import { ReleaseBasis1764400000000 } from './migrations/1764400000000-release-basis.js';
import { ReservationDesk } from './app/reservation-desk.js';
import { PickListCommands } from './app/pick-list-commands.js';
import { ReceiptCommands } from './app/receipt-commands.js';

@Module({})
export class InventoryModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: InventoryModule,
      imports: [ServiceKitModule.forRoot({ config, entities: INVENTORY_ENTITIES, migrations: [InitialInventory1763800000000, AuditLogInventory1763900000000, DeliveryReceipts1764000000000, PickLists1764100000000, Backorders1764200000000, LotsAndReceipts1764300000000, ReleaseBasis1764400000000] })],
      providers: [ReservationDesk, ReceiptCommands, StockCommands, PickListCommands, StockReactions],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { InventoryCatalog } from '@ops/contracts';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { OutletStockReactions } from './app/outlet-stock-reactions.js';
import { ListedSkus } from './app/listed-skus.js';
import { MaterialRequestCommands } from './app/material-request-commands.js';
import { MaterialRequestDesk } from './app/material-requests.js';
import { PickListCommands } from './app/pick-list-commands.js';
import { ProductionCommands } from './app/production-orders.js';
import { ProductionReactions } from './app/production-reactions.js';
import { PurchaseReturnCommands } from './app/purchase-return-commands.js';
import { PurchasingInsights } from './app/purchasing-insights.js';
import { PurchasingCommands } from './app/purchasing-commands.js';
import { ReceiptCommands } from './app/receipt-commands.js';
import { ReturnCommands } from './app/return-commands.js';
import { ReservationDesk } from './app/reservation-desk.js';
import { StockCommands } from './app/stock-commands.js';
import { StockReactions } from './app/stock-reactions.js';
import { StockThresholds } from './app/stock-thresholds.js';
import { StocktakeSchedule } from './app/stocktake-schedule.js';
import { SampleLoanCommands, StocktakeCommands, TransferCommands } from './app/warehouse-operations.js';
import { INVENTORY_ENTITIES } from './infra/persistence/inventory.entities.js';
import { StockLedgerStore } from './infra/persistence/stock-ledger.store.js';
import { INVENTORY_STORES } from './infra/persistence/stores.js';
import { INVENTORY_MIGRATIONS } from './migrations/index.js';

export { INVENTORY_MIGRATIONS };

/** The providers whose @Handles and @OnEvent methods make up the service; a test holds them against the catalogue. */
export const INVENTORY_HANDLERS = [ReceiptCommands, StockCommands, PickListCommands, StockReactions, ReturnCommands, PurchasingCommands, TransferCommands, StocktakeCommands, SampleLoanCommands, PurchaseReturnCommands, StockThresholds, PurchasingInsights, OutletStockReactions, ListedSkus, ProductionCommands, ProductionReactions, MaterialRequestCommands];

@Module({})
export class InventoryModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: InventoryModule,
      imports: [ServiceKitModule.forRoot({ config, entities: INVENTORY_ENTITIES, migrations: INVENTORY_MIGRATIONS, catalog: InventoryCatalog })],
      // The stock ledger and the aggregates' stores are the only writers of stock and of every status.
      providers: [StockLedgerStore, ...INVENTORY_STORES, ReservationDesk, MaterialRequestDesk, ...INVENTORY_HANDLERS, StocktakeSchedule],
    };
  }
}

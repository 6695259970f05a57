import { Module, type DynamicModule } from '@nestjs/common';
import { SalesCatalog } from '@ops/contracts';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { CreditReactions } from './app/credit-reactions.js';
import { CustomerCommands } from './app/customer-commands.js';
import { OrderCommands } from './app/order-commands.js';
import { PriceListCommands } from './app/price-list-commands.js';
import { SalesDesk } from './app/sales-desk.js';
import { SalesPerformance } from './app/sales-performance.js';
import { SalesReports } from './app/sales-reports.js';
import { OrderReactions } from './app/order-reactions.js';
import { SALES_ENTITIES } from './infra/persistence/sales.entities.js';
import { InitialSales1763800000000 } from './migrations/1763800000000-initial-sales.js';
import { AuditLogSales1763900000000 } from './migrations/1763900000000-audit-log.js';
import { CreditAndPrices1764300000000 } from './migrations/1764300000000-credit-and-prices.js';
import { OrderExpiry1764400000000 } from './migrations/1764400000000-order-expiry.js';
import { PartialShipments1764500000000 } from './migrations/1764500000000-partial-shipments.js';
import { OrderSubStates1764600000000 } from './migrations/1764600000000-order-sub-states.js';
import { RequiredDeposit1764700000000 } from './migrations/1764700000000-required-deposit.js';
import { CustomerSearch1765000000000 } from './migrations/1765000000000-customer-search.js';
import { TaxIds1765100000000 } from './migrations/1765100000000-tax-ids.js';
import { SalesReportIndexes1765200000000 } from './migrations/1765200000000-report-indexes.js';
import { ShortageSequence1764800000000 } from './migrations/1764800000000-shortage-sequence.js';
import { ReturnsSales1765400000000 } from './migrations/1765400000000-returns.js';
import { OrderRepRegion1765430000000 } from './migrations/1765430000000-order-rep-region.js';
import { ReturnCommands } from './app/return-commands.js';
import { ReturnReactions } from './app/return-reactions.js';
import { SALES_STORES } from './infra/persistence/stores.js';
import { OrderExpiry } from './app/order-expiry.js';
import { ReceptionDesk } from './app/reception-desk.js';
import { LeadCommands, LeadLapse } from './app/lead-commands.js';
import { TargetCommands } from './app/target-commands.js';
import { Reception1765500000000 } from './migrations/1765500000000-reception.js';
import { OrderCollections1765530000000 } from './migrations/1765530000000-order-collections.js';
import { Outlets1765600000000 } from './migrations/1765600000000-outlets.js';
import { ShiftHandovers1765610000000 } from './migrations/1765610000000-shift-handovers.js';
import { BarCounter } from './app/bar-counter.js';
import { ShiftHandovers } from './app/shift-handovers.js';
import { OUTLET_DAY_STORES } from './infra/persistence/outlet-day.stores.js';
import { TableTickets } from './app/table-tickets.js';
import { OutletCommands } from './app/outlet-commands.js';
import { TillCommands } from './app/till-commands.js';
import { TILL_STORES } from './infra/persistence/till.stores.js';
import { OutletRecords } from './app/outlet-records.js';
import { OUTLET_RECORDS_STORES } from './infra/persistence/outlet-records.stores.js';
import { OutletRecords1765620000000 } from './migrations/1765620000000-outlet-records.js';
import { PromotionCommands } from './app/promotions.js';
import { PROMOTION_STORES } from './infra/persistence/promotions.stores.js';
import { Promotions1765720000000 } from './migrations/1765720000000-promotions.js';
import { BusinessAccountsAndTickets1765730000000 } from './migrations/1765730000000-business-accounts-and-tickets.js';
import { BusinessAccounts } from './app/business-accounts.js';
import { ServiceTickets } from './app/service-tickets.js';
import { ONLINE_SERVICE_STORES } from './infra/persistence/online-service.stores.js';
import { Listings } from './app/listings.js';
import { LISTING_STORES } from './infra/persistence/listings.stores.js';
import { Listings1765710000000 } from './migrations/1765710000000-listings.js';
import { ReferralRewards } from './app/referral-rewards.js';
import { REFERRAL_REWARD_STORES } from './infra/persistence/referral-rewards.stores.js';
import { ReferralRewards1765740000000 } from './migrations/1765740000000-referral-rewards.js';
import { MadeToOrder1765760000000 } from './migrations/1765760000000-made-to-order.js';
import { MadeToOrderDesk } from './app/made-to-order.js';

export const SALES_MIGRATIONS = [InitialSales1763800000000, AuditLogSales1763900000000, CreditAndPrices1764300000000, OrderExpiry1764400000000, PartialShipments1764500000000, OrderSubStates1764600000000, RequiredDeposit1764700000000, ShortageSequence1764800000000, CustomerSearch1765000000000, TaxIds1765100000000, SalesReportIndexes1765200000000, ReturnsSales1765400000000, OrderRepRegion1765430000000, Reception1765500000000, OrderCollections1765530000000, Outlets1765600000000, ShiftHandovers1765610000000, OutletRecords1765620000000, Listings1765710000000, Promotions1765720000000, BusinessAccountsAndTickets1765730000000, ReferralRewards1765740000000, MadeToOrder1765760000000];

/** The providers whose @Handles and @OnEvent methods make up the service; a test holds them against the catalogue. */
export const SALES_HANDLERS = [CreditReactions, CustomerCommands, PriceListCommands, OrderCommands, OrderReactions, SalesDesk, SalesReports, SalesPerformance, ReturnCommands, ReturnReactions, ReceptionDesk, LeadCommands, TargetCommands, OutletCommands, TillCommands, BarCounter, ShiftHandovers, OutletRecords, Listings, PromotionCommands, ReferralRewards, BusinessAccounts, ServiceTickets, MadeToOrderDesk];

@Module({})
export class SalesModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: SalesModule,
      imports: [ServiceKitModule.forRoot({ config, entities: SALES_ENTITIES, migrations: SALES_MIGRATIONS, catalog: SalesCatalog })],
      providers: [...SALES_STORES, ...OUTLET_DAY_STORES, ...TILL_STORES, ...OUTLET_RECORDS_STORES, ...ONLINE_SERVICE_STORES, ...LISTING_STORES, ...PROMOTION_STORES, ...REFERRAL_REWARD_STORES, TableTickets, OrderExpiry, LeadLapse, ...SALES_HANDLERS],
    };
  }
}

import { Module, type DynamicModule } from '@nestjs/common';
import { FinanceCatalog } from '@ops/contracts';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { AccountReactions } from './app/account-reactions.js';
import { CashierDayCommands } from './app/cashier-day-commands.js';
import { CollectionCommands } from './app/collection-commands.js';
import { CollectionLadder } from './app/collection-ladder.js';
import { CashOfficeCommands } from './app/cash-office-commands.js';
import { CustomerLedger } from './app/customer-ledger.js';
import { InvoiceCommands } from './app/invoice-commands.js';
import { PaymentCommands } from './app/payment-commands.js';
import { RefundCommands } from './app/refund-commands.js';
import { ReceivableWatch } from './app/receivable-watch.js';
import { ReceivablesReport } from './app/receivables-report.js';
import { FINANCE_ENTITIES } from './infra/persistence/finance.entities.js';
import { FINANCE_STORES } from './infra/persistence/stores.js';
import { SELLER, sellerFromEnvironment } from './infra/seller.js';
import { InvoiceDocuments1765100000000 } from './migrations/1765100000000-invoice-documents.js';
import { CashierDays1765300000000 } from './migrations/1765300000000-cashier-days.js';
import { CreditNotes1765410000000 } from './migrations/1765410000000-credit-notes.js';
import { CreditNoteCommands } from './app/credit-note-commands.js';
import { CollectionLadder1765430000000 } from './migrations/1765430000000-collection-ladder.js';
import { CashHandovers1765420000000 } from './migrations/1765420000000-cash-handovers.js';
import { InitialFinance1763800000000 } from './migrations/1763800000000-initial-finance.js';
import { AuditLogFinance1763900000000 } from './migrations/1763900000000-audit-log.js';
import { Journal1764000000000 } from './migrations/1764000000000-journal.js';
import { Cancellations1764100000000 } from './migrations/1764100000000-cancellations.js';
import { ReceiptDetails1764200000000 } from './migrations/1764200000000-receipt-details.js';
import { Receivables1764300000000 } from './migrations/1764300000000-receivables.js';
import { StateHistoryFinance1764600000000 } from './migrations/1764600000000-state-history.js';
import { DepositApprovals1764700000000 } from './migrations/1764700000000-deposit-approvals.js';
import { RefundsDue1764800000000 } from './migrations/1764800000000-refunds-due.js';
import { CashIncidents1765620000000 } from './migrations/1765620000000-cash-incidents.js';
import { CashIncidents } from './app/cash-incidents.js';
import { OutletMoney } from './app/outlet-money.js';
import { PayableReactions } from './app/payable-reactions.js';
import { PayablesCommands } from './app/payables-commands.js';
import { FinancialStatements } from './app/statements.js';
import { Payables1765500000000 } from './migrations/1765500000000-payables.js';
import { AccountingPeriods1765700000000 } from './migrations/1765700000000-accounting-periods.js';
import { Vouchers1765750000000 } from './migrations/1765750000000-vouchers.js';
import { BooksCommands } from './app/books-commands.js';
import { VOUCHER_ENTITIES } from './infra/persistence/voucher.entities.js';
import { VOUCHER_STORES } from './infra/persistence/voucher.stores.js';
import { OutletMoney1765630000000 } from './migrations/1765630000000-outlet-money.js';
import { ReferralRewardsFinance } from './app/referral-rewards.js';
import { FinanceReferralRewardStore } from './infra/persistence/referral-rewards.stores.js';
import { ReferralRewardsFinance1765740000000 } from './migrations/1765740000000-referral-rewards.js';
import { MadeToOrderFinance1765760000000 } from './migrations/1765760000000-made-to-order.js';
import { ClosedPeriodCheckPlannedOnce1765770000000 } from './migrations/1765770000000-closed-period-check-planned-once.js';

export const FINANCE_MIGRATIONS = [InitialFinance1763800000000, AuditLogFinance1763900000000, Journal1764000000000, Cancellations1764100000000, ReceiptDetails1764200000000, Receivables1764300000000, StateHistoryFinance1764600000000,
  DepositApprovals1764700000000, RefundsDue1764800000000, InvoiceDocuments1765100000000, CashierDays1765300000000, CreditNotes1765410000000, CashHandovers1765420000000,
  CollectionLadder1765430000000, Payables1765500000000, CashIncidents1765620000000, OutletMoney1765630000000, AccountingPeriods1765700000000, ReferralRewardsFinance1765740000000, Vouchers1765750000000,
  MadeToOrderFinance1765760000000, ClosedPeriodCheckPlannedOnce1765770000000];

/** The providers whose @Handles and @OnEvent methods make up the service; a test holds them against the catalogue. */
export const FINANCE_HANDLERS = [PaymentCommands, InvoiceCommands, AccountReactions, RefundCommands, CashierDayCommands, CashOfficeCommands, ReceivablesReport, CollectionCommands, CreditNoteCommands, CashIncidents, PayableReactions, PayablesCommands, OutletMoney, ReferralRewardsFinance, FinancialStatements, BooksCommands];

@Module({})
export class FinanceModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: FinanceModule,
      imports: [ServiceKitModule.forRoot({ config, entities: [...FINANCE_ENTITIES, ...VOUCHER_ENTITIES], migrations: FINANCE_MIGRATIONS, catalog: FinanceCatalog })],
      providers: [...FINANCE_STORES, ...VOUCHER_STORES, FinanceReferralRewardStore, { provide: SELLER, useFactory: () => sellerFromEnvironment() }, CustomerLedger, ReceivableWatch, CollectionLadder, ...FINANCE_HANDLERS],
    };
  }
}

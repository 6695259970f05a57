import { Module, type DynamicModule } from '@nestjs/common';
import { ServiceKitModule, type ServiceConfig } from '@ops/service-kit';
import { AccountReactions } from './app/account-reactions.js';
import { PaymentCommands } from './app/payment-commands.js';
import { FINANCE_ENTITIES } from './infra/persistence/finance.entities.js';
import { InitialFinance1763800000000 } from './migrations/1763800000000-initial-finance.js';
import { AuditLogFinance1763900000000 } from './migrations/1763900000000-audit-log.js';
import { Journal1764000000000 } from './migrations/1764000000000-journal.js';
import { Cancellations1764100000000 } from './migrations/1764100000000-cancellations.js';
import { ReceiptDetails1764200000000 } from './migrations/1764200000000-receipt-details.js';
import { Receivables1764300000000 } from './migrations/1764300000000-receivables.js';
import { CustomerLedger } from './app/customer-ledger.js';
import { InvoiceCommands } from './app/invoice-commands.js';
import { ReceivableWatch } from './app/receivable-watch.js';

@Module({})
export class FinanceModule {
  static forRoot(config: ServiceConfig): DynamicModule {
    return {
      module: FinanceModule,
      imports: [ServiceKitModule.forRoot({ config, entities: FINANCE_ENTITIES, migrations: [InitialFinance1763800000000, AuditLogFinance1763900000000, Journal1764000000000, Cancellations1764100000000, ReceiptDetails1764200000000, Receivables1764300000000] })],
      providers: [CustomerLedger, PaymentCommands, InvoiceCommands, AccountReactions, ReceivableWatch],
    };
  }
}

/** The finance desk's screens (routed in App.tsx), one file each. */
export { DepositsToApprove, Receipts, TransfersToVerify } from './Receipts';
export { Refunds } from './Refunds';
export { CreditNotes } from './CreditNotes';
export { Invoices } from './Invoices';
export { Receivables } from './Receivables';
export { AgingGroups, Commissions } from './Collection';
export { Statement } from './Statement';
export { Journal } from './Journal';
export { TrialBalance } from './TrialBalance';
export { Statements } from './Statements';
export { CashierDays } from './CashierDays';
export { BankDeposits, CashHandovers } from './CashOffice';
export { Payables } from './Payables';
export { PaymentRequests } from './PaymentRequests';

import { FINANCE, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import {
  BankDepositView, CashHandoverIdRequest, CashHandoverView, HandOverCashBody, HandOverCashRequest, ListBankDepositsQuery, ListCashHandoversQuery, RecordBankDepositBody,
  RecordBankDepositRequest, ScheduleBankDepositRequest,
} from './cash-office.js';

const READERS: readonly Role[] = [...FINANCE, 'general_manager'];
/** The platform has no treasurer role: the finance manager keeps the safe, receives the cashiers' cash and takes it to the bank. */
const TREASURER: readonly Role[] = ['finance_manager'];

/** The cash office in the finance catalogue: cash handed from cashiers to the treasurer, and deposit runs to the bank under escort. */
export const FINANCE_CASH_OFFICE_OPERATIONS = {
  handOverCash: {
    kind: 'command', roles: ['cashier'], request: HandOverCashRequest, creates: true,
    http: { method: 'POST', path: 'finance/cashier-days/:dayId/handover', body: HandOverCashBody },
    answers: CashHandoverView, summary: 'Hand the day\'s counted cash to the treasurer',
    errors: [
      404, { status: 403, description: 'Another cashier\'s day (`not-your-day`)' },
      { status: 422, description: 'More than the cash counted that day less earlier handovers of the day (`more-than-counted-cash`, naming `amountFen`)' },
    ],
    description:
      'The cashier whose day it is records handing cash from the drawer to the treasurer (a finance manager: there is no treasurer role), once ' +
      'the day is counted; it waits in `handed` until the finance manager confirms receiving it (`POST finance/cash-handovers/{id}/confirm`). ' +
      'A day\'s handovers together never exceed the cash counted that day. The drawer and the safe are both cash on hand (1001) in the chart of ' +
      'accounts, so a handover posts no journal entry: it records who holds the cash. The cash leaves 1001 when it is deposited in the bank.',
  },
  confirmCashHandover: {
    kind: 'command', roles: TREASURER, request: CashHandoverIdRequest,
    rolesNote: 'The treasurer (a finance manager) receiving the cash, never the cashier who handed it over, whatever roles they hold (domain rule).',
    http: { method: 'POST', path: 'finance/cash-handovers/:handoverId/confirm' },
    answers: CashHandoverView, summary: 'Confirm receiving a cashier\'s cash (the second confirmation)',
    errors: [
      404, { status: 403, description: 'The cashier who handed the cash over (`cashier-confirms-own-handover`)' },
      { status: 409, description: 'Already confirmed (`handover-received`)' },
    ],
    description: 'The finance manager counts the cash handed over and confirms receiving it: the cash is then the treasurer\'s, to take to the bank.',
  },
  listCashHandovers: {
    kind: 'query', roles: READERS, request: ListCashHandoversQuery,
    http: { method: 'GET', path: 'finance/cash-handovers' },
    answers: pageOf(CashHandoverView), summary: 'Cash handed by cashiers to the treasurer, newest first',
    description: 'Filter by `status` (`handed`: waiting for the treasurer\'s confirmation; `received`), `businessDate` or `dayId`.',
  },
  scheduleBankDeposit: {
    kind: 'command', roles: TREASURER, request: ScheduleBankDepositRequest, creates: true,
    http: { method: 'POST', path: 'finance/bank-deposits' },
    answers: BankDepositView, summary: 'Schedule a run of cash to the bank, with a security escort',
    errors: [{ status: 422, description: 'More than the treasurer holds (naming `amountFen`), or planned in the past (naming `plannedAt`) (`deposit-run-refused`)' }],
    description:
      'The treasurer (a finance manager) plans taking cash to the bank: how much, to which bank, when the run leaves. The amount is at most the ' +
      'cash received from cashiers (confirmed handovers) less what runs already scheduled take. Publishes `finance.escort.requested` for security to ' +
      'send an escort. Nothing moves in the journal until the deposit is recorded.',
  },
  recordBankDeposit: {
    kind: 'command', roles: TREASURER, request: RecordBankDepositRequest,
    http: { method: 'POST', path: 'finance/bank-deposits/:depositId/deposited', body: RecordBankDepositBody },
    answers: BankDepositView, summary: 'Record the cash deposited at the bank',
    errors: [404, { status: 409, description: 'Already recorded deposited (`already-deposited`)' }],
    description: 'With the number of the bank\'s deposit slip. Posts debit bank deposits (1002), credit cash on hand (1001).',
  },
  listBankDeposits: {
    kind: 'query', roles: READERS, request: ListBankDepositsQuery,
    http: { method: 'GET', path: 'finance/bank-deposits' },
    answers: pageOf(BankDepositView), summary: 'Deposit runs to the bank, newest first',
    description: 'Filter by `status`: `scheduled` (escort requested, not yet at the bank) or `deposited`.',
  },
} satisfies Record<string, OperationSpec>;

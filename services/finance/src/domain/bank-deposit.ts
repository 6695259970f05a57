import { DomainError, formatFen, StateMachine, type Step } from '@ops/kernel';
import { balanced, type JournalLine } from './journal.js';

/**
 * A bank deposit run (the cashier's instructions: cash above the safe's limit goes to the bank, never
 * without a guard). The treasurer — a finance manager, who received the cashiers' handovers — schedules a
 * run: how much, to which bank, when. Security is asked for an escort (`finance.escort.requested`). Once at
 * the bank, the treasurer records the deposit with the bank's slip number, and the journal moves the money
 * from cash on hand (1001) to the bank (1002).
 *
 * The treasurer takes only cash they hold: what they confirmed receiving from cashiers less what runs
 * already scheduled take.
 */
export type BankDepositStatus = 'scheduled' | 'deposited';

export const BANK_DEPOSIT = new StateMachine<BankDepositStatus>('bank deposit', { scheduled: ['deposited'], deposited: [] });

export interface BankDeposit {
  id: string;
  number: string;
  amountFen: number;
  bank: string;
  plannedAt: Date;
  status: BankDepositStatus;
  requestedBy: string;
  requestedAt: Date;
  bankSlipNumber: string | null;
  depositedBy: string | null;
  depositedAt: Date | null;
}

/**
 * Schedules a run and asks security for an escort. Refused (422, nothing written) above the cash the
 * treasurer holds (naming `amountFen`) or when planned in the past (naming `plannedAt`).
 */
export function scheduleDeposit(
  run: { id: string; number: string; amountFen: number; bank: string; plannedAt: Date },
  treasuryCashFen: number,
  requestedBy: string,
  now = new Date(),
): Step<BankDeposit> {
  const problems = [
    ...(run.amountFen > treasuryCashFen
      ? [{ field: 'amountFen', message: `at most ${formatFen(Math.max(treasuryCashFen, 0))}: the cash received from cashiers and not yet taken to the bank` }] : []),
    ...(run.plannedAt.getTime() < now.getTime() ? [{ field: 'plannedAt', message: 'a run is planned for later, not in the past' }] : []),
  ];
  if (problems.length) throw new DomainError('rule_violated', 'deposit-run-refused', 'The deposit run cannot be scheduled', problems);
  const bank = run.bank.trim();
  const state: BankDeposit = {
    ...run, bank, status: 'scheduled', requestedBy, requestedAt: now, bankSlipNumber: null, depositedBy: null, depositedAt: null,
  };
  return {
    state,
    transitions: [{ from: 'new', to: 'scheduled', reason: `${formatFen(run.amountFen)} to ${bank} at ${run.plannedAt.toISOString()}, escort requested` }],
    events: [{ type: 'finance.escort.requested', data: { depositId: run.id, amountFen: run.amountFen, bank, plannedAt: run.plannedAt.toISOString(), requestedBy } }],
  };
}

/** The money is in the bank: recorded once, with the bank's slip number. */
export function recordDeposit<D extends BankDeposit>(run: D, bankSlipNumber: string, by: string, now = new Date()): Step<D> {
  if (run.status === 'deposited') {
    throw new DomainError('conflict', 'already-deposited', `Deposit run ${run.number} was recorded deposited by ${run.depositedBy} (slip ${run.bankSlipNumber})`);
  }
  const slip = bankSlipNumber.trim();
  const t = BANK_DEPOSIT.move(run.status, 'deposited', `${formatFen(run.amountFen)} deposited at ${run.bank}, slip ${slip}`, `Deposit run ${run.number}`);
  return { state: { ...run, status: t.to, bankSlipNumber: slip, depositedBy: by, depositedAt: now }, transitions: [t], events: [] };
}

/** Cash taken to the bank: debit bank deposits (1002), credit cash on hand (1001). */
export function bankDepositEntry(amountFen: number): JournalLine[] {
  return balanced([
    { account: 'bank', debitFen: amountFen, creditFen: 0 },
    { account: 'cash', debitFen: 0, creditFen: amountFen },
  ]);
}

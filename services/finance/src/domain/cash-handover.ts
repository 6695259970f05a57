import { DomainError, formatFen, StateMachine, type Step } from '@ops/kernel';

/**
 * Cash handed from the cashier to the treasurer (the cashier's instructions: the drawer is emptied into the
 * safe once the day is counted, and both sign the handover). The platform has no treasurer role: the
 * treasurer is a **finance manager**, who keeps the safe. The cashier records the handover of their
 * counted day; a finance manager confirms they received it — never the cashier who handed it, whatever roles
 * they hold. Together the handovers of a day never exceed the cash counted in the drawer that day.
 *
 * The journal has one cash account, cash on hand (1001), for the drawer and the safe alike, so a handover
 * moves no money between accounts: it is a record of who holds the cash, and posts no entry. Cash leaves
 * 1001 when the treasurer takes it to the bank (bank-deposit.ts).
 */
export type CashHandoverStatus = 'handed' | 'received';

export const CASH_HANDOVER = new StateMachine<CashHandoverStatus>('cash handover', { handed: ['received'], received: [] });

export interface CashHandover {
  id: string;
  number: string;
  dayId: string;
  businessDate: string;
  amountFen: number;
  status: CashHandoverStatus;
  handedBy: string;
  handedAt: Date;
  receivedBy: string | null;
  receivedAt: Date | null;
}

/** The cashier's day the cash comes from, as the handover needs it. */
export interface HandoverDay {
  id: string;
  cashierId: string;
  businessDate: string;
  /** Cash counted in the drawer that day. */
  countedCashFen: number;
  /** What earlier handovers of the day already took. */
  handedFen: number;
}

/**
 * The cashier hands counted cash to the treasurer: only their own counted day, and never more than the cash
 * counted that day less what earlier handovers took (422 naming `amountFen`).
 */
export function handOverCash(day: HandoverDay, handover: { id: string; number: string; amountFen: number }, handedBy: string, now = new Date()): Step<CashHandover> {
  if (handedBy !== day.cashierId) {
    throw new DomainError('forbidden', 'not-your-day', `The day ${day.businessDate} is another cashier's; only they hand over its cash`);
  }
  const leftFen = day.countedCashFen - day.handedFen;
  if (handover.amountFen > leftFen) {
    throw new DomainError('rule_violated', 'more-than-counted-cash', `The day ${day.businessDate} counted ${formatFen(day.countedCashFen)} in cash, ${formatFen(leftFen)} of it not yet handed over`, [
      { field: 'amountFen', message: `at most ${formatFen(leftFen)}: the cash counted on ${day.businessDate} less what was already handed over` },
    ]);
  }
  const state: CashHandover = {
    ...handover, dayId: day.id, businessDate: day.businessDate, status: 'handed', handedBy, handedAt: now, receivedBy: null, receivedAt: null,
  };
  return { state, transitions: [{ from: 'new', to: 'handed', reason: `${formatFen(handover.amountFen)} cash of ${day.businessDate} handed to the treasurer` }], events: [] };
}

/** The treasurer confirms they received the cash: a second person, never the cashier who handed it. */
export function confirmHandover<H extends CashHandover>(handover: H, receiver: string, now = new Date()): Step<H> {
  if (handover.status === 'received') {
    throw new DomainError('conflict', 'handover-received', `Handover ${handover.number} was already confirmed by ${handover.receivedBy}`);
  }
  if (receiver === handover.handedBy) {
    throw new DomainError('forbidden', 'cashier-confirms-own-handover', `You handed over ${handover.number}; the treasurer receiving the cash must confirm it`);
  }
  const t = CASH_HANDOVER.move(handover.status, 'received', `${formatFen(handover.amountFen)} received by ${receiver}`, `Handover ${handover.number}`);
  return { state: { ...handover, status: t.to, receivedBy: receiver, receivedAt: now }, transitions: [t], events: [] };
}

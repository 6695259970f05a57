import { addDays, businessDate, DomainError, StateMachine, unchanged, type DomainEvent, type Step } from '@ops/kernel';

/**
 * Referral rewards (老带新, the cashier's notes): an existing customer who brings a new one is rewarded. The reward is
 * requested when the new customer's order is placed, confirmed by the rep and the sales manager, checked by finance,
 * and void when the request misses its deadline or the referral proves false; then paid or credited through finance.
 *
 * Policy (written here once):
 * - the reward is REFERRAL_REWARD_PERCENT % of the new customer's order total (VAT included), rounded down to the fen,
 *   and never more than REFERRAL_REWARD_CAP_FEN;
 * - "new": the new customer has no placed order earlier than the one the reward is for (it is their first), and the
 *   referrer was registered before them (an existing customer); a customer cannot refer themself;
 * - the deadline: the request must be made within REFERRAL_REQUEST_DAYS days (business dates, Asia/Shanghai) of the
 *   order being placed. A later request is not refused: it is recorded `void` with reason `request-after-deadline`, so
 *   the record shows why, and it never reaches finance;
 * - one reward per new customer, whatever became of the first;
 * - the rep step is the referrer's assigned rep or the requesting rep; the manager step a sales manager (VP, general
 *   manager) who is neither the requester nor the rep who confirmed. Only then does finance hear of it;
 * - a sales manager voids a referral that proves false while it is still in sales; once with finance, finance's check
 *   rejects it (`finance.referral-reward.rejected`) and sales marks it void with finance's reason.
 */
export const REFERRAL_REWARD_PERCENT = 3;
export const REFERRAL_REWARD_CAP_FEN = 50_000;
export const REFERRAL_REQUEST_DAYS = 30;
export const REQUEST_AFTER_DEADLINE = 'request-after-deadline';
/** Who may take the manager step. */
export const REFERRAL_MANAGER_ROLES = ['sales_manager', 'sales_vp', 'general_manager'] as const;

export type ReferralRewardStatus = 'requested' | 'rep_confirmed' | 'manager_confirmed' | 'paid' | 'credited' | 'void';
export type ReferralPayment = 'cash' | 'transfer' | 'credit';

export const REFERRAL_REWARD = new StateMachine<ReferralRewardStatus>('referral reward', {
  requested: ['rep_confirmed', 'void'],
  rep_confirmed: ['manager_confirmed', 'void'],
  manager_confirmed: ['paid', 'credited', 'void'],
  paid: [],
  credited: [],
  void: [],
});

export interface ReferralReward {
  id: string;
  number: string;
  status: ReferralRewardStatus;
  referrerId: string;
  referrerName: string;
  newCustomerId: string;
  newCustomerName: string;
  orderId: string;
  orderNumber: string;
  orderTotalFen: number;
  orderPlacedAt: Date;
  amountFen: number;
  deadline: string;
  note: string | null;
  requestedBy: string;
  requestedAt: Date;
  repConfirmedBy: string | null;
  managerConfirmedBy: string | null;
  confirmedAt: Date | null;
  voidReason: string | null;
  voidedBy: string | null;
  paymentMethod: ReferralPayment | null;
  journalEntryNumber: string | null;
  paidAt: Date | null;
}

/** The reward for an order total: the percentage, rounded down, capped. */
export function rewardFor(orderTotalFen: number): number {
  return Math.min(Math.floor((orderTotalFen * REFERRAL_REWARD_PERCENT) / 100), REFERRAL_REWARD_CAP_FEN);
}

/** The last business date a reward for an order placed at `placedAt` may be requested. */
export const requestDeadline = (placedAt: Date): string => addDays(businessDate(placedAt), REFERRAL_REQUEST_DAYS);

export interface ReferralFacts {
  referrer: { id: string; name: string; createdAt: Date; assignedRep: string | null };
  newCustomer: { id: string; name: string; createdAt: Date };
  order: { id: string; number: string; customerId: string; totalFen: number; commercial: string; placedAt: Date | null };
  /** When the new customer's earliest placed order was placed (null: none). */
  firstPlacedAt: Date | null;
  /** Whether the new customer already has a referral reward. */
  alreadyRewarded: boolean;
}

const PLACED = ['placed', 'closed'];

/** A request: refused when the referral cannot be one; recorded void when it is late. */
export function requestReward(
  facts: ReferralFacts,
  r: { id: string; number: string; note: string | null; requestedBy: string; requestedAt: Date },
): Step<ReferralReward> {
  const { referrer, newCustomer, order } = facts;
  if (referrer.id === newCustomer.id) throw new DomainError('rule_violated', 'referral-self', 'A customer cannot refer themself', [{ field: 'referrerId', message: 'must be another customer' }]);
  if (facts.alreadyRewarded) throw new DomainError('conflict', 'referral-reward-exists', `${newCustomer.name} already has a referral reward: one per new customer`);
  if (order.customerId !== newCustomer.id) {
    throw new DomainError('rule_violated', 'referral-order-not-customers', `Order ${order.number} is not ${newCustomer.name}'s`, [{ field: 'orderId', message: 'must be the new customer\'s order' }]);
  }
  if (!PLACED.includes(order.commercial) || !order.placedAt) {
    throw new DomainError('rule_violated', 'referral-order-not-placed', `Order ${order.number} is not placed`, [{ field: 'orderId', message: 'must be placed (approved)' }]);
  }
  if (facts.firstPlacedAt && facts.firstPlacedAt.getTime() < order.placedAt.getTime()) {
    throw new DomainError('rule_violated', 'referral-customer-not-new', `${newCustomer.name} had placed an order before ${order.number}: not a new customer`, [{ field: 'orderId', message: 'must be the new customer\'s first placed order' }]);
  }
  if (referrer.createdAt.getTime() > newCustomer.createdAt.getTime()) {
    throw new DomainError('rule_violated', 'referral-referrer-not-existing', `${referrer.name} was registered after ${newCustomer.name}: not an existing customer`, [{ field: 'referrerId', message: 'must be an existing customer' }]);
  }
  const amountFen = rewardFor(order.totalFen);
  if (amountFen <= 0) throw new DomainError('rule_violated', 'referral-reward-zero', `Order ${order.number} (${order.totalFen} fen) earns no reward`);
  const deadline = requestDeadline(order.placedAt);
  const late = businessDate(r.requestedAt) > deadline;
  const state: ReferralReward = {
    id: r.id, number: r.number, status: late ? 'void' : 'requested', referrerId: referrer.id, referrerName: referrer.name, newCustomerId: newCustomer.id, newCustomerName: newCustomer.name,
    orderId: order.id, orderNumber: order.number, orderTotalFen: order.totalFen, orderPlacedAt: order.placedAt, amountFen, deadline, note: r.note, requestedBy: r.requestedBy,
    requestedAt: r.requestedAt, repConfirmedBy: null, managerConfirmedBy: null, confirmedAt: null, voidReason: late ? REQUEST_AFTER_DEADLINE : null, voidedBy: late ? 'system' : null,
    paymentMethod: null, journalEntryNumber: null, paidAt: null,
  };
  const reason = late
    ? `Requested by ${r.requestedBy} after the deadline ${deadline}: void (${REQUEST_AFTER_DEADLINE})`
    : `${amountFen} fen for ${referrer.name} bringing ${newCustomer.name} (order ${order.number}), requested by ${r.requestedBy}`;
  return { state, transitions: [{ from: 'new', to: state.status, reason }], events: [] };
}

/** The referrer's assigned rep, or the rep who requested it. */
export function repConfirm<R extends ReferralReward>(reward: R, by: string, referrerRep: string | null): Step<R> {
  if (by !== reward.requestedBy && by !== referrerRep) {
    throw new DomainError('forbidden', 'referral-not-your-customer', `${by} is neither ${reward.referrerName}'s rep nor who requested ${reward.number}`);
  }
  const t = REFERRAL_REWARD.move(reward.status, 'rep_confirmed', `Confirmed by the rep ${by}`, reward.number);
  return { state: { ...reward, status: 'rep_confirmed' as const, repConfirmedBy: by }, transitions: [t], events: [] };
}

/** A sales manager other than the requester and the rep: the reward goes to finance. */
export function managerConfirm<R extends ReferralReward>(reward: R, by: string, roles: readonly string[], at: Date): Step<R> {
  if (!roles.some((role) => (REFERRAL_MANAGER_ROLES as readonly string[]).includes(role))) {
    throw new DomainError('forbidden', 'referral-not-manager', `${by} is not a sales manager`);
  }
  if (by === reward.requestedBy || by === reward.repConfirmedBy) {
    throw new DomainError('forbidden', 'referral-same-person', `${by} requested or confirmed ${reward.number} as rep: another sales manager confirms it`);
  }
  const t = REFERRAL_REWARD.move(reward.status, 'manager_confirmed', `Confirmed by the sales manager ${by}: sent to finance`, reward.number);
  const state = { ...reward, status: 'manager_confirmed' as const, managerConfirmedBy: by, confirmedAt: at };
  const event: DomainEvent = {
    type: 'sales.referral-reward.confirmed',
    data: {
      rewardId: reward.id, number: reward.number, referrerId: reward.referrerId, referrerName: reward.referrerName, newCustomerId: reward.newCustomerId,
      newCustomerName: reward.newCustomerName, orderId: reward.orderId, orderNumber: reward.orderNumber, orderTotalFen: reward.orderTotalFen, amountFen: reward.amountFen,
      requestedBy: reward.requestedBy, repConfirmedBy: reward.repConfirmedBy, managerConfirmedBy: by, confirmedAt: at.toISOString(),
    },
  };
  return { state, transitions: [t], events: [event] };
}

/** A sales manager voids a referral that proved false, while it is still in sales. */
export function voidReward<R extends ReferralReward>(reward: R, by: string, reason: string): Step<R> {
  if (reward.status === 'manager_confirmed') {
    throw new DomainError('conflict', 'referral-reward-transition-refused', `${reward.number} is with finance: its check rejects a false referral`);
  }
  const t = REFERRAL_REWARD.move(reward.status, 'void', `Voided by ${by}: ${reason}`, reward.number);
  return { state: { ...reward, status: 'void' as const, voidReason: reason, voidedBy: by }, transitions: [t], events: [] };
}

/** Finance found the referral false: void with finance's reason (a repeat changes nothing). */
export function rejectedByFinance<R extends ReferralReward>(reward: R, by: string, reason: string): Step<R> {
  if (reward.status === 'void') return unchanged(reward);
  const t = REFERRAL_REWARD.move(reward.status, 'void', `Rejected by finance (${by}): ${reason}`, reward.number);
  return { state: { ...reward, status: 'void' as const, voidReason: reason, voidedBy: by }, transitions: [t], events: [] };
}

/** Finance paid it or credited it to the referrer (a repeat changes nothing). */
export function paidByFinance<R extends ReferralReward>(reward: R, p: { method: ReferralPayment; journalEntryNumber: string; paidBy: string; paidAt: Date }): Step<R> {
  if (reward.status === 'paid' || reward.status === 'credited') return unchanged(reward);
  const to = p.method === 'credit' ? ('credited' as const) : ('paid' as const);
  const t = REFERRAL_REWARD.move(reward.status, to, `${to === 'credited' ? 'Credited to the referrer' : `Paid by ${p.method}`} by ${p.paidBy} (${p.journalEntryNumber})`, reward.number);
  return { state: { ...reward, status: to, paymentMethod: p.method, journalEntryNumber: p.journalEntryNumber, paidAt: p.paidAt }, transitions: [t], events: [] };
}

import { DomainError } from '@ops/kernel';
import {
  managerConfirm, paidByFinance, rejectedByFinance, repConfirm, requestReward, rewardFor, voidReward, REFERRAL_REWARD_CAP_FEN, REQUEST_AFTER_DEADLINE, type ReferralFacts,
} from './referral-reward.js';

const placedAt = new Date('2026-12-01T02:00:00Z');
const facts = (over: Partial<ReferralFacts> = {}): ReferralFacts => ({
  referrer: { id: 'r', name: '晨光贸易', createdAt: new Date('2026-01-01T00:00:00Z'), assignedRep: 'rep_a' },
  newCustomer: { id: 'n', name: '新华商行', createdAt: new Date('2026-11-30T00:00:00Z') },
  order: { id: 'o', number: 'SO-1', customerId: 'n', totalFen: 200_000, commercial: 'placed', placedAt },
  firstPlacedAt: placedAt,
  alreadyRewarded: false,
  ...over,
});
const request = (at: Date, f = facts()) => requestReward(f, { id: 'x', number: 'RR-1', note: null, requestedBy: 'rep_b', requestedAt: at });
const code = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as DomainError).code; } return 'none'; };

describe('referral rewards (老带新)', () => {
  it('pays a share of the order total, capped', () => {
    expect(rewardFor(200_000)).toBe(6_000);
    expect(rewardFor(99)).toBe(2);
    expect(rewardFor(100_000_000)).toBe(REFERRAL_REWARD_CAP_FEN);
  });

  it('records a request within 30 days as requested, and a later one as void with its reason', () => {
    const inTime = request(new Date('2026-12-31T02:00:00Z'));
    expect(inTime.state).toMatchObject({ status: 'requested', amountFen: 6_000, deadline: '2026-12-31', voidReason: null });
    const late = request(new Date('2027-01-01T02:00:00Z'));
    expect(late.state).toMatchObject({ status: 'void', voidReason: REQUEST_AFTER_DEADLINE, voidedBy: 'system' });
    expect(late.events).toEqual([]);
  });

  it('refuses what cannot be a referral', () => {
    const at = new Date('2026-12-02T02:00:00Z');
    expect(code(() => request(at, facts({ referrer: { id: 'n', name: 'x', createdAt: new Date(0), assignedRep: null } })))).toBe('referral-self');
    expect(code(() => request(at, facts({ alreadyRewarded: true })))).toBe('referral-reward-exists');
    expect(code(() => request(at, facts({ order: { ...facts().order, customerId: 'other' } })))).toBe('referral-order-not-customers');
    expect(code(() => request(at, facts({ order: { ...facts().order, commercial: 'pending_approval', placedAt: null } })))).toBe('referral-order-not-placed');
    expect(code(() => request(at, facts({ firstPlacedAt: new Date('2026-11-30T02:00:00Z') })))).toBe('referral-customer-not-new');
    expect(code(() => request(at, facts({ referrer: { ...facts().referrer, createdAt: new Date('2026-12-01T00:00:00Z') } })))).toBe('referral-referrer-not-existing');
  });

  it('goes rep → a different sales manager → finance, with the confirmed event', () => {
    const r = request(new Date('2026-12-02T02:00:00Z')).state;
    expect(code(() => repConfirm(r, 'someone', 'rep_a'))).toBe('referral-not-your-customer');
    const byRep = repConfirm(r, 'rep_a', 'rep_a').state;
    expect(code(() => managerConfirm(byRep, 'rep_b', ['sales_manager'], new Date()))).toBe('referral-same-person');
    expect(code(() => managerConfirm(byRep, 'rep_a', ['sales_manager'], new Date()))).toBe('referral-same-person');
    expect(code(() => managerConfirm(byRep, 'boss', ['sales_rep'], new Date()))).toBe('referral-not-manager');
    const confirmed = managerConfirm(byRep, 'boss', ['sales_manager'], new Date('2026-12-03T02:00:00Z'));
    expect(confirmed.state.status).toBe('manager_confirmed');
    expect(confirmed.events).toEqual([{ type: 'sales.referral-reward.confirmed', data: expect.objectContaining({ rewardId: 'x', amountFen: 6_000, managerConfirmedBy: 'boss', repConfirmedBy: 'rep_a' }) }]);
    expect(code(() => voidReward(confirmed.state, 'boss', 'false'))).toBe('referral-reward-transition-refused');
    const paid = paidByFinance(confirmed.state, { method: 'credit', journalEntryNumber: 'JE-1', paidBy: 'cashier', paidAt: new Date() });
    expect(paid.state).toMatchObject({ status: 'credited', paymentMethod: 'credit', journalEntryNumber: 'JE-1' });
    expect(paidByFinance(paid.state, { method: 'credit', journalEntryNumber: 'JE-1', paidBy: 'cashier', paidAt: new Date() }).transitions).toEqual([]);
    const rejected = rejectedByFinance(confirmed.state, 'accountant', 'same company');
    expect(rejected.state).toMatchObject({ status: 'void', voidReason: 'same company' });
    expect(rejectedByFinance(rejected.state, 'accountant', 'same company').transitions).toEqual([]);
  });

  it('a void request cannot be confirmed; a sales manager voids a false one still in sales', () => {
    const late = request(new Date('2027-02-01T02:00:00Z')).state;
    expect(code(() => repConfirm(late, 'rep_b', null))).toBe('referral-reward-transition-refused');
    const r = request(new Date('2026-12-02T02:00:00Z')).state;
    expect(voidReward(r, 'boss', 'invented friend').state).toMatchObject({ status: 'void', voidReason: 'invented friend', voidedBy: 'boss' });
  });
});

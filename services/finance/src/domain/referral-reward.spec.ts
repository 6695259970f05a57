import { DomainError } from '@ops/kernel';
import { approveReward, assertPayable, payReward, receiveReward, referralRewardEntry, rejectReward } from './referral-reward.js';

const at = new Date('2026-12-02T02:00:00Z');
const received = () => receiveReward({
  id: 'r1', number: 'RR-2026-000001', referrerId: 'c1', referrerName: '晨光贸易', newCustomerId: 'c2', newCustomerName: '新华商行', orderId: 'o1', orderNumber: 'SO-1',
  orderTotalFen: 200_000, amountFen: 6_000, requestedBy: 'sales_rep', managerConfirmedBy: 'sales_manager', receivedAt: at,
}).state;
const code = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as DomainError).code; } return 'none'; };

describe('referral rewards in finance', () => {
  it('books the reward as a selling expense against cash, bank or the referrer\'s prepayment', () => {
    expect(referralRewardEntry('cash', 6_000)).toEqual([{ account: 'sellingExpenses', debitFen: 6_000, creditFen: 0 }, { account: 'cash', debitFen: 0, creditFen: 6_000 }]);
    expect(referralRewardEntry('transfer', 6_000)[1].account).toBe('bank');
    expect(referralRewardEntry('credit', 6_000)[1].account).toBe('customerPrepayments');
  });

  it('is checked, then paid by someone else, telling sales', () => {
    expect(code(() => assertPayable(received(), 'cashier'))).toBe('finance-referral-reward-transition-refused');
    const approved = approveReward(received(), 'accountant', at).state;
    expect(code(() => assertPayable(approved, 'accountant'))).toBe('referral-check-and-pay');
    expect(code(() => payReward(approved, { method: 'transfer', bankReference: null, by: 'cashier', at, journalEntryNumber: 'JE-1' }))).toBe('bank-reference-required');
    const paid = payReward(approved, { method: 'transfer', bankReference: 'ICBC-1', by: 'cashier', at, journalEntryNumber: 'JE-1' });
    expect(paid.state).toMatchObject({ status: 'paid', method: 'transfer', bankReference: 'ICBC-1', paidBy: 'cashier' });
    expect(paid.events).toEqual([{ type: 'finance.referral-reward.paid', data: expect.objectContaining({ rewardId: 'r1', method: 'transfer', amountFen: 6_000, journalEntryNumber: 'JE-1' }) }]);
    const credited = payReward(approved, { method: 'credit', bankReference: 'ignored', by: 'cashier', at, journalEntryNumber: 'JE-2' });
    expect(credited.state).toMatchObject({ status: 'credited', bankReference: null });
    expect(code(() => payReward(paid.state, { method: 'cash', bankReference: null, by: 'cashier', at, journalEntryNumber: 'JE-3' }))).toBe('finance-referral-reward-transition-refused');
  });

  it('a false referral is rejected with its reason and sales is told', () => {
    const rejected = rejectReward(received(), 'accountant', 'same company', at);
    expect(rejected.state).toMatchObject({ status: 'rejected', rejectReason: 'same company' });
    expect(rejected.events).toEqual([{ type: 'finance.referral-reward.rejected', data: expect.objectContaining({ rewardId: 'r1', reason: 'same company', rejectedBy: 'accountant' }) }]);
    expect(code(() => approveReward(rejected.state, 'accountant', at))).toBe('finance-referral-reward-transition-refused');
  });
});

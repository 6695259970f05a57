import { DomainError } from '@ops/kernel';
import { oweRefund, payRefund, REFUND, refundShares, type Refund } from './refund.js';

const receipt = (n: number, method: 'cash' | 'pos' | 'transfer', amountFen: number) => ({ id: `r${n}`, number: `RC-2026-00000${n}`, method, amountFen });
const code = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return (e as DomainError).code; } };

describe('a refund', () => {
  it('gives the money back by the ways it came in, one refund per way', () => {
    expect(refundShares(10_000, 0, [receipt(1, 'cash', 4_000), receipt(2, 'pos', 6_000)])).toEqual([
      { method: 'cash', amountFen: 4_000, sources: [{ receiptId: 'r1', receiptNumber: 'RC-2026-000001', method: 'cash', amountFen: 4_000 }] },
      { method: 'pos', amountFen: 6_000, sources: [{ receiptId: 'r2', receiptNumber: 'RC-2026-000002', method: 'pos', amountFen: 6_000 }] },
    ]);
    expect(refundShares(10_000, 0, [receipt(1, 'cash', 3_000), receipt(2, 'transfer', 4_000), receipt(3, 'cash', 3_000)]).map((s) => [s.method, s.amountFen, s.sources.length])).toEqual([
      ['cash', 6_000, 2], ['transfer', 4_000, 1],
    ]);
  });

  it('leaves out what a receipt paid beyond the order (the customer\'s prepayment already), and owes the prepayment\'s part by any way', () => {
    // 3,000 of the customer's prepayment opened the order; 5,000 cash, then 4,000 by POS of which 2,000 were beyond the total.
    expect(refundShares(10_000, 3_000, [receipt(1, 'cash', 5_000), receipt(2, 'pos', 4_000)])).toEqual([
      { method: 'cash', amountFen: 5_000, sources: [expect.objectContaining({ receiptId: 'r1', amountFen: 5_000 })] },
      { method: 'pos', amountFen: 2_000, sources: [expect.objectContaining({ receiptId: 'r2', amountFen: 2_000 })] },
      { method: null, amountFen: 3_000, sources: [] },
    ]);
    expect(refundShares(4_000, 4_000, [])).toEqual([{ method: null, amountFen: 4_000, sources: [] }]);
    const shares = refundShares(9_999, 1, [receipt(1, 'transfer', 5_000), receipt(2, 'cash', 9_000)]);
    expect(shares.reduce((s, r) => s + r.amountFen, 0)).toBe(9_999);
  });

  const due = (patch: Partial<Refund> = {}) =>
    ({ ...oweRefund({ id: 'f1', number: 'RF-2026-000001', orderId: 'o1', customerId: 'c1', amountFen: 6_000, method: 'transfer', sources: [], reason: 'Customer withdrew', createdBy: 'rep-1' }, 'SO-2026-000001').state, ...patch });

  it('is due from the cancellation, and nothing is paid yet', () => {
    const owed = oweRefund({ id: 'f1', number: 'RF-2026-000001', orderId: 'o1', customerId: 'c1', amountFen: 6_000, method: 'pos', sources: [], reason: 'x', createdBy: 'rep-1' }, 'SO-2026-000001');
    expect(owed).toMatchObject({ state: { status: 'due', paidBy: null, paidAt: null, paidMethod: null, payee: null }, events: [] });
    expect(owed.transitions).toEqual([{ from: 'new', to: 'due', reason: 'order SO-2026-000001 cancelled: 60.00 to refund by pos, as it came in' }]);
  });

  it('is paid once, the way the money came in, and announced', () => {
    const at = new Date('2026-11-22T02:00:00Z');
    const payee = { payeeName: '晨光', payeeBank: '工商银行', payeeAccountNumber: '6222020200112233445' };
    const paid = payRefund(due(), { method: 'transfer', ...payee }, 'cashier-1', at);
    expect(paid.state).toMatchObject({ status: 'paid', paidMethod: 'transfer', paidBy: 'cashier-1', paidAt: at, payee });
    expect(paid.events).toEqual([{ type: 'finance.refund.issued', data: { refundId: 'f1', orderId: 'o1', customerId: 'c1', amountFen: 6_000, method: 'transfer', paidAt: '2026-11-22T02:00:00.000Z' } }]);
    expect(paid.transitions).toEqual([{ from: 'due', to: 'paid', reason: '60.00 paid back by transfer by cashier-1' }]);
    expect(code(() => payRefund(paid.state, { method: 'transfer', ...payee }, 'cashier-1'))).toBe('refund-not-due');
    expect(REFUND.can('paid', 'due')).toBe(false);
  });

  it('refuses another way than the money came in, and a transfer without the payee\'s account', () => {
    const refusal = (f: () => unknown) => { try { f(); return null; } catch (e) { return (e as DomainError).errors?.map((x) => x.field); } };
    expect(refusal(() => payRefund(due(), { method: 'cash' }, 'cashier-1'))).toEqual(['method']);
    expect(refusal(() => payRefund(due(), { method: 'transfer', payeeName: '晨光' }, 'cashier-1'))).toEqual(['payeeBank', 'payeeAccountNumber']);
    expect(refusal(() => payRefund(due({ method: 'cash' }), { method: 'cash', payeeBank: '工商银行' }, 'cashier-1'))).toEqual(['payeeBank']);
    // Money from the customer's prepayment has no one way in: the cashier chooses.
    expect(payRefund(due({ method: null }), { method: 'cash', payeeName: '王芳' }, 'cashier-1').state).toMatchObject({ status: 'paid', paidMethod: 'cash', payee: { payeeName: '王芳' } });
  });
});

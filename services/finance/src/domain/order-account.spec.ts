import { DomainError } from '@ops/contracts';
import { applyReceipt, settleCancellation, type OrderAccount } from './order-account.js';

const account = (patch: Partial<OrderAccount> = {}): OrderAccount => ({ orderId: 'o', totalFen: 10_000, paidFen: 0, confirmed: false, ...patch });

describe('receipts against an order', () => {
  it('confirms payment exactly when the amount due is reached', () => {
    const part = applyReceipt(account(), 4_000);
    expect(part).toMatchObject({ nowFullyPaid: false, overpaidFen: 0, account: { paidFen: 4_000, confirmed: false } });
    const rest = applyReceipt(part.account, 6_000);
    expect(rest).toMatchObject({ nowFullyPaid: true, overpaidFen: 0, account: { paidFen: 10_000, confirmed: true } });
    expect(applyReceipt(rest.account, 100).nowFullyPaid).toBe(false);
  });

  it('keeps what is paid beyond the amount due as prepayment', () => {
    expect(applyReceipt(account({ paidFen: 9_000 }), 1_500)).toMatchObject({ nowFullyPaid: true, overpaidFen: 500 });
  });

  it('refuses an amount that is not a positive whole number of fen', () => {
    for (const amount of [0, -1, 1.5]) expect(() => applyReceipt(account(), amount)).toThrow(DomainError);
  });

  it('settles a cancelled order\'s money as the customer chose', () => {
    expect(settleCancellation(0, 'refund')).toBe('nothing_paid');
    expect(settleCancellation(500, 'refund')).toBe('refunded');
    expect(settleCancellation(500, 'keep_as_prepayment')).toBe('kept_as_prepayment');
  });
});

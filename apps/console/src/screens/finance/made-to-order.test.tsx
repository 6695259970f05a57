import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { I18nProvider } from '../../i18n/I18n';
import { MadeToOrderMoney } from './MadeToOrderMoney';

const account = { madeToOrder: true, requiredDepositFen: 30_000, depositConfirmedAt: null, balanceNotice: null };

describe('the money of a made-to-order order', () => {
  it('says production waits for the deposit, then that it was confirmed, then the balance the customer was told', () => {
    const { rerender } = render(<I18nProvider><MadeToOrderMoney account={account} /></I18nProvider>);
    expect(screen.getByTestId('made-to-order-money').textContent).toContain('约定定金¥300.00');
    expect(screen.getByTestId('deposit-confirmed').textContent).toBe('未到，生产未下达');
    expect(screen.getByTestId('balance-notice').textContent).toBe('生产完成后通知');

    const confirmed = { ...account, depositConfirmedAt: '2026-12-01T02:00:00Z' };
    rerender(<I18nProvider><MadeToOrderMoney account={confirmed} /></I18nProvider>);
    expect(screen.getByTestId('deposit-confirmed').textContent).toMatch(/^已确认（.*2026.*），已通知生产$/);

    const told = { ...confirmed, balanceNotice: { totalFen: 100_000, paidFen: 30_000, balanceFen: 70_000, issuedAt: '2026-12-10T02:00:00Z' } };
    rerender(<I18nProvider><MadeToOrderMoney account={told} /></I18nProvider>);
    expect(screen.getByTestId('balance-notice').textContent).toMatch(/^应付尾款 ¥700\.00（订单 ¥1,000\.00，已付 ¥300\.00），.*2026.* 已通知客户$/);

    const paid = { ...confirmed, balanceNotice: { totalFen: 100_000, paidFen: 100_000, balanceFen: 0, issuedAt: '2026-12-10T02:00:00Z' } };
    rerender(<I18nProvider><MadeToOrderMoney account={paid} /></I18nProvider>);
    expect(screen.getByTestId('balance-notice').textContent).toMatch(/^已付清（订单 ¥1,000\.00），/);
  });

  it('shows nothing for a stocked order', () => {
    render(<I18nProvider><MadeToOrderMoney account={{ ...account, madeToOrder: false }} /></I18nProvider>);
    expect(screen.queryByTestId('made-to-order-money')).toBeNull();
  });
});

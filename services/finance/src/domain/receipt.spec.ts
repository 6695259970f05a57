import { DomainError } from '@ops/kernel';
import type { OrderAccount } from './order-account.js';
import { approveDeposit, counts, recordReceipt, verifyTransfer, type Receipt } from './receipt.js';

const account = (patch: Partial<OrderAccount> = {}): OrderAccount => ({
  orderId: 'order-1', orderNumber: 'SO-2026-000001', customerId: 'customer-1', customerName: '晨光', customerTaxId: null, salesRep: null, region: null, paymentTerms: 'prepaid', totalFen: 10_000,
  paidFen: 0, coveredFen: 0, invoicedFen: 0, prepaymentFen: 0, creditTermsDays: null, lines: [], requiredDepositFen: 10_000, depositAcceptedAt: null,
  madeToOrder: false, depositConfirmedAt: null, balanceNotice: null, confirmedAt: null, cancellation: null, ...patch,
});
const recorded = { id: 'receipt-1', number: 'RC-2026-000007', recordedBy: 'cashier-1', cashierDate: '2026-11-21' };
const code = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return (e as DomainError).code; } };

describe('a receipt', () => {
  it('counts cash and POS at once, and keeps only what the method allows', () => {
    const step = recordReceipt({ ...recorded, method: 'cash', amountFen: 10_000, counterfeitChecked: true }, account());
    expect(step.state).toMatchObject({ status: 'counted', orderId: 'order-1', amountFen: 10_000, recordedBy: 'cashier-1', details: { counterfeitChecked: true }, payerName: null });
    expect(step.transitions).toEqual([{ from: 'new', to: 'counted', reason: '100.00 by cash, counted' }]);
    expect(counts(step.state)).toBe(true);
  });

  it('refuses a receipt its method does not allow, or for a cancelled order', () => {
    expect(code(() => recordReceipt({ ...recorded, method: 'cash', amountFen: 100 }, account()))).toBe('receipt-incomplete');
    const cancelled = () => recordReceipt({ ...recorded, method: 'cash', amountFen: 100, counterfeitChecked: true }, account({ cancellation: 'refunded' }));
    expect(code(cancelled)).toBe('order-cancelled');
    expect(() => cancelled()).toThrow(expect.objectContaining({ errors: [{ field: 'orderId', message: 'names a cancelled order' }] }));
  });

  it('makes only a first payment below the required deposit wait; later ones and those meeting it count at once', () => {
    const cash = (amountFen: number, patch: Partial<OrderAccount> = {}) => recordReceipt({ ...recorded, method: 'cash', amountFen, counterfeitChecked: true }, account(patch)).state.status;
    expect(cash(9_999)).toBe('awaiting_deposit_approval');
    expect(cash(10_000)).toBe('counted');
    expect(cash(3_000, { requiredDepositFen: 3_000 })).toBe('counted');
    expect(cash(2_999, { requiredDepositFen: 3_000 })).toBe('awaiting_deposit_approval');
    // A later payment simply adds up, however small.
    expect(cash(1, { paidFen: 4_000, depositAcceptedAt: new Date() })).toBe('counted');
    // Money the customer held (their prepayment) counts toward the deposit.
    expect(cash(5_000, { paidFen: 5_000 })).toBe('counted');
    expect(cash(1, { paymentTerms: 'credit', requiredDepositFen: 0 })).toBe('counted');
  });

  const transfer = (amountFen = 10_000): Receipt => recordReceipt({ ...recorded, method: 'transfer', amountFen, remittingBank: '工商银行', transferDate: '2026-11-21', payerName: '王芳' }, account()).state;

  it('waits as a transfer until verified once, and not by whoever recorded it', () => {
    const pending = transfer();
    expect(pending.status).toBe('pending_verification');
    expect(counts(pending)).toBe(false);
    expect(() => verifyTransfer(pending, 'cashier-1', account())).toThrow('You recorded RC-2026-000007');
    expect(code(() => verifyTransfer(pending, 'cashier-1', account()))).toBe('recorder-cannot-verify');
    const at = new Date('2026-11-22T02:00:00Z');
    const verified = verifyTransfer(pending, 'accountant-1', account(), at);
    expect(verified.state).toMatchObject({ status: 'counted', verifiedBy: 'accountant-1', verifiedAt: at });
    expect(verified.transitions).toEqual([{ from: 'pending_verification', to: 'counted', reason: 'transfer verified by accountant-1' }]);
    expect(() => verifyTransfer(verified.state, 'accountant-1', account())).toThrow('is counted');
    expect(code(() => verifyTransfer(pending, 'accountant-1', account({ cancellation: 'nothing_paid' })))).toBe('order-cancelled');
  });

  it('waits for both approvals after verification when the transfer is a first payment below the required deposit', () => {
    expect(verifyTransfer(transfer(4_000), 'accountant-1', account()).state.status).toBe('awaiting_deposit_approval');
  });

  const salesManager = { userId: 'sales-manager-1', roles: ['sales_manager'] };
  const financeManager = { userId: 'finance-manager-1', roles: ['finance_manager'] };

  it('counts a first payment below the deposit only once sales management and a finance manager have both accepted it, in either order', () => {
    const waiting = recordReceipt({ ...recorded, method: 'cash', amountFen: 4_000, counterfeitChecked: true }, account()).state;
    const bySales = approveDeposit(waiting, salesManager, account());
    expect(bySales).toMatchObject({ side: 'sales', state: { status: 'awaiting_deposit_approval', depositSalesApprovedBy: 'sales-manager-1', depositFinanceApprovedBy: null }, events: [] });
    expect(counts(bySales.state)).toBe(false);
    expect(bySales.transitions).toEqual([{ from: 'awaiting_deposit_approval', to: 'awaiting_deposit_approval', reason: 'deposit below the required amount accepted for sales management by sales-manager-1; waits for a finance manager' }]);
    const both = approveDeposit(bySales.state, financeManager, account());
    expect(both.state).toMatchObject({ status: 'counted', depositSalesApprovedBy: 'sales-manager-1', depositFinanceApprovedBy: 'finance-manager-1' });
    expect(both.transitions).toEqual([{ from: 'awaiting_deposit_approval', to: 'counted', reason: 'deposit below the required amount accepted for a finance manager by finance-manager-1; both sides accepted it, it counts' }]);
    expect(code(() => approveDeposit(both.state, salesManager, account()))).toBe('not-a-pending-deposit');

    const financeFirst = approveDeposit(waiting, financeManager, account());
    expect(financeFirst.state).toMatchObject({ status: 'awaiting_deposit_approval', depositFinanceApprovedBy: 'finance-manager-1' });
    expect(approveDeposit(financeFirst.state, { userId: 'gm', roles: ['general_manager'] }, account()).state.status).toBe('counted');
  });

  it('never lets the recorder approve, one person fill both sides, or a second person fill a side already filled', () => {
    const waiting = recordReceipt({ ...recorded, method: 'cash', amountFen: 4_000, counterfeitChecked: true }, account()).state;
    expect(code(() => approveDeposit(waiting, { userId: 'cashier-1', roles: ['cashier', 'sales_manager', 'finance_manager'] }, account()))).toBe('self-approval');
    const both = { userId: 'both-1', roles: ['sales_manager', 'finance_manager'] };
    const once = approveDeposit(waiting, both, account());
    expect(once).toMatchObject({ side: 'sales', state: { status: 'awaiting_deposit_approval' } });
    expect(code(() => approveDeposit(once.state, both, account()))).toBe('same-approver');
    expect(code(() => approveDeposit(once.state, { userId: 'vp-1', roles: ['sales_vp'] }, account()))).toBe('deposit-side-approved');
    expect(code(() => approveDeposit(waiting, { userId: 'accountant-1', roles: ['accountant'] }, account()))).toBe('not-a-deposit-approver');
    expect(code(() => approveDeposit(waiting, salesManager, account({ cancellation: 'refunded' })))).toBe('order-cancelled');
  });
});

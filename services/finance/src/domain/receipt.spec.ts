import { DomainError } from '@ops/kernel';
import type { OrderAccount } from './order-account.js';
import { approveDeposit, counts, recordReceipt, verifyTransfer, type Receipt } from './receipt.js';

const account = (patch: Partial<OrderAccount> = {}): OrderAccount => ({
  orderId: 'order-1', orderNumber: 'SO-2026-000001', customerId: 'customer-1', customerName: '晨光', paymentTerms: 'prepaid', totalFen: 10_000,
  paidFen: 0, coveredFen: 0, invoicedFen: 0, prepaymentFen: 0, creditTermsDays: null, lines: [], confirmedAt: null, cancellation: null, ...patch,
});
const recorded = { id: 'receipt-1', number: 'RC-2026-000007', recordedBy: 'cashier-1' };
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

  it('makes a deposit below the required amount of a prepaid order wait for a sales manager, not a credit order', () => {
    expect(recordReceipt({ ...recorded, method: 'cash', amountFen: 9_999, counterfeitChecked: true }, account()).state.status).toBe('awaiting_deposit_approval');
    expect(recordReceipt({ ...recorded, method: 'cash', amountFen: 5_000, counterfeitChecked: true }, account({ paidFen: 5_000 })).state.status).toBe('counted');
    expect(recordReceipt({ ...recorded, method: 'cash', amountFen: 1, counterfeitChecked: true }, account({ paymentTerms: 'credit' })).state.status).toBe('counted');
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

  it('waits for a sales manager after verification when the transfer is a deposit below the required amount', () => {
    expect(verifyTransfer(transfer(4_000), 'accountant-1', account()).state.status).toBe('awaiting_deposit_approval');
  });

  it('is accepted as a deposit once, never by whoever recorded it', () => {
    const waiting = recordReceipt({ ...recorded, method: 'cash', amountFen: 4_000, counterfeitChecked: true }, account()).state;
    expect(code(() => approveDeposit(waiting, 'cashier-1', account()))).toBe('self-approval');
    const accepted = approveDeposit(waiting, 'sales-manager-1', account());
    expect(accepted.state).toMatchObject({ status: 'counted', depositApprovedBy: 'sales-manager-1' });
    expect(accepted.transitions).toEqual([{ from: 'awaiting_deposit_approval', to: 'counted', reason: 'deposit below the required amount accepted by sales-manager-1' }]);
    expect(code(() => approveDeposit(accepted.state, 'sales-manager-1', account()))).toBe('not-a-pending-deposit');
    expect(code(() => approveDeposit(waiting, 'sales-manager-1', account({ cancellation: 'refunded' })))).toBe('order-cancelled');
  });
});

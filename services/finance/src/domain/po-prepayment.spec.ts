import { awaitPrepayment, payPrepayment } from './po-prepayment.js';

describe('a purchase order\'s prepayment', () => {
  it('is awaited from approval and paid once payments reach what the order requires', () => {
    const awaited = awaitPrepayment({ purchaseOrderNumber: 'PO-2026-000001', requiredFen: 10_000 });
    expect(awaited.state).toEqual({ purchaseOrderNumber: 'PO-2026-000001', requiredFen: 10_000, paidFen: 0, status: 'awaiting' });
    const part = payPrepayment(awaited.state, 4_000, 'SPR-1');
    expect(part.state).toMatchObject({ paidFen: 4_000, status: 'awaiting' });
    expect(part.transitions).toEqual([{ from: 'awaiting', to: 'awaiting', reason: 'payment request SPR-1: 40.00 paid, 40.00 of 100.00' }]);
    expect(payPrepayment(part.state, 6_000, 'SPR-2').state).toMatchObject({ paidFen: 10_000, status: 'paid' });
  });
});

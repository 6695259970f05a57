import { auditReceipt, recordReceipt, STOCK_RECEIPT } from './stock-receipt.js';

describe('goods receipt', () => {
  const lines = [{ sku: 'A', quantity: 2, location: 'STOCK', batch: '' }];
  const saved = recordReceipt({ number: 'GR-2026-000001', lines, createdBy: 'keeper' });
  const at = new Date('2026-11-20T08:00:00Z');

  it('is saved, changing nothing until audited', () => {
    expect(saved.state).toEqual({ number: 'GR-2026-000001', lines, createdBy: 'keeper', status: 'saved', auditedBy: null, auditedAt: null });
    expect(saved.transitions).toEqual([{ from: 'new', to: 'saved', reason: 'recorded by keeper' }]);
  });

  it('is audited once, by someone other than its recorder', () => {
    const audited = auditReceipt(saved.state, 'manager', at);
    expect(audited.state).toMatchObject({ status: 'audited', auditedBy: 'manager', auditedAt: at });
    expect(audited.transitions).toEqual([{ from: 'saved', to: 'audited', reason: 'audited by manager' }]);
    expect(() => auditReceipt(saved.state, 'keeper')).toThrow(expect.objectContaining({ code: 'self-approval', message: expect.stringMatching(/someone else must approve/) }));
    expect(() => auditReceipt(audited.state, 'manager')).toThrow(expect.objectContaining({ status: 409, code: 'receipt-already-audited', message: expect.stringMatching(/already audited/) }));
    expect(STOCK_RECEIPT.can('audited', 'saved')).toBe(false);
  });
});

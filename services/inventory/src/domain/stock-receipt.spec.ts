import { auditReceipt } from './stock-receipt.js';

describe('goods receipt audit', () => {
  const saved = { number: 'GR-2026-000001', status: 'saved' as const, createdBy: 'keeper' };
  it('is audited once, by someone other than its recorder', () => {
    expect(auditReceipt(saved, 'manager').status).toBe('audited');
    expect(() => auditReceipt(saved, 'keeper')).toThrow(/someone else must approve/);
    expect(() => auditReceipt({ ...saved, status: 'audited' }, 'manager')).toThrow(/already audited/);
  });
});

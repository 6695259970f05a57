import { OrderPlaced } from '@ops/contracts';
import { checkEnvelope } from './envelope-check.js';

const envelope = (patch: object = {}, data: object = {}) =>
  JSON.stringify({
    id: '01939f3e-0000-7000-8000-000000000001',
    type: 'sales.order.placed',
    version: 1,
    occurredAt: '2026-11-22T00:00:00Z',
    source: 'sales',
    aggregateId: '01939f3e-0000-7000-8000-000000000002',
    correlationId: 'c',
    causationId: null,
    actor: { userId: 'u', roles: [] },
    data: {
      orderId: '01939f3e-0000-7000-8000-000000000002',
      orderNumber: 'SO-2026-000001',
      customerId: '01939f3e-0000-7000-8000-000000000003',
      customerName: 'Acme',
      paymentTerms: 'prepaid',
      totalFen: 200,
      lines: [{ lineNo: 1, sku: 'A', quantity: 2, unitPriceFen: 100, lineTotalFen: 200 }],
      ...data,
    },
    ...patch,
  });

describe('checking a received event', () => {
  it('accepts a valid envelope, and an added optional field (same version)', () => {
    expect(checkEnvelope(envelope(), OrderPlaced).ok).toBe(true);
    expect(checkEnvelope(envelope({}, { note: 'added later' }), OrderPlaced).ok).toBe(true);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['another type', envelope({ type: 'sales.order.cancelled' }), 'expected sales.order.placed'],
    ['another version', envelope({ version: 2 }), 'v2'],
    ['no actor', envelope({ actor: undefined }), 'actor'],
    ['a bad id', envelope({ id: '42' }), 'uuid'],
    ['a fractional amount', envelope({}, { totalFen: 1.5 }), 'totalFen'],
    ['a nested bad line', envelope({}, { lines: [{ lineNo: 1, sku: 'A', quantity: 0, unitPriceFen: 1, lineTotalFen: 0 }] }), 'lines[0].quantity'],
  ])('refuses %s', (_name, raw, reason) => {
    const checked = checkEnvelope(raw, OrderPlaced);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.reason).toContain(reason);
  });
});

import { DomainError } from '@ops/kernel';
import { assertMayGoOut, RELEASE_BASIS, releaseOrder, strongerBasis } from './release-policy.js';

const code = (fn: () => void) => { try { fn(); return 'ok'; } catch (e) { return (e as DomainError).code; } };

describe('release for picking (domain.md §4.4, §4.6)', () => {
  const standing = (overdue: boolean, hold: string | null = null) => ({ overdue, creditHold: hold ? { reason: hold } : null });

  it.each([
    [null, false, 'order-not-released'],
    [{ basis: 'payment' as const }, true, 'ok'],
    [{ basis: 'credit_terms' as const }, false, 'ok'],
    [{ basis: 'credit_terms' as const }, true, 'customer-overdue'],
    [{ basis: 'exception' as const }, true, 'ok'],
  ])('release %j with the customer overdue %s: %s', (release, overdue, expected) => {
    expect(code(() => assertMayGoOut('o', release, standing(overdue)))).toBe(expected);
  });

  it('lets nothing out for a customer on credit hold, whatever the basis, naming finance\'s reason (§4.4, rule 9-06)', () => {
    for (const basis of ['payment', 'credit_terms', 'exception'] as const) {
      for (const overdue of [false, true]) {
        expect(() => assertMayGoOut('o-1', { basis }, standing(overdue, 'Two invoices 60 days overdue'))).toThrow(expect.objectContaining({
          kind: 'rule_violated', status: 422, code: 'customer-on-credit-hold', message: expect.stringMatching(/credit hold.*Two invoices 60 days overdue/),
        }));
      }
    }
    // An order not released at all says so first; a released hold lets the order out again.
    expect(code(() => assertMayGoOut('o', null, standing(false, 'held')))).toBe('order-not-released');
    expect(code(() => assertMayGoOut('o', { basis: 'credit_terms' }, standing(false, null)))).toBe('ok');
    expect(code(() => assertMayGoOut('o', { basis: 'payment' }))).toBe('ok');
  });

  it('keeps the stronger basis', () => {
    expect(strongerBasis(undefined, 'credit_terms')).toBe('credit_terms');
    expect(strongerBasis('credit_terms', 'payment')).toBe('payment');
    expect(strongerBasis('credit_terms', 'exception')).toBe('exception');
    expect(strongerBasis('payment', 'credit_terms')).toBe('payment');
    expect(strongerBasis('exception', 'payment')).toBe('exception');
  });
});

describe('order release', () => {
  const news = (basis: 'payment' | 'credit_terms' | 'exception', eventId = 'e-1', exceptionReason?: string) => ({ orderId: 'o-1', customerId: 'c-1', basis, eventId, exceptionReason });

  it('starts with the first basis heard, then only ever gets stronger, keeping the first event', () => {
    const first = releaseOrder(null, news('credit_terms'));
    expect(first.state).toEqual({ orderId: 'o-1', customerId: 'c-1', basis: 'credit_terms', eventId: 'e-1', exceptionReason: null });
    expect(first.transitions).toEqual([{ from: 'unreleased', to: 'credit_terms', reason: 'on approved credit terms' }]);
    const paid = releaseOrder(first.state, news('payment', 'e-2'));
    expect(paid.state).toMatchObject({ basis: 'payment', eventId: 'e-1' });
    expect(paid.transitions).toEqual([{ from: 'credit_terms', to: 'payment', reason: 'payment confirmed' }]);
    expect(releaseOrder(paid.state, news('exception', 'e-3', 'VP said so'))).toMatchObject({ state: { basis: 'payment', exceptionReason: null }, transitions: [] });
    expect(releaseOrder(first.state, news('exception', 'e-3', 'VP said so'))).toMatchObject({ state: { basis: 'exception', exceptionReason: 'VP said so' }, transitions: [{ from: 'credit_terms', to: 'exception' }] });
    expect(releaseOrder(null, news('exception', 'e-4', 'urgent')).state.exceptionReason).toBe('urgent');
    expect(RELEASE_BASIS.can('payment', 'credit_terms')).toBe(false);
  });
});

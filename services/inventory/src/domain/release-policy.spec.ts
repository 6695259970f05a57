import { DomainError } from '@ops/contracts';
import { assertMayGoOut, strongerBasis } from './release-policy.js';

const code = (fn: () => void) => { try { fn(); return 'ok'; } catch (e) { return (e as DomainError).code; } };

describe('release for picking (DESIGN §4.4, §4.6)', () => {
  it.each([
    [null, false, 'order-not-released'],
    [{ basis: 'payment' as const }, true, 'ok'],
    [{ basis: 'credit_terms' as const }, false, 'ok'],
    [{ basis: 'credit_terms' as const }, true, 'customer-overdue'],
    [{ basis: 'exception' as const }, true, 'ok'],
  ])('release %j with the customer overdue %s: %s', (release, overdue, expected) => {
    expect(code(() => assertMayGoOut('o', release, overdue))).toBe(expected);
  });

  it('keeps the stronger basis', () => {
    expect(strongerBasis(undefined, 'credit_terms')).toBe('credit_terms');
    expect(strongerBasis('credit_terms', 'payment')).toBe('payment');
    expect(strongerBasis('credit_terms', 'exception')).toBe('exception');
    expect(strongerBasis('payment', 'credit_terms')).toBe('payment');
    expect(strongerBasis('exception', 'payment')).toBe('exception');
  });
});

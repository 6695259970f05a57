import { DomainError } from '@ops/kernel';
import { cancelSlip, DRINKS_SLIP, makeSlip, refuseUnlessOpenBar, serveSlip, writeSlip, type DrinksSlip } from './drinks-slip.js';

const refusal = (fn: () => unknown) => { try { fn(); return 'passed'; } catch (e) { return (e as DomainError).code; } };
const fieldsOf = (fn: () => unknown) => { try { fn(); return []; } catch (e) { return ((e as DomainError).errors ?? []).map((x) => x.field); } };
const at = new Date('2026-12-01T12:00:00Z');
const LIST = new Set(['BEER', 'COLA', 'WINE']);
const written = (lines = [{ sku: 'BEER', quantity: 2 }]) =>
  writeSlip({ id: 's1', outletId: 'o1', number: 'DS-BAR1-2026-000001', tableLabel: ' T3 ', businessDate: '2026-12-01', writtenBy: 'bar_staff', at, lines }, LIST);

describe('drinks slip', () => {
  it('is written only at a bar that is open', () => {
    expect(() => refuseUnlessOpenBar({ code: 'BAR1', kind: 'bar', status: 'active' })).not.toThrow();
    expect(() => refuseUnlessOpenBar({ code: 'STORE1', kind: 'store', status: 'active' })).toThrow(expect.objectContaining({ code: 'not-a-bar' }));
    expect(() => refuseUnlessOpenBar({ code: 'BAR1', kind: 'bar', status: 'closed' })).toThrow(expect.objectContaining({ code: 'outlet-closed' }));
  });

  it('is written for a table with lines of the outlet\'s list; the same SKU and note make one line', () => {
    const step = written([{ sku: 'BEER', quantity: 2 }, { sku: 'COLA', quantity: 1, note: 'no ice' } as never, { sku: 'BEER', quantity: 1 }]);
    expect(step.state).toMatchObject({ status: 'written', tableLabel: 'T3', writtenBy: 'bar_staff', ticketId: null });
    expect(step.lines).toEqual([{ lineNo: 1, sku: 'BEER', quantity: 3, note: null }, { lineNo: 2, sku: 'COLA', quantity: 1, note: 'no ice' }]);
    expect(step.transitions).toEqual([expect.objectContaining({ from: 'new', to: 'written' })]);
  });

  it('refuses a SKU not on the outlet\'s price list, naming its line, and an empty slip or table', () => {
    expect(refusal(() => written([{ sku: 'BEER', quantity: 1 }, { sku: 'WHISKY', quantity: 1 }]))).toBe('sku-not-on-outlet-list');
    expect(fieldsOf(() => written([{ sku: 'BEER', quantity: 1 }, { sku: 'WHISKY', quantity: 1 }]))).toEqual(['lines.1.sku']);
    expect(fieldsOf(() => written([]))).toEqual(['lines']);
    expect(fieldsOf(() => writeSlip({ id: 's', outletId: 'o', number: 'n', tableLabel: '  ', businessDate: 'd', writtenBy: 'x', at, lines: [{ sku: 'BEER', quantity: 1 }] }, LIST))).toEqual(['table']);
  });

  it('goes written → made → served, and the served slip names its ticket; nothing skips the bar', () => {
    const slip = written().state;
    expect(refusal(() => serveSlip(slip, 'bar_staff', at, 't1'))).toBe('drinks-slip-transition-refused');
    const made = makeSlip(slip, 'bartender', at).state;
    expect(made).toMatchObject({ status: 'made', madeBy: 'bartender' });
    const served = serveSlip(made, 'bar_staff', at, 't1');
    expect(served.state).toMatchObject({ status: 'served', servedBy: 'bar_staff', ticketId: 't1' });
    expect(refusal(() => makeSlip(served.state, 'bartender', at))).toBe('drinks-slip-transition-refused');
    expect(DRINKS_SLIP.can('served', 'cancelled')).toBe(false);
    expect(DRINKS_SLIP.can('cancelled', 'written')).toBe(false);
  });

  it('a written slip is cancelled by table staff; a made one only by the supervisor, with a reason; a served one never', () => {
    const slip = written().state;
    expect(cancelSlip(slip, { username: 'bar_staff', supervisor: false }, undefined).state).toMatchObject({ status: 'cancelled', cancelledBy: 'bar_staff', cancelReason: null });
    const made: DrinksSlip = makeSlip(slip, 'bartender', at).state;
    expect(refusal(() => cancelSlip(made, { username: 'bar_staff', supervisor: false }, 'guest left'))).toBe('made-slip-needs-supervisor');
    expect(refusal(() => cancelSlip(made, { username: 'bar_supervisor', supervisor: true }, '  '))).toBe('cancel-reason-required');
    expect(cancelSlip(made, { username: 'bar_supervisor', supervisor: true }, 'guest left').state).toMatchObject({ status: 'cancelled', cancelReason: 'guest left' });
    const served = serveSlip(made, 'bar_staff', at, 't1').state;
    expect(refusal(() => cancelSlip(served, { username: 'bar_supervisor', supervisor: true }, 'late'))).toBe('drinks-slip-transition-refused');
  });
});

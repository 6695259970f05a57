import { DomainError } from '@ops/kernel';
import { checkAtGate, EXPECTED_EXIT, expectExit, passGate, recordGateCheck, unauthorizedExit, type ExpectedExit } from './gate-check.js';

const expected: ExpectedExit = { shipmentNumber: 'SH-1', carrier: 'ZTO', pieces: 3, status: 'expected' };
const codeOf = (fn: () => unknown) => { try { fn(); return 'passed'; } catch (e) { return (e as DomainError).code; } };

describe('gate check', () => {
  it('clears a shipment whose pieces match', () => {
    expect(checkAtGate('SH-1', expected, 3)).toEqual({ outcome: 'cleared' });
  });

  it('flags a count that differs, either way', () => {
    expect(checkAtGate('SH-1', expected, 4)).toMatchObject({ outcome: 'mismatch', reason: expect.stringContaining('should carry 3 pieces; 4 counted') });
    expect(checkAtGate('SH-1', expected, 2).outcome).toBe('mismatch');
  });

  it('flags goods leaving on papers the gate never saw', () => {
    expect(checkAtGate('SH-404', null, 1)).toMatchObject({ outcome: 'unknown_shipment' });
  });

  it('refuses to clear a shipment twice', () => {
    expect(() => checkAtGate('SH-1', { ...expected, status: 'cleared' }, 3)).toThrow(DomainError);
    expect(codeOf(() => checkAtGate('SH-1', { ...expected, status: 'cleared' }, 3))).toBe('already-cleared');
    expect(codeOf(() => passGate({ ...expected, status: 'cleared' }, { outcome: 'cleared' }, 'GC-1'))).toBe('already-cleared');
  });

  it('a failed check is a high-severity unauthorized goods exit at the gate, naming the vehicle', () => {
    expect(unauthorizedExit({ outcome: 'unknown_shipment', reason: 'No shipment SH-404 is expected at the gate' }, 'North gate', '沪A·12345')).toEqual({
      type: 'unauthorized_goods_exit', severity: 'high', location: 'North gate', description: 'No shipment SH-404 is expected at the gate (vehicle 沪A·12345)',
    });
    expect(unauthorizedExit({ outcome: 'mismatch', reason: 'short' }, 'Main gate').description).toBe('short');
  });
});

describe('expected exit', () => {
  it('is expected once inventory reports the shipment', () => {
    const step = expectExit({ shipmentNumber: 'SH-1', carrier: 'ZTO', pieces: 3 });
    expect(step.state.status).toBe('expected');
    expect(step.transitions).toEqual([{ from: 'new', to: 'expected', reason: expect.stringContaining('3 pieces') }]);
    expect(step.events).toEqual([]);
  });

  it('is cleared by a matching count, or held as a mismatch that a later count may still clear', () => {
    const cleared = passGate(expected, checkAtGate('SH-1', expected, 3) as { outcome: 'cleared' }, 'GC-1');
    expect(cleared.state.status).toBe('cleared');
    expect(cleared.transitions).toEqual([{ from: 'expected', to: 'cleared', reason: expect.stringContaining('GC-1') }]);

    const held = passGate(expected, { outcome: 'mismatch', reason: 'should carry 3 pieces; 4 counted' }, 'GC-2');
    expect(held.state.status).toBe('mismatch');
    expect(held.transitions).toEqual([{ from: 'expected', to: 'mismatch', reason: 'gate check GC-2: should carry 3 pieces; 4 counted' }]);

    expect(passGate({ ...expected, status: 'mismatch' }, { outcome: 'mismatch', reason: 'again' }, 'GC-3').transitions).toHaveLength(1);
    expect(passGate({ ...expected, status: 'mismatch' }, { outcome: 'cleared' }, 'GC-4').state.status).toBe('cleared');
  });

  it('never leaves the cleared state', () => {
    for (const to of EXPECTED_EXIT.states) expect(EXPECTED_EXIT.can('cleared', to)).toBe(false);
  });
});

describe('recording a gate check', () => {
  const check = { number: 'GC-1', shipmentNumber: 'SH-1', piecesCounted: 3, gate: 'Main gate', incidentId: null };

  it('keeps the outcome and says in its history what the guard found', () => {
    expect(recordGateCheck(check, { outcome: 'cleared' })).toEqual({
      state: { ...check, outcome: 'cleared' }, transitions: [{ from: 'new', to: 'cleared', reason: '3 pieces counted at Main gate, as the papers say' }], events: [],
    });
    const failed = recordGateCheck({ ...check, incidentId: 'i1' }, { outcome: 'unknown_shipment', reason: 'No shipment SH-1 is expected at the gate' });
    expect(failed.state.outcome).toBe('unknown_shipment');
    expect(failed.transitions[0]).toMatchObject({ to: 'unknown_shipment', reason: expect.stringContaining('unauthorized goods exit') });
  });

  it('refuses a failed check that names no incident', () => {
    expect(() => recordGateCheck(check, { outcome: 'mismatch', reason: 'short' })).toThrow();
  });
});

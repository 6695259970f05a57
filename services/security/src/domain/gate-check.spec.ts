import { DomainError } from '@ops/contracts';
import { checkAtGate } from './gate-check.js';

const expected = { shipmentId: 's1', pieces: 3, status: 'expected' as const };

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
  });
});

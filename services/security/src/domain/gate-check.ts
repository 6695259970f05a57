import { DomainError } from '@ops/contracts';

/**
 * No goods leave without settlement papers (DESIGN §7, seed 000): the guard matches what leaves
 * against a shipment the gate expects. The same piece count clears it; anything else, or a shipment
 * the gate never heard of, is an unauthorized goods exit.
 */
export interface ExpectedExit {
  shipmentId: string;
  pieces: number;
  status: 'expected' | 'cleared' | 'mismatch';
}

export type GateCheckOutcome =
  | { outcome: 'cleared' }
  | { outcome: 'mismatch'; reason: string }
  | { outcome: 'unknown_shipment'; reason: string };

export function checkAtGate(shipmentNumber: string, expected: ExpectedExit | null, piecesCounted: number): GateCheckOutcome {
  if (!expected) return { outcome: 'unknown_shipment', reason: `No shipment ${shipmentNumber} is expected at the gate` };
  if (expected.status === 'cleared') throw new DomainError('conflict', 'already-cleared', `Shipment ${shipmentNumber} has already left through the gate`);
  if (piecesCounted !== expected.pieces) {
    return { outcome: 'mismatch', reason: `Shipment ${shipmentNumber} should carry ${expected.pieces} pieces; ${piecesCounted} counted at the gate` };
  }
  return { outcome: 'cleared' };
}

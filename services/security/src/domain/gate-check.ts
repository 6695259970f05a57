import { DomainError, StateMachine, type Step } from '@ops/kernel';
import type { IncidentFacts } from './incident.js';

/**
 * No goods leave without settlement papers (domain.md §7, seed 000): the guard matches what leaves
 * against a shipment the gate expects. The same piece count clears it; anything else, or a shipment
 * the gate never heard of, is an unauthorized goods exit.
 */
export type ExpectedExitStatus = 'expected' | 'cleared' | 'mismatch';

/** A shipment whose count was wrong stays at the gate and may be counted again; once cleared it has left. */
export const EXPECTED_EXIT = new StateMachine<ExpectedExitStatus>('expected exit', {
  expected: ['cleared', 'mismatch'],
  mismatch: ['cleared', 'mismatch'],
  cleared: [],
});

/** A shipment the gate should see leave, as inventory reported it shipped. */
export interface ExpectedExit {
  shipmentNumber: string;
  carrier: string;
  pieces: number;
  status: ExpectedExitStatus;
}

export type GateCheckOutcome =
  | { outcome: 'cleared' }
  | { outcome: 'mismatch'; reason: string }
  | { outcome: 'unknown_shipment'; reason: string };

/** The outcomes that raise an unauthorized goods exit. */
export type RefusedExit = Exclude<GateCheckOutcome, { outcome: 'cleared' }>;

/** The gate learns of a shipment before it arrives. */
export function expectExit<E extends Omit<ExpectedExit, 'status'>>(shipment: E): Step<E & { status: ExpectedExitStatus }> {
  return {
    state: { ...shipment, status: 'expected' },
    transitions: [{ from: 'new', to: 'expected', reason: `shipped with ${shipment.carrier}: ${shipment.pieces} pieces to leave` }],
    events: [],
  };
}

export function checkAtGate(shipmentNumber: string, expected: Pick<ExpectedExit, 'pieces' | 'status'> | null, piecesCounted: number): GateCheckOutcome {
  if (!expected) return { outcome: 'unknown_shipment', reason: `No shipment ${shipmentNumber} is expected at the gate` };
  refuseIfLeft(shipmentNumber, expected);
  if (piecesCounted !== expected.pieces) {
    return { outcome: 'mismatch', reason: `Shipment ${shipmentNumber} should carry ${expected.pieces} pieces; ${piecesCounted} counted at the gate` };
  }
  return { outcome: 'cleared' };
}

/** The expected shipment after the guard's check: cleared to leave, or held for a count that does not match. */
export function passGate<E extends ExpectedExit>(exit: E, check: Exclude<GateCheckOutcome, { outcome: 'unknown_shipment' }>, checkNumber: string): Step<E> {
  refuseIfLeft(exit.shipmentNumber, exit);
  const t = check.outcome === 'cleared'
    ? EXPECTED_EXIT.move(exit.status, 'cleared', `cleared by gate check ${checkNumber}: ${exit.pieces} pieces counted`)
    : EXPECTED_EXIT.move(exit.status, 'mismatch', `gate check ${checkNumber}: ${check.reason}`);
  return { state: { ...exit, status: t.to }, transitions: [t], events: [] };
}

function refuseIfLeft(shipmentNumber: string, exit: Pick<ExpectedExit, 'status'>): void {
  if (exit.status === 'cleared') throw new DomainError('conflict', 'already-cleared', `Shipment ${shipmentNumber} has already left through the gate`);
}

/** A failed check is a high-severity unauthorized goods exit, reported where the goods tried to leave. */
export function unauthorizedExit(check: RefusedExit, gate: string, vehicle?: string | null): IncidentFacts {
  return {
    type: 'unauthorized_goods_exit', severity: 'high', location: gate,
    description: `${check.reason}${vehicle ? ` (vehicle ${vehicle})` : ''}`,
  };
}

/** A guard's check of goods leaving, against the shipment papers; its outcome is final once recorded. */
export interface GateCheck {
  number: string;
  shipmentNumber: string;
  piecesCounted: number;
  gate: string;
  outcome: GateCheckOutcome['outcome'];
  incidentId: string | null;
}

/** The check as recorded: the history line says what the guard found; a failed check names its incident. */
export function recordGateCheck<C extends Omit<GateCheck, 'outcome'>>(check: C, outcome: GateCheckOutcome): Step<C & Pick<GateCheck, 'outcome'>> {
  if (outcome.outcome !== 'cleared' && !check.incidentId) {
    throw new Error(`Gate check ${check.number} found an unauthorized exit but names no incident`);
  }
  const reason = outcome.outcome === 'cleared'
    ? `${check.piecesCounted} pieces counted at ${check.gate}, as the papers say`
    : `${outcome.reason}: unauthorized goods exit reported`;
  return { state: { ...check, outcome: outcome.outcome }, transitions: [{ from: 'new', to: outcome.outcome, reason }], events: [] };
}

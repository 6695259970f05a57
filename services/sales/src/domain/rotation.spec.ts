import fc from 'fast-check';
import { fairnessOf, nextTurn, reorder, type RotationEntryKind, type RotationState } from './rotation.js';

const CONSULTANTS = ['chen', 'li', 'wang', 'zhao', 'zhou'];

describe('rotation of walk-ins', () => {
  it('goes round the roster in order', () => {
    let state: RotationState = { order: ['a', 'b', 'c'], pointer: 0 };
    const assigned: string[] = [];
    for (let i = 0; i < 7; i++) {
      const turn = nextTurn(state, {});
      assigned.push(turn.consultant);
      expect(turn.skips).toEqual([]);
      state = turn.state;
    }
    expect(assigned).toEqual(['a', 'b', 'c', 'a', 'b', 'c', 'a']);
  });

  it('skips a consultant away from the floor, who loses that turn with the reason', () => {
    const turn = nextTurn({ order: ['a', 'b', 'c'], pointer: 1 }, { b: 'test drive with a customer' });
    expect(turn).toEqual({ consultant: 'c', skips: [{ consultant: 'b', reason: 'test drive with a customer' }], state: { order: ['a', 'b', 'c'], pointer: 0 } });
    // The lost turn is not given back: next comes a, then b.
    expect(nextTurn(turn.state, {}).consultant).toBe('a');
  });

  it('refuses when nobody is on the floor', () => {
    expect(() => nextTurn({ order: ['a'], pointer: 0 }, { a: 'lunch' })).toThrow(expect.objectContaining({ code: 'nobody-on-the-floor', status: 409 }));
    expect(() => nextTurn({ order: [], pointer: 0 }, {})).toThrow(expect.objectContaining({ code: 'nobody-on-the-floor' }));
  });

  it('keeps the turn with whoever was next when the roster changes', () => {
    expect(reorder({ order: ['a', 'b', 'c'], pointer: 1 }, ['c', 'b', 'd'])).toEqual({ order: ['c', 'b', 'd'], pointer: 1 });
    expect(reorder({ order: ['a', 'b', 'c'], pointer: 1 }, ['c', 'd'])).toEqual({ order: ['c', 'd'], pointer: 0 });
    expect(reorder({ order: ['a'], pointer: 0 }, ['x', 'y'])).toEqual({ order: ['x', 'y'], pointer: 0 });
  });

  /** One arrival of a simulated day: a walk-in for the rotation, a returning customer of `to`, or a referral to `to`. */
  type Arrival = { kind: 'walk_in'; away: string[] } | { kind: 'returning' | 'referral'; to: string };
  const simulate = (order: string[], arrivals: Arrival[]) => {
    let state: RotationState = { order, pointer: 0 };
    const log: Array<{ consultant: string; kind: RotationEntryKind }> = [];
    const awayEver = new Set<string>();
    for (const arrival of arrivals) {
      if (arrival.kind !== 'walk_in') {
        // Outside the rotation: the pointer does not move.
        log.push({ consultant: arrival.to, kind: arrival.kind });
        continue;
      }
      const away = Object.fromEntries(arrival.away.filter((c) => order.includes(c)).map((c) => [c, 'off the floor']));
      if (order.every((c) => c in away)) continue;
      arrival.away.forEach((c) => awayEver.add(c));
      const turn = nextTurn(state, away);
      for (const skip of turn.skips) log.push({ consultant: skip.consultant, kind: 'skip' });
      log.push({ consultant: turn.consultant, kind: 'turn' });
      state = turn.state;
    }
    return { counts: fairnessOf(log), awayEver };
  };
  const spread = (values: number[]) => (values.length ? Math.max(...values) - Math.min(...values) : 0);

  it('is fair over 100 simulated walk-ins with absences, returning customers and referrals', () => {
    const order = ['chen', 'li', 'wang', 'zhao'];
    const arrivals: Arrival[] = [];
    for (let i = 0; i < 100; i++) {
      // zhao is away for walk-ins 20-39 (a delivery), li now and then; returning customers and referrals in between.
      const away = [...(i >= 20 && i < 40 ? ['zhao'] : []), ...(i % 9 === 4 ? ['li'] : [])];
      arrivals.push({ kind: 'walk_in', away });
      if (i % 7 === 3) arrivals.push({ kind: 'returning', to: 'chen' });
      if (i % 11 === 5) arrivals.push({ kind: 'referral', to: 'wang' });
    }
    const { counts } = simulate(order, arrivals);
    const of = (c: string) => counts.find((x) => x.consultant === c)!;
    // Every walk-in went to someone; every skip is accounted for.
    expect(counts.reduce((s, c) => s + c.turns, 0)).toBe(100);
    // Each consultant was passed the same number of times, give or take one: turns + skips.
    expect(spread(counts.map((c) => c.turns + c.skips))).toBeLessThanOrEqual(1);
    // The consultants present throughout are within one of each other.
    expect(spread([of('chen').turns, of('wang').turns])).toBeLessThanOrEqual(1);
    expect(of('zhao').skips).toBeGreaterThan(0);
    expect(of('li').skips).toBeGreaterThan(0);
    // Returning customers and referrals do not count in the rotation.
    expect(of('chen').returning).toBe(14);
    expect(of('wang').referrals).toBe(9);
    expect(of('chen').turns).toBeLessThanOrEqual(of('wang').turns + 1);
  });

  it('property: turns + skips within one for everyone, turns within one among those never away', () => {
    const arrival = fc.oneof(
      fc.record({ kind: fc.constant('walk_in' as const), away: fc.subarray(CONSULTANTS) }),
      fc.record({ kind: fc.constantFrom('returning' as const, 'referral' as const), to: fc.constantFrom(...CONSULTANTS) }),
    );
    fc.assert(fc.property(fc.shuffledSubarray(CONSULTANTS, { minLength: 1 }), fc.array(arrival, { maxLength: 150 }), (order, arrivals) => {
      const { counts, awayEver } = simulate(order, arrivals);
      const onRoster = counts.filter((c) => order.includes(c.consultant));
      const passes = order.map((c) => { const x = onRoster.find((y) => y.consultant === c); return x ? x.turns + x.skips : 0; });
      expect(spread(passes)).toBeLessThanOrEqual(1);
      const steady = order.filter((c) => !awayEver.has(c)).map((c) => onRoster.find((y) => y.consultant === c)?.turns ?? 0);
      expect(spread(steady)).toBeLessThanOrEqual(1);
    }), { numRuns: 300 });
  });
});

import fc from 'fast-check';
import { DomainError } from '@ops/kernel';
import { confirmHandover, countHandover, explainHandover, shiftFigures, type HandoverCount, type TenderTotals } from './shift-handover.js';

const refusal = (fn: () => unknown) => { try { fn(); return 'passed'; } catch (e) { return (e as DomainError).code; } };
const at = new Date('2026-12-01T10:00:00Z');
const cash = (cashFen: number): TenderTotals => ({ cashFen, posFen: 0, transferFen: 0 });
const count = (patch: Partial<HandoverCount> = {}): HandoverCount => ({
  id: 'h1', outletId: 'o1', outletCode: 'BAR1', businessDate: '2026-12-01', handedOverBy: 'clerk.a', takenOverBy: 'clerk.b', shiftStart: new Date('2026-12-01T01:00:00Z'), at,
  figures: shiftFigures(50_000, [cash(3_000), { cashFen: 0, posFen: 8_000, transferFen: 0 }, cash(2_500)], [cash(2_500)]),
  countedCashFen: 53_000, floatFen: 50_000, goodsChecked: true, ...patch,
});

describe('shift figures', () => {
  it('expects the float plus the shift\'s cash less the cash voided in it', () => {
    expect(shiftFigures(50_000, [cash(3_000), { cashFen: 0, posFen: 8_000, transferFen: 0 }, { cashFen: 1_000, posFen: 0, transferFen: 4_000 }], [cash(1_000)])).toEqual({
      ticketCount: 2, openingFloatFen: 50_000, cashFen: 3_000, posFen: 8_000, transferFen: 4_000, voidedCashFen: 1_000, expectedCashFen: 53_000,
    });
    expect(shiftFigures(20_000, [], []).expectedCashFen).toBe(20_000);
  });

  it('expected = float + Σ cash paid − Σ cash voided, for any shift (property)', () => {
    const tender = fc.record({ cashFen: fc.nat(100_000), posFen: fc.nat(100_000), transferFen: fc.nat(100_000) });
    fc.assert(fc.property(fc.nat(1_000_000), fc.array(tender), fc.array(tender), (float, paid, voided) => {
      const f = shiftFigures(float, paid, voided);
      let expected = float;
      for (const t of paid) expected += t.cashFen;
      for (const t of voided) expected -= t.cashFen;
      return f.expectedCashFen === expected && f.cashFen + f.openingFloatFen === expected;
    }));
  });
});

describe('shift handover', () => {
  it('counts the drawer: difference = counted − expected (over positive, short negative)', () => {
    expect(countHandover(count()).state).toMatchObject({ status: 'counted', expectedCashFen: 53_000, differenceFen: 0, ticketCount: 2 });
    expect(countHandover(count({ countedCashFen: 55_000 })).state.differenceFen).toBe(2_000);
    expect(countHandover(count({ countedCashFen: 52_900 })).state.differenceFen).toBe(-100);
  });

  it('refuses a handover to oneself, unchecked goods, and a float larger than the cash', () => {
    expect(refusal(() => countHandover(count({ takenOverBy: 'clerk.a' })))).toBe('handover-to-self');
    expect(refusal(() => countHandover(count({ goodsChecked: false })))).toBe('goods-not-checked');
    expect(refusal(() => countHandover(count({ floatFen: 60_000 })))).toBe('float-exceeds-cash');
  });

  it('a difference is explained before the incoming person confirms; confirming tells finance', () => {
    const over = countHandover(count({ countedCashFen: 55_000 })).state;
    expect(refusal(() => confirmHandover(over, 'clerk.b', at))).toBe('handover-difference-unexplained');
    const explained = explainHandover(over, 'A guest left 20.00 as a tip in the drawer', 'clerk.a');
    expect(explained.transitions).toEqual([expect.objectContaining({ from: 'counted', to: 'counted' })]);
    const confirmed = confirmHandover(explained.state, 'clerk.b', at);
    expect(confirmed.state).toMatchObject({ status: 'confirmed', confirmedAt: at });
    expect(confirmed.events).toEqual([{ type: 'sales.shift.handed-over', data: expect.objectContaining({ differenceFen: 2_000, expectedCashFen: 53_000, countedCashFen: 55_000, explanation: 'A guest left 20.00 as a tip in the drawer', takenOverBy: 'clerk.b', posFen: 8_000 }) }]);
    expect(refusal(() => confirmHandover(confirmed.state, 'clerk.b', at))).toBe('shift-handover-transition-refused');
    expect(refusal(() => explainHandover(confirmed.state, 'later', 'clerk.a'))).toBe('handover-confirmed');
  });

  it('only the incoming person confirms, never the outgoing one; only the two explain', () => {
    const agreed = countHandover(count()).state;
    expect(refusal(() => confirmHandover(agreed, 'clerk.a', at))).toBe('handover-to-self');
    expect(refusal(() => confirmHandover(agreed, 'someone', at))).toBe('not-incoming-person');
    expect(confirmHandover(agreed, 'clerk.b', at).state.status).toBe('confirmed');
    expect(refusal(() => explainHandover(agreed, 'x', 'someone'))).toBe('not-your-handover');
    expect(refusal(() => explainHandover(agreed, '  ', 'clerk.b'))).toBe('invalid-request');
  });

  it('a difference explained at the count may be confirmed at once', () => {
    const short = countHandover(count({ countedCashFen: 52_000, explanation: 'Change given twice to table 4' })).state;
    expect(short).toMatchObject({ explanation: 'Change given twice to table 4', explainedBy: 'clerk.a' });
    expect(confirmHandover(short, 'clerk.b', at).state.status).toBe('confirmed');
  });
});

import fc from 'fast-check';
import { available, planAcrossWarehouses, planReservation, type StockLevel } from './reservation.js';

const levels = (entries: Record<string, StockLevel>) => new Map(Object.entries(entries));

describe('reservation plan', () => {
  it('reserves every line when all fit', () => {
    expect(planReservation([{ sku: 'B', quantity: 2 }, { sku: 'A', quantity: 1 }], levels({ A: { onHand: 1, reserved: 0 }, B: { onHand: 5, reserved: 3 } }))).toEqual({
      kind: 'reserve',
      lines: [{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 2 }],
    });
  });

  it('reserves nothing and names each short SKU when one line does not fit', () => {
    expect(planReservation([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 3 }], levels({ A: { onHand: 9, reserved: 0 }, B: { onHand: 5, reserved: 3 } }))).toEqual({
      kind: 'shortage',
      shortages: [{ sku: 'B', requested: 3, available: 2 }],
    });
  });

  it('sums lines of one SKU before checking, so two lines cannot share the last units', () => {
    expect(planReservation([{ sku: 'A', quantity: 2 }, { sku: 'A', quantity: 2 }], levels({ A: { onHand: 3, reserved: 0 } })).kind).toBe('shortage');
  });

  it('treats an unknown SKU as none available', () => {
    expect(planReservation([{ sku: 'X', quantity: 1 }], levels({}))).toEqual({ kind: 'shortage', shortages: [{ sku: 'X', requested: 1, available: 0 }] });
  });

  it('lets no order take a SKU earlier backorders wait for: what is left to it once they have theirs, however much is on hand', () => {
    const stock = levels({ A: { onHand: 3, reserved: 0 }, B: { onHand: 100, reserved: 0 } });
    // 3 on hand, 5 wanted ahead: none of it is this order's.
    expect(planReservation([{ sku: 'A', quantity: 2 }], stock, new Map([['A', 5]]))).toEqual({ kind: 'shortage', shortages: [{ sku: 'A', requested: 2, available: 0 }] });
    // Plenty on hand, but someone waits for it (short of another SKU): still not to be overtaken; this order itself lacks nothing of it.
    expect(planReservation([{ sku: 'B', quantity: 2 }, { sku: 'A', quantity: 1 }], stock, new Map([['B', 5]]))).toEqual({ kind: 'shortage', shortages: [{ sku: 'B', requested: 2, available: 2 }] });
    expect(planReservation([{ sku: 'A', quantity: 4 }], stock, new Map([['B', 5]]))).toEqual({ kind: 'shortage', shortages: [{ sku: 'A', requested: 4, available: 3 }] });
    expect(planReservation([{ sku: 'A', quantity: 3 }], stock, new Map([['B', 5]]))).toEqual({ kind: 'reserve', lines: [{ sku: 'A', quantity: 3 }] });
    const north = { code: 'NORTH', levels: levels({ A: { onHand: 50, reserved: 0 } }) };
    expect(planAcrossWarehouses([{ sku: 'A', quantity: 1 }], [{ code: 'MAIN', levels: stock }, north], new Map([['A', 5]]))).toEqual({ kind: 'shortage', shortages: [{ sku: 'A', requested: 1, available: 0 }] });
  });

  it('never plans more than is available, for any stock and any order', () => {
    const sku = fc.constantFrom('A', 'B', 'C');
    fc.assert(
      fc.property(
        fc.dictionary(sku, fc.record({ onHand: fc.nat(50), reserved: fc.nat(50) }).filter((l) => l.reserved <= l.onHand)),
        fc.array(fc.record({ sku, quantity: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 6 }),
        (stock, lines) => {
          const map = levels(stock);
          const plan = planReservation(lines, map);
          if (plan.kind === 'reserve') {
            for (const line of plan.lines) expect(line.quantity).toBeLessThanOrEqual(available(map.get(line.sku)));
            expect(plan.lines.reduce((s, l) => s + l.quantity, 0)).toBe(lines.reduce((s, l) => s + l.quantity, 0));
          } else {
            expect(plan.shortages.length).toBeGreaterThan(0);
            for (const s of plan.shortages) expect(s.available).toBeLessThan(s.requested);
          }
        },
      ),
    );
  });

  it('reserves an order in the first warehouse that can take all of it, else reports the first one\'s shortage', () => {
    const main = { code: 'MAIN', levels: levels({ A: { onHand: 5, reserved: 0 }, B: { onHand: 0, reserved: 0 } }) };
    const north = { code: 'NORTH', levels: levels({ A: { onHand: 2, reserved: 0 }, B: { onHand: 9, reserved: 0 } }) };
    expect(planAcrossWarehouses([{ sku: 'A', quantity: 3 }], [main, north])).toMatchObject({ kind: 'reserve', warehouseCode: 'MAIN' });
    expect(planAcrossWarehouses([{ sku: 'A', quantity: 1 }, { sku: 'B', quantity: 1 }], [main, north])).toMatchObject({ kind: 'reserve', warehouseCode: 'NORTH' });
    // A from MAIN and B from NORTH would be two shipments: one order is reserved in one warehouse.
    expect(planAcrossWarehouses([{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 1 }], [main, north])).toEqual({ kind: 'shortage', shortages: [{ sku: 'B', requested: 1, available: 0 }] });
    expect(planAcrossWarehouses([{ sku: 'A', quantity: 1 }], [])).toMatchObject({ kind: 'shortage' });
  });
});

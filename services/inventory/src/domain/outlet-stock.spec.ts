import fc from 'fast-check';
import { ledgerLines, planOutletIssue, raiseReplenishment, replenishmentProblems, returnedPerSku, voidReturn, type OutletStock } from './outlet-stock.js';
import { issue } from './stock-ledger.js';

const BAR: OutletStock['warehouse'] = { code: 'BAR1', kind: 'store' };
const stockOf = (lots: Array<[string, string, number]>, free: Record<string, number> = {}, warehouse: OutletStock['warehouse'] = BAR): OutletStock => ({
  warehouse,
  knownSkus: new Set(['GIN', 'TONIC', 'LIME', ...lots.map(([sku]) => sku)]),
  free: new Map(Object.entries({ ...Object.fromEntries(lots.map(([sku]) => [sku, lots.filter((l) => l[0] === sku).reduce((s, l) => s + l[2], 0)])), ...free })),
  lots: lots.map(([sku, batch, onHand]) => ({ sku, location: 'STOCK', batch, onHand })),
});

describe('outlet stock: a till sale or waste leaves the outlet\'s warehouse, never refused', () => {
  it('issues oldest lots first, across lines of one SKU', () => {
    const plan = planOutletIssue(stockOf([['GIN', 'B1', 2], ['GIN', 'B2', 5]]), [{ lineNo: 1, sku: 'GIN', quantity: 3 }, { lineNo: 2, sku: 'GIN', quantity: 2 }]);
    expect(plan.shortfalls).toEqual([]);
    expect(plan.issued).toEqual([
      { lineNo: 1, sku: 'GIN', warehouseCode: 'BAR1', location: 'STOCK', batch: 'B1', quantity: 2 },
      { lineNo: 1, sku: 'GIN', warehouseCode: 'BAR1', location: 'STOCK', batch: 'B2', quantity: 1 },
      { lineNo: 2, sku: 'GIN', warehouseCode: 'BAR1', location: 'STOCK', batch: 'B2', quantity: 2 },
    ]);
    expect(ledgerLines(plan.issued)).toEqual([
      { sku: 'GIN', warehouseCode: 'BAR1', location: 'STOCK', batch: 'B1', quantity: 2 },
      { sku: 'GIN', warehouseCode: 'BAR1', location: 'STOCK', batch: 'B2', quantity: 3 },
    ]);
  });

  it('issues what is there and free of orders, and records the rest as short', () => {
    const plan = planOutletIssue(stockOf([['GIN', '', 5]], { GIN: 3 }), [{ lineNo: 1, sku: 'GIN', quantity: 4 }, { lineNo: 2, sku: 'TONIC', quantity: 2 }]);
    expect(plan.issued).toEqual([{ lineNo: 1, sku: 'GIN', warehouseCode: 'BAR1', location: 'STOCK', batch: '', quantity: 3 }]);
    expect(plan.shortfalls).toEqual([{ lineNo: 1, sku: 'GIN', quantity: 1, reason: 'short' }, { lineNo: 2, sku: 'TONIC', quantity: 2, reason: 'short' }]);
  });

  it('records every line when the warehouse is unknown or not a store, and a line of an unknown SKU, instead of refusing', () => {
    const lines = [{ lineNo: 1, sku: 'GIN', quantity: 1 }];
    expect(planOutletIssue(stockOf([['GIN', '', 5]], {}, null), lines).shortfalls).toEqual([{ lineNo: 1, sku: 'GIN', quantity: 1, reason: 'unknown-warehouse' }]);
    expect(planOutletIssue(stockOf([['GIN', '', 5]], {}, { code: 'MAIN', kind: 'warehouse' }), lines)).toEqual({ issued: [], shortfalls: [{ lineNo: 1, sku: 'GIN', quantity: 1, reason: 'not-a-store' }] });
    expect(planOutletIssue(stockOf([]), [{ lineNo: 1, sku: 'NOPE', quantity: 2 }]).shortfalls).toEqual([{ lineNo: 1, sku: 'NOPE', quantity: 2, reason: 'unknown-sku' }]);
  });

  const scenario = fc.record({
    lots: fc.array(fc.tuple(fc.constantFrom('GIN', 'TONIC', 'LIME'), fc.constantFrom('', 'B1', 'B2'), fc.integer({ min: 0, max: 6 })), { maxLength: 6 }),
    held: fc.integer({ min: 0, max: 4 }),
    lines: fc.array(fc.tuple(fc.constantFrom('GIN', 'TONIC', 'LIME'), fc.integer({ min: 1, max: 8 })), { minLength: 1, maxLength: 5 }),
  });

  it('per SKU issues + shortfalls = sold, never beyond what is free; the ledger accepts the issue; a void takes back sold − short', () => {
    fc.assert(fc.property(scenario, ({ lots: raw, held, lines: rawLines }) => {
      // One lot per (SKU, batch).
      const lots = [...new Map(raw.map((l) => [`${l[0]}/${l[1]}`, l])).values()];
      const onHand = (sku: string) => lots.filter((l) => l[0] === sku).reduce((s, l) => s + l[2], 0);
      const free = { GIN: Math.max(0, onHand('GIN') - held) };
      const stock = stockOf(lots, free);
      const lines = rawLines.map(([sku, quantity], i) => ({ lineNo: i + 1, sku, quantity }));
      const plan = planOutletIssue(stock, lines);
      for (const sku of ['GIN', 'TONIC', 'LIME']) {
        const sold = lines.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
        const issued = plan.issued.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
        const short = plan.shortfalls.filter((l) => l.sku === sku).reduce((s, l) => s + l.quantity, 0);
        expect(issued + short).toBe(sold);
        expect(issued).toBe(Math.min(sold, stock.free.get(sku) ?? 0));
      }
      // The ledger's own rules take the issue without refusing (no lot below zero, nothing held for orders taken).
      if (plan.issued.length) {
        const ledgerStock = {
          levels: ['GIN', 'TONIC', 'LIME'].filter((sku) => onHand(sku) > 0).map((sku) => ({ sku, warehouseCode: 'BAR1', onHand: onHand(sku), reserved: sku === 'GIN' ? Math.min(held, onHand(sku)) : 0 })),
          lots: lots.map(([sku, batch, n]) => ({ sku, warehouseCode: 'BAR1', location: 'STOCK', batch, onHand: n })),
        };
        expect(() => issue(ledgerStock, { documentRef: 'T-BAR1-2026-000001', lines: ledgerLines(plan.issued), kind: 'till_sale' })).not.toThrow();
      }
      const back = new Map<string, number>();
      for (const l of voidReturn(plan.issued)) back.set(l.sku, (back.get(l.sku) ?? 0) + l.quantity);
      expect(back).toEqual(returnedPerSku(lines, plan.shortfalls));
    }));
  });
});

describe('outlet stock: replenishment', () => {
  const ask = { requestId: '0193a0b0-0000-7000-8000-000000000001', number: 'RR-2026-000001', outletCode: 'BAR1', fromWarehouseCode: 'MAIN', toWarehouseCode: 'BAR1', lines: [{ sku: 'GIN', quantity: 6 }] };
  const facts = { from: { code: 'MAIN', kind: 'warehouse' as const, sellable: true }, to: { code: 'BAR1', kind: 'store' as const, sellable: true }, knownSkus: new Set(['GIN']) };

  it('raises a draft transfer with the event that answers the request', () => {
    expect(replenishmentProblems(ask, facts)).toEqual([]);
    const step = raiseReplenishment(ask, { id: '0193a0b0-0000-7000-8000-000000000002', number: 'TR-2026-000009', from: { code: 'MAIN', kind: 'warehouse' }, to: { code: 'BAR1', kind: 'store' }, createdBy: 'bar.sup' });
    expect(step.state).toMatchObject({ status: 'draft', fromWarehouse: 'MAIN', toWarehouse: 'BAR1', lines: [{ sku: 'GIN', quantity: 6 }] });
    expect(step.transitions[0].reason).toContain('RR-2026-000001');
    expect(step.events).toEqual([{ type: 'inventory.replenishment.transfer-raised', data: { requestId: ask.requestId, transferId: '0193a0b0-0000-7000-8000-000000000002', transferNumber: 'TR-2026-000009' } }]);
  });

  it('names what keeps it from raising one: unknown warehouses, not a store, unknown SKUs, the same warehouse', () => {
    expect(replenishmentProblems({ ...ask, fromWarehouseCode: 'NOWHERE', lines: [{ sku: 'GONE', quantity: 1 }] }, { ...facts, from: null })).toEqual(['no warehouse NOWHERE to send from', 'no SKU GONE']);
    expect(replenishmentProblems(ask, { ...facts, to: { code: 'BAR1', kind: 'warehouse', sellable: true } })).toEqual(['warehouse BAR1 of outlet BAR1 is not a store']);
    expect(replenishmentProblems({ ...ask, fromWarehouseCode: 'BAR1' }, { ...facts, from: facts.to })).toEqual(["the goods would come from the outlet's own warehouse BAR1"]);
  });
});

import fc from 'fast-check';
import { DomainError } from '@ops/kernel';
import {
  actualOf, approveWaste, assignComplaint, attainment, costWaste, isOverdue, logComplaint, periodsOf, recordWaste, rejectWaste, requestReplenishment, resolveComplaint, transferRaised,
} from './outlet-records.js';

const at = new Date('2026-12-01T04:00:00Z');
const waste = () =>
  recordWaste({
    id: '00000000-0000-7000-8000-000000000001', number: 'W-BAR1-2026-000001', outletId: 'o', outletCode: 'BAR1', warehouseCode: 'BAR1', businessDate: '2026-12-01',
    lines: [{ lineNo: 1, sku: 'BEER', quantity: 3, kind: 'breakage', floorPriceFen: 900, unitCostFen: null, costFen: null, costBasis: null }], note: 'Tray dropped', recordedBy: 'bar_staff', recordedAt: at,
  }).state;

describe('outlet waste', () => {
  it('is approved by a supervisor other than the recorder, telling inventory and finance with the floor price', () => {
    expect(() => approveWaste(waste(), 'bar_staff', at)).toThrow(expect.objectContaining({ code: 'waste-own-record' }));
    const step = approveWaste(waste(), 'bar_supervisor', at);
    expect(step.state).toMatchObject({ status: 'approved', decidedBy: 'bar_supervisor' });
    expect(step.events).toEqual([expect.objectContaining({ type: 'sales.outlet-waste.approved', data: expect.objectContaining({ lines: [{ lineNo: 1, sku: 'BEER', quantity: 3, kind: 'breakage', floorPriceFen: 900 }] }) })]);
    expect(() => rejectWaste(step.state, 'bar_supervisor', 'late', at)).toThrow(expect.objectContaining({ code: 'outlet-waste-transition-refused' }));
  });

  it('is costed once: a repeat of the same journal entry changes nothing', () => {
    const approved = approveWaste(waste(), 'bar_supervisor', at).state;
    const cost = { lines: [{ lineNo: 1, unitCostFen: 500, costBasis: 'last-purchase' }], costFen: 1_500, journalEntryNumber: 'JE-1' };
    const costed = costWaste(approved, cost).state;
    expect(costed).toMatchObject({ costFen: 1_500, lines: [{ unitCostFen: 500, costFen: 1_500 }] });
    expect(costWaste(costed, cost)).toEqual({ state: costed, transitions: [], events: [] });
    expect(() => costWaste(waste(), cost)).toThrow(DomainError);
  });
});

describe('complaints and replenishment', () => {
  it('a complaint is assigned, resolved once, and flagged when open more than three days', () => {
    const c = logComplaint({ id: 'c', number: 'C-1', outletId: 'o', outletCode: 'BAR1', customerName: 'Ms Wang', contact: null, ticketNumber: null, category: 'service', description: 'slow', loggedBy: 'bar_staff', loggedAt: at }).state;
    expect(isOverdue(c, new Date(at.getTime() + 3 * 86_400_000))).toBe(false);
    expect(isOverdue(c, new Date(at.getTime() + 3 * 86_400_000 + 1))).toBe(true);
    const resolved = resolveComplaint(assignComplaint(c, 'bar_supervisor', 'bar_supervisor').state, 'refunded', 'refund-given', 'bar_supervisor', at).state;
    expect(resolved).toMatchObject({ status: 'resolved', outcome: 'refund-given', assignedTo: 'bar_supervisor' });
    expect(isOverdue(resolved, new Date(at.getTime() + 10 * 86_400_000))).toBe(false);
    expect(() => resolveComplaint(resolved, 'again', 'apology', 'x', at)).toThrow(expect.objectContaining({ code: 'outlet-complaint-transition-refused' }));
  });

  it('a replenishment request merges its lines, refuses its own warehouse and takes its transfer once', () => {
    const base = { id: 'r', number: 'R-1', outletId: 'o', outletCode: 'BAR1', toWarehouseCode: 'BAR1', lines: [{ sku: 'A', quantity: 2 }, { sku: 'A', quantity: 3 }], note: null, requestedBy: 'x', requestedAt: at };
    expect(() => requestReplenishment({ ...base, fromWarehouseCode: 'BAR1' })).toThrow(expect.objectContaining({ code: 'replenish-from-self' }));
    const step = requestReplenishment({ ...base, fromWarehouseCode: 'WH1' });
    expect(step.events[0]).toMatchObject({ type: 'sales.replenishment.requested', data: { lines: [{ sku: 'A', quantity: 5 }] } });
    const raised = transferRaised(step.state, 't1', 'TR-1').state;
    expect(raised).toMatchObject({ status: 'transfer-raised', transferNumber: 'TR-1' });
    expect(transferRaised(raised, 't1', 'TR-1').transitions).toEqual([]);
  });
});

describe('attainment', () => {
  it('takes the day, its Monday-to-Sunday week and its calendar month', () => {
    expect(periodsOf('2026-12-02')).toEqual({ day: { from: '2026-12-02', to: '2026-12-02' }, week: { from: '2026-11-30', to: '2026-12-06' }, month: { from: '2026-12-01', to: '2026-12-31' } });
    expect(periodsOf('2026-11-29').week).toEqual({ from: '2026-11-23', to: '2026-11-29' });
    expect(periodsOf('2028-02-10').month.to).toBe('2028-02-29');
  });

  it('counts paid tickets only, and gives the percent with one decimal', () => {
    const tickets = [
      { status: 'paid', businessDate: '2026-12-01', totalFen: 10_000 },
      { status: 'voided', businessDate: '2026-12-01', totalFen: 5_000 },
      { status: 'open', businessDate: '2026-12-01', totalFen: 7_000 },
      { status: 'paid', businessDate: '2026-11-30', totalFen: 2_345 },
    ];
    const { day, week } = periodsOf('2026-12-01');
    expect(actualOf(tickets, day)).toBe(10_000);
    expect(actualOf(tickets, week)).toBe(12_345);
    expect(attainment(day, 30_000, 10_000).percent).toBe(33.3);
    expect(attainment(day, null, 10_000).percent).toBeNull();
  });

  it('property: the week and month contain the day, the week is seven days from a Monday, and actuals add up over days', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3_000 }), fc.array(fc.record({ paid: fc.boolean(), offset: fc.integer({ min: -40, max: 40 }), totalFen: fc.nat(100_000) })), (n, rows) => {
        const date = new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);
        const { day, week, month } = periodsOf(date);
        expect(week.from <= date && date <= week.to && month.from <= date && date <= month.to).toBe(true);
        expect(new Date(`${week.from}T12:00:00Z`).getUTCDay()).toBe(1);
        const tickets = rows.map((r) => ({ status: r.paid ? 'paid' : 'voided', businessDate: new Date(Date.parse(`${date}T12:00:00Z`) + r.offset * 86_400_000).toISOString().slice(0, 10), totalFen: r.totalFen }));
        let sum = 0;
        for (let d = week.from; d <= week.to; d = new Date(Date.parse(`${d}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10)) sum += actualOf(tickets, { from: d, to: d });
        expect(sum).toBe(actualOf(tickets, week));
        expect(actualOf(tickets, day)).toBeLessThanOrEqual(actualOf(tickets, month));
      }),
    );
  });
});

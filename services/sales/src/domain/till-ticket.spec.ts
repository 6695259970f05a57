import { DomainError } from '@ops/kernel';
import fc from 'fast-check';
import {
  checkOpening, checkOutlet, isOutletSupervisor, openTicket, payTicket, priceLines, refuseUnlessStaff, refuseUnlessWithinAuthority, takeTenders, tillAuthority, totals, voidTicket,
  type ListPrice, type TenderRequest, type TillActor, type TillTicket,
} from './till-ticket.js';

const DAY = '2026-12-01';
const prices = new Map<string, ListPrice>([
  ['BEER', { sku: 'BEER', listPriceFen: 10_000, floorPriceFen: 9_000 }],
  ['COLA', { sku: 'COLA', listPriceFen: 500, floorPriceFen: 400 }],
]);
const clerk: TillActor = { username: 'store_clerk', roles: ['store_clerk'], position: 'clerk' };
const supervisor: TillActor = { username: 'bar_supervisor', roles: ['bar_supervisor'], position: 'supervisor' };
const vp: TillActor = { username: 'sales_vp', roles: ['sales_vp'], position: null };
const gm: TillActor = { username: 'general_manager', roles: ['general_manager'], position: null };

function refusal(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
}

const ticket = (over: Partial<TillTicket> = {}): TillTicket => ({
  id: 't1', number: null, status: 'open', businessDate: DAY, subtotalFen: 0, discountFen: 0, totalFen: 0, discountApprovedBy: null, cashier: null, paidAt: null,
  voidedBy: null, voidReason: null, voidedAt: null, ...over,
});
const outlet = { id: 'o1', code: 'BAR1', kind: 'bar' as const, warehouseCode: 'BAR1' };

describe('till staff and authority', () => {
  it('wants the actor on the staff, the admin and general manager excepted', () => {
    expect(refusal(() => refuseUnlessStaff({ ...clerk, position: null }, 'BAR1')).code).toBe('not-outlet-staff');
    expect(() => refuseUnlessStaff(gm, 'BAR1')).not.toThrow();
    expect(() => refuseUnlessStaff(clerk, 'BAR1')).not.toThrow();
  });

  it('makes a supervisor of a supervising role in a supervising position only', () => {
    expect(isOutletSupervisor(supervisor)).toBe(true);
    expect(isOutletSupervisor({ ...supervisor, position: 'clerk' })).toBe(false);
    expect(isOutletSupervisor({ ...clerk, position: 'supervisor' })).toBe(false);
    expect(isOutletSupervisor(gm)).toBe(true);
  });

  it('maps the till roles onto the §4.3 ladder', () => {
    expect(tillAuthority(clerk)).toBe('none');
    expect(tillAuthority(supervisor)).toBe('sales_manager');
    expect(tillAuthority(vp)).toBe('sales_vp');
    expect(tillAuthority(gm)).toBe('general_manager');
  });

  it.each([
    ['a clerk, any discount', clerk, 9_999, 'sales_manager'],
    ['the supervisor, 3.01%', supervisor, 9_699, 'sales_vp'],
    ['the sales VP, below floor', vp, 8_999, 'general_manager'],
  ])('refuses %s, naming who may', (_name, actor, unitPriceFen, who) => {
    const e = refusal(() => refuseUnlessWithinAuthority([{ sku: 'BEER', listPriceFen: 10_000, floorPriceFen: 9_000, unitPriceFen }], actor, DAY));
    expect(e.code).toBe('discount-authority');
    expect(e.status).toBe(403);
    expect(e.message).toContain(who === 'sales_manager' ? 'supervisor' : who === 'sales_vp' ? 'sales VP' : 'general manager');
  });

  it('accepts the supervisor at exactly 3% and anyone at list', () => {
    expect(refuseUnlessWithinAuthority([{ sku: 'BEER', listPriceFen: 10_000, floorPriceFen: 9_000, unitPriceFen: 9_700 }], supervisor, DAY)).toBe('sales_manager');
    expect(refuseUnlessWithinAuthority([{ sku: 'BEER', listPriceFen: 10_000, floorPriceFen: 9_000, unitPriceFen: 10_000 }], clerk, DAY)).toBe('none');
  });
});

describe('pricing', () => {
  it('prices from the list and refuses a SKU not on it', () => {
    const lines = priceLines([{ sku: 'BEER', quantity: 2 }, { sku: 'COLA', quantity: 3, unitPriceFen: 450 }], prices);
    expect(lines.map((l) => [l.lineNo, l.unitPriceFen, l.amountFen])).toEqual([[1, 10_000, 20_000], [2, 450, 1_350]]);
    expect(totals(lines)).toEqual({ subtotalFen: 21_500, discountFen: 150, totalFen: 21_350 });
    const e = refusal(() => priceLines([{ sku: 'WINE', quantity: 1 }], prices));
    expect(e.code).toBe('sku-not-priced');
    expect(e.errors).toEqual([expect.objectContaining({ field: 'lines[0].sku' })]);
  });

  it('refuses a price above list', () => {
    expect(refusal(() => priceLines([{ sku: 'COLA', quantity: 1, unitPriceFen: 501 }], prices)).errors?.[0].field).toBe('lines[0].unitPriceFen');
  });

  it('makes the total the lines added up (property)', () => {
    fc.assert(fc.property(fc.array(fc.record({ sku: fc.constantFrom('BEER', 'COLA'), quantity: fc.integer({ min: 1, max: 50 }), off: fc.integer({ min: 0, max: 100 }) }), { minLength: 1, maxLength: 20 }), (reqs) => {
      const lines = priceLines(reqs.map((r) => ({ sku: r.sku, quantity: r.quantity, unitPriceFen: prices.get(r.sku)!.listPriceFen - r.off })), prices);
      const t = totals(lines);
      expect(t.totalFen).toBe(lines.reduce((s, l) => s + l.unitPriceFen * l.quantity, 0));
      expect(t.subtotalFen - t.discountFen).toBe(t.totalFen);
      expect(t.discountFen).toBeGreaterThanOrEqual(0);
    }));
  });
});

describe('tenders', () => {
  const cash = (amountFen: number, tenderedFen: number, counterfeitChecked = true): TenderRequest => ({ method: 'cash', amountFen, tenderedFen, counterfeitChecked });
  const card = (last4 = '1234', signed = true) => ({ last4, signed });

  it('takes cash after the counterfeit check and gives change', () => {
    const [t] = takeTenders([cash(2_350, 5_000)], 2_350);
    expect(t).toMatchObject({ method: 'cash', amountFen: 2_350, tenderedFen: 5_000, changeFen: 2_650, counterfeitChecked: true });
  });

  it('refuses cash without the counterfeit check, or short of its amount', () => {
    const e = refusal(() => takeTenders([cash(2_350, 2_000, false)], 2_350));
    expect(e.code).toBe('tender-invalid');
    expect(e.errors?.map((x) => x.field)).toEqual(['tenders[0].counterfeitChecked', 'tenders[0].tenderedFen']);
  });

  it('takes one or two signed cards, never three', () => {
    expect(takeTenders([{ method: 'pos', amountFen: 1_000, cards: [card(), card('5678')] }], 1_000)).toHaveLength(1);
    expect(refusal(() => takeTenders([{ method: 'pos', amountFen: 1_000, cards: [card(), card('2222'), card('3333')] }], 1_000)).errors?.[0].field).toBe('tenders[0].cards');
    expect(refusal(() => takeTenders([{ method: 'pos', amountFen: 500, cards: [card()] }, { method: 'pos', amountFen: 500, cards: [card('2222'), card('3333')] }], 1_000)).errors?.[0]).toEqual({ field: 'tenders', message: 'at most two cards per ticket' });
    expect(refusal(() => takeTenders([{ method: 'pos', amountFen: 1_000, cards: [card('1234', false)] }], 1_000)).errors?.[0].field).toBe('tenders[0].cards[0].signed');
    expect(refusal(() => takeTenders([{ method: 'pos', amountFen: 1_000, cards: [card('12a4')] }], 1_000)).errors?.[0].field).toBe('tenders[0].cards[0].last4');
  });

  it('wants a transfer\'s reference and payer', () => {
    expect(refusal(() => takeTenders([{ method: 'transfer', amountFen: 1_000, reference: ' ', payer: '' }], 1_000)).errors?.map((x) => x.field)).toEqual(['tenders[0].reference', 'tenders[0].payer']);
  });

  it('wants the tenders to add up to the total exactly (property)', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 1, maxLength: 3 }), fc.integer({ min: -500, max: 500 }), fc.integer({ min: 0, max: 10_000 }), (parts, skew, extra) => {
      const total = parts.reduce((s, p) => s + p, 0) + skew;
      const requests: TenderRequest[] = parts.map((p, i) => (i === 0 ? cash(p, p + extra) : { method: 'transfer', amountFen: p, reference: `R${i}`, payer: 'Guest' }));
      if (skew === 0) {
        const taken = takeTenders(requests, total);
        expect(taken.reduce((s, t) => s + t.amountFen, 0)).toBe(total);
        expect(taken[0].changeFen).toBe(extra);
      } else {
        expect(refusal(() => takeTenders(requests, total)).code).toBe('tender-invalid');
      }
    }));
  });
});

describe('the ticket\'s life', () => {
  const lines = priceLines([{ sku: 'BEER', quantity: 1 }], prices);
  const tenders = takeTenders([{ method: 'cash', amountFen: 10_000, tenderedFen: 10_000, counterfeitChecked: true }], 10_000);
  const at = new Date('2026-12-01T12:00:00Z');

  it('goes open → paid with its number and event, then voided by the supervisor with a reason', () => {
    const opened = openTicket(ticket()).state;
    const paid = payTicket(opened, { number: 'T-BAR1-2026-000001', cashier: 'store_clerk', at, lines, tenders, outlet }, DAY);
    expect(paid.state).toMatchObject({ status: 'paid', number: 'T-BAR1-2026-000001', totalFen: 10_000 });
    expect(paid.events[0]).toMatchObject({ type: 'sales.till-ticket.paid', data: { totalFen: 10_000, tenders: [{ method: 'cash', amountFen: 10_000 }], warehouseCode: 'BAR1' } });
    expect(refusal(() => voidTicket(paid.state, { actor: clerk, reason: 'x', at, lines, tenders, outlet })).code).toBe('supervisor-only');
    expect(refusal(() => voidTicket(paid.state, { actor: supervisor, reason: ' ', at, lines, tenders, outlet })).code).toBe('void-reason-required');
    const voided = voidTicket(paid.state, { actor: supervisor, reason: 'Rung twice', at, lines, tenders, outlet });
    expect(voided.state).toMatchObject({ status: 'voided', voidedBy: 'bar_supervisor' });
    expect(voided.events[0]).toMatchObject({ type: 'sales.till-ticket.voided', data: { number: 'T-BAR1-2026-000001', reason: 'Rung twice' } });
    expect(refusal(() => voidTicket(voided.state, { actor: supervisor, reason: 'again', at, lines, tenders, outlet })).status).toBe(409);
  });

  it('voids only a paid ticket', () => {
    expect(refusal(() => voidTicket(ticket(), { actor: supervisor, reason: 'x', at, lines, tenders, outlet })).status).toBe(409);
  });
});

describe('the opening check and the registry', () => {
  it('wants notes for equipment not ok, and the display stock checked', () => {
    expect(() => checkOpening({ cashFloatFen: 50_000, equipmentOk: true, displayStockChecked: true })).not.toThrow();
    expect(refusal(() => checkOpening({ cashFloatFen: 50_000, equipmentOk: false, displayStockChecked: false })).errors?.map((e) => e.field)).toEqual(['equipmentNotes', 'displayStockChecked']);
  });

  it('checks hours and staff', () => {
    expect(refusal(() => checkOutlet({ code: 'S1', kind: 'store', openingHours: { 1: { opens: '25:00', closes: '10:00' } }, staff: [{ username: 'a', position: 'clerk' }, { username: 'a', position: 'chef' }] })).errors?.map((e) => e.field))
      .toEqual(['openingHours.1', 'staff[1].position', 'staff[1].username']);
  });
});

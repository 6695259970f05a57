import fc from 'fast-check';
import { ACCOUNTS, type JournalLine } from './journal.js';
import { costWaste, netUnitCost, outletDayTotals, reversing, shiftDifferenceEntry, tillTakingsEntry, tillVoidEntry, wasteLossEntry, type Tender } from './outlet-money.js';

const codes = (lines: JournalLine[]) => lines.map((l) => [ACCOUNTS[l.account].code, l.debitFen, l.creditFen]);
const sum = (lines: JournalLine[], side: 'debitFen' | 'creditFen') => lines.reduce((s, l) => s + l[side], 0);

describe('outlet money: a till ticket in the books', () => {
  it('debits each tender where receipts land (cash 1001, POS clearing 1012, bank 1002) and credits revenue net and output VAT', () => {
    expect(codes(tillTakingsEntry(11_300, [{ method: 'cash', amountFen: 5_000 }, { method: 'pos', amountFen: 4_300 }, { method: 'transfer', amountFen: 2_000 }]))).toEqual([
      ['1001', 5_000, 0], ['1012', 4_300, 0], ['1002', 2_000, 0], ['6001', 0, 10_000], ['2221', 0, 1_300],
    ]);
    // Two POS slips of one ticket are one line.
    expect(codes(tillTakingsEntry(3_000, [{ method: 'pos', amountFen: 1_000 }, { method: 'pos', amountFen: 2_000 }]))).toEqual([['1012', 3_000, 0], ['6001', 0, 2_655], ['2221', 0, 345]]);
  });

  it('refuses tenders that do not add up to the total, and books nothing for a ticket of nothing', () => {
    expect(() => tillTakingsEntry(1_000, [{ method: 'cash', amountFen: 900 }])).toThrow(expect.objectContaining({ code: 'tenders-disagree' }));
    expect(tillTakingsEntry(0, [])).toEqual([]);
  });

  it('a void is the paid entry reversed, line by line', () => {
    const tenders: Tender[] = [{ method: 'cash', amountFen: 2_000 }, { method: 'transfer', amountFen: 260 }];
    expect(tillVoidEntry(2_260, tenders)).toEqual(reversing(tillTakingsEntry(2_260, tenders)));
    expect(codes(tillVoidEntry(2_260, tenders))).toEqual([['1001', 0, 2_000], ['1002', 0, 260], ['6001', 2_000, 0], ['2221', 260, 0]]);
  });

  it('always balances, and paid + void leave every account where it was', () => {
    const tender = fc.record({ method: fc.constantFrom('cash' as const, 'pos' as const, 'transfer' as const), amountFen: fc.integer({ min: 1, max: 5_000_000 }) });
    fc.assert(fc.property(fc.array(tender, { minLength: 1, maxLength: 4 }), (tenders) => {
      const total = tenders.reduce((s, t) => s + t.amountFen, 0);
      const paid = tillTakingsEntry(total, tenders);
      expect(sum(paid, 'debitFen')).toBe(sum(paid, 'creditFen'));
      expect(sum(paid, 'debitFen')).toBe(total);
      const net = new Map<string, number>();
      for (const l of [...paid, ...tillVoidEntry(total, tenders)]) net.set(l.account, (net.get(l.account) ?? 0) + l.debitFen - l.creditFen);
      expect([...net.values()].every((v) => v === 0)).toBe(true);
    }));
  });
});

describe('outlet money: the cash at a handover', () => {
  it('books cash over as non-operating income and cash short as a non-operating expense; nothing when it agreed', () => {
    expect(codes(shiftDifferenceEntry(2_000))).toEqual([['1001', 2_000, 0], ['6301', 0, 2_000]]);
    expect(codes(shiftDifferenceEntry(-350))).toEqual([['6711', 350, 0], ['1001', 0, 350]]);
    expect(shiftDifferenceEntry(0)).toEqual([]);
  });

  it('adds a date\'s shifts up for the cashier\'s day: cash beyond the floats left, POS, transfer, differences', () => {
    const shift = { expectedCashFen: 150_000, countedCashFen: 152_000, differenceFen: 2_000, floatFen: 50_000, posFen: 30_000, transferFen: 1_000 };
    expect(outletDayTotals([shift, { ...shift, countedCashFen: 149_000, differenceFen: -1_000, posFen: 0, transferFen: 0 }])).toEqual({ cashFen: 201_000, posFen: 30_000, transferFen: 1_000, differenceFen: 1_000 });
    expect(outletDayTotals([])).toEqual({ cashFen: 0, posFen: 0, transferFen: 0, differenceFen: 0 });
  });
});

describe('outlet money: waste costed', () => {
  it('costs a line at the last purchase price net of VAT, else at the floor price net of VAT, and books the loss out of inventory goods', () => {
    const last = new Map([['GIN', netUnitCost(11_300)]]);
    const costed = costWaste([{ lineNo: 1, sku: 'GIN', quantity: 2, floorPriceFen: 99_999 }, { lineNo: 2, sku: 'LIME', quantity: 3, floorPriceFen: 565 }], (sku) => last.get(sku));
    expect(costed).toEqual({
      lines: [
        { lineNo: 1, sku: 'GIN', quantity: 2, unitCostFen: 10_000, costBasis: 'last-purchase' },
        { lineNo: 2, sku: 'LIME', quantity: 3, unitCostFen: 500, costBasis: 'price-list-floor' },
      ],
      costFen: 21_500,
    });
    expect(codes(wasteLossEntry(costed.costFen))).toEqual([['6601', 21_500, 0], ['1405', 0, 21_500]]);
    expect(wasteLossEntry(0)).toEqual([]);
  });
});

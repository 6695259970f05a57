import fc from 'fast-check';
import { CHART_OF_ACCOUNTS } from './chart-of-accounts.js';
import { balanceSheet, incomeStatement, statementMonth, vatSummary, type AccountSum, type SourceAccountSum } from './statements.js';

interface Entry {
  date: string;
  sourceType: string;
  lines: Array<{ account: string; debitFen: number; creditFen: number }>;
}

/** What the journal's SQL gives: per account, the sums of the entries whose date passes. */
function sums(entries: readonly Entry[], keep: (e: Entry) => boolean): AccountSum[] {
  const map = new Map<string, AccountSum>();
  for (const e of entries.filter(keep)) {
    for (const l of e.lines) {
      const s = map.get(l.account) ?? { account: l.account, debitFen: 0, creditFen: 0 };
      map.set(l.account, { account: l.account, debitFen: s.debitFen + l.debitFen, creditFen: s.creditFen + l.creditFen });
    }
  }
  return [...map.values()];
}

const line = (sheet: { lines: Array<{ key: string; amountFen: number }> }, key: string) => sheet.lines.find((l) => l.key === key)?.amountFen;

// A sale of 113.00 on credit (100 net + 13 VAT), a purchase of 56.50 (50 + 6.50), a bad-debt allowance of 5, a fee of 2.
const NOVEMBER: Entry[] = [
  { date: '2026-11-03', sourceType: 'invoice', lines: [{ account: '1122', debitFen: 11_300, creditFen: 0 }, { account: '6001', debitFen: 0, creditFen: 10_000 }, { account: '2221', debitFen: 0, creditFen: 1_300 }] },
  { date: '2026-11-05', sourceType: 'payable', lines: [{ account: '1405', debitFen: 5_000, creditFen: 0 }, { account: '222101', debitFen: 650, creditFen: 0 }, { account: '2202', debitFen: 0, creditFen: 5_650 }] },
  { date: '2026-11-20', sourceType: 'write_off', lines: [{ account: '6602', debitFen: 500, creditFen: 0 }, { account: '1231', debitFen: 0, creditFen: 500 }] },
  { date: '2026-11-30', sourceType: 'voucher', lines: [{ account: '6603', debitFen: 200, creditFen: 0 }, { account: '1002', debitFen: 0, creditFen: 200 }] },
];

describe('the month of a statement', () => {
  it('runs from the first to the last day, with the year\'s start and the previous month\'s end', () => {
    expect(statementMonth('2028-02', '2028-03-15')).toEqual({ month: '2028-02', first: '2028-02-01', last: '2028-02-29', yearStart: '2028-01-01', previousEnd: '2028-01-31' });
    expect(statementMonth('2026-01', '2026-01-01')).toMatchObject({ last: '2026-01-31', previousEnd: '2025-12-31' });
  });

  it('refuses a month not yet begun (422) and a malformed one (400)', () => {
    expect(() => statementMonth('2026-12', '2026-11-30')).toThrow(expect.objectContaining({ status: 422, code: 'month-in-future' }));
    expect(() => statementMonth('2026-13', '2026-11-30')).toThrow(expect.objectContaining({ status: 400 }));
  });
});

describe('the balance sheet', () => {
  const sheet = balanceSheet(sums(NOVEMBER, () => true));

  it('shows contra accounts as deductions and nets VAT input against output as taxes payable', () => {
    expect(line(sheet, '1231')).toBe(-500);
    expect(line(sheet, '1122')).toBe(11_300);
    expect(line(sheet, 'taxes_payable')).toBe(1_300 - 650);
    expect(sheet.lines.some((l) => l.code === '222101')).toBe(false);
    expect(sheet.totals.currentAssetsFen).toBe(11_300 + 5_000 - 500 - 200);
    expect(sheet.totals.liabilitiesFen).toBe(5_650 + 650);
  });

  it('holds the profit not yet closed in equity, and balances', () => {
    expect(sheet.totals.unclosedProfitFen).toBe(10_000 - 500 - 200);
    expect(line(sheet, 'unclosed_profit')).toBe(9_300);
    expect(sheet.totals.assetsFen).toBe(sheet.totals.liabilitiesAndEquityFen);
    expect(sheet.balanced).toBe(true);
  });

  it('lists every asset, liability and equity account of the chart, and a code the chart lacks by its first digit', () => {
    const empty = balanceSheet([{ account: '1999', debitFen: 100, creditFen: 0 }, { account: '2999', debitFen: 0, creditFen: 100 }]);
    for (const a of CHART_OF_ACCOUNTS.filter((c) => ['asset', 'liability', 'equity'].includes(c.class) && c.code !== '222101' && c.code !== '2221')) {
      expect(empty.lines.map((l) => l.code)).toContain(a.code);
    }
    expect(empty.lines.find((l) => l.code === '1999')?.section).toBe('current_assets');
    expect(empty.lines.find((l) => l.code === '2999')?.section).toBe('current_liabilities');
    expect(empty.balanced).toBe(true);
  });

  it('does not balance when the sums do not (a one-sided posting)', () => {
    expect(balanceSheet([{ account: '1001', debitFen: 100, creditFen: 0 }]).balanced).toBe(false);
  });
});

describe('the income statement', () => {
  it('takes revenue less cost and expenses to operating profit, then non-operating items and tax to net profit', () => {
    const month: AccountSum[] = [
      { account: '6001', debitFen: 1_000, creditFen: 50_000 }, { account: '6051', debitFen: 0, creditFen: 2_000 },
      { account: '6401', debitFen: 30_000, creditFen: 0 }, { account: '6403', debitFen: 300, creditFen: 0 },
      { account: '6601', debitFen: 4_000, creditFen: 0 }, { account: '6602', debitFen: 3_000, creditFen: 0 }, { account: '6603', debitFen: 100, creditFen: 0 },
      { account: '6301', debitFen: 0, creditFen: 500 }, { account: '6711', debitFen: 200, creditFen: 0 }, { account: '6801', debitFen: 1_000, creditFen: 0 },
    ];
    const s = incomeStatement(month, [...month, { account: '6001', debitFen: 0, creditFen: 10_000 }]);
    expect(s.totals.revenueFen).toEqual({ monthFen: 51_000, yearToDateFen: 61_000 });
    expect(s.totals.operatingProfitFen.monthFen).toBe(51_000 - 30_300 - 7_100);
    expect(s.totals.profitBeforeTaxFen.monthFen).toBe(13_600 + 500 - 200);
    expect(s.totals.netProfitFen).toEqual({ monthFen: 12_900, yearToDateFen: 22_900 });
    expect(line(s, 'net_profit')).toBe(12_900);
    expect(s.lines.map((l) => l.key)).toEqual([
      '6001', '6051', 'operating_revenue', '6401', '6403', 'operating_cost', '6601', '6602', '6603', 'period_expenses', 'operating_profit',
      '6301', '6711', 'profit_before_tax', '6801', 'net_profit',
    ]);
  });
});

describe('the VAT summary', () => {
  it('sets output against input by source, with voids and credit notes giving output back', () => {
    const rows: SourceAccountSum[] = [
      { sourceType: 'invoice', account: '2221', debitFen: 0, creditFen: 2_600 }, { sourceType: 'invoice', account: '6001', debitFen: 0, creditFen: 20_000 },
      { sourceType: 'invoice', account: '1122', debitFen: 22_600, creditFen: 0 },
      { sourceType: 'invoice_void', account: '2221', debitFen: 1_300, creditFen: 0 }, { sourceType: 'invoice_void', account: '6001', debitFen: 10_000, creditFen: 0 },
      { sourceType: 'till_ticket', account: '2221', debitFen: 0, creditFen: 130 }, { sourceType: 'till_ticket', account: '6001', debitFen: 0, creditFen: 1_000 },
      { sourceType: 'payable', account: '222101', debitFen: 650, creditFen: 0 }, { sourceType: 'purchase_return', account: '222101', debitFen: 0, creditFen: 65 },
    ];
    const v = vatSummary(rows);
    expect(v.outputVatFen).toBe(2_600 - 1_300 + 130);
    expect(v.inputVatFen).toBe(650 - 65);
    expect(v.salesNetFen).toBe(11_000);
    expect(v.payableFen).toBe(1_430 - 585);
    expect(v.carriedForwardFen).toBe(0);
    expect(v.lines.map((l) => l.sourceType)).toEqual(['invoice', 'invoice_void', 'payable', 'purchase_return', 'till_ticket', 'total']);
    expect(v.lines.find((l) => l.sourceType === 'invoice_void')).toEqual({ sourceType: 'invoice_void', salesNetFen: -10_000, outputVatFen: -1_300, inputVatFen: 0 });
  });

  it('carries input beyond output forward instead of a negative payable', () => {
    const v = vatSummary([{ sourceType: 'payable', account: '222101', debitFen: 1_000, creditFen: 0 }, { sourceType: 'invoice', account: '2221', debitFen: 0, creditFen: 400 }]);
    expect(v).toMatchObject({ payableFen: 0, carriedForwardFen: 600 });
  });
});

describe('the statements hold together', () => {
  // Random balanced entries over the chart's accounts except equity, spread over October and November.
  const accounts = CHART_OF_ACCOUNTS.filter((a) => a.class !== 'equity').map((a) => a.code);
  const entry = fc.record({
    day: fc.integer({ min: 1, max: 61 }),
    sourceType: fc.constantFrom('invoice', 'invoice_void', 'till_ticket', 'credit_note', 'payable', 'receipt', 'voucher'),
    legs: fc.array(fc.record({ debit: fc.constantFrom(...accounts), credit: fc.constantFrom(...accounts), fen: fc.integer({ min: 1, max: 10_000_000 }) }), { minLength: 1, maxLength: 4 }),
  }).map(({ day, sourceType, legs }): Entry => ({
    date: day <= 31 ? `2026-10-${String(day).padStart(2, '0')}` : `2026-11-${String(day - 31).padStart(2, '0')}`,
    sourceType,
    lines: legs.flatMap((l) => [{ account: l.debit, debitFen: l.fen, creditFen: 0 }, { account: l.credit, debitFen: 0, creditFen: l.fen }]),
  }));

  it('the month\'s net profit is the change in equity between the two month ends, and both balance sheets balance', () => {
    fc.assert(fc.property(fc.array(entry, { maxLength: 30 }), (entries) => {
      const m = statementMonth('2026-11', '2026-11-30');
      const before = balanceSheet(sums(entries, (e) => e.date <= m.previousEnd));
      const after = balanceSheet(sums(entries, (e) => e.date <= m.last));
      const income = incomeStatement(sums(entries, (e) => e.date >= m.first && e.date <= m.last), sums(entries, (e) => e.date >= m.yearStart && e.date <= m.last));
      expect(before.balanced && after.balanced).toBe(true);
      expect(income.totals.netProfitFen.monthFen).toBe(after.totals.equityFen - before.totals.equityFen);
      // The VAT summary's output and input are the month's movement on 2221 and 222101.
      const rows = entries.filter((e) => e.date >= m.first).flatMap((e) => e.lines.map((l) => ({ ...l, sourceType: e.sourceType })));
      const vat = vatSummary(rows);
      const on = (code: string) => rows.filter((r) => r.account === code).reduce((t, r) => t + r.debitFen - r.creditFen, 0);
      expect(vat.outputVatFen).toBe(0 - on('2221'));
      expect(vat.inputVatFen).toBe(on('222101'));
      expect(vat.payableFen - vat.carriedForwardFen).toBe(vat.outputVatFen - vat.inputVatFen);
    }));
  });
});

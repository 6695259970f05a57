import { CHART_OF_ACCOUNTS, chartAccount } from './chart-of-accounts.js';
import { ACCOUNTS } from './journal.js';

describe('the chart of accounts', () => {
  it('holds every account the automatic postings use, under the same code and name', () => {
    for (const { code, name } of Object.values(ACCOUNTS)) expect(chartAccount(code)).toMatchObject({ code, name });
  });

  it('lists each code once, and places every asset and liability as current or not', () => {
    expect(new Set(CHART_OF_ACCOUNTS.map((a) => a.code)).size).toBe(CHART_OF_ACCOUNTS.length);
    expect(CHART_OF_ACCOUNTS.filter((a) => (a.class === 'asset' || a.class === 'liability') && !a.term)).toEqual([]);
  });
});

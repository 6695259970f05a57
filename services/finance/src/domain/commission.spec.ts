import { commissionLineOf, commissionOf, monthBounds } from './commission.js';

describe('commission on collected money (9-07)', () => {
  const month = (collectedFen: number, badDebt = false) => commissionOf([{ collectibleFen: 600_000, collectedFen: 600_000, badDebt: false }, { collectibleFen: 400_000, collectedFen: collectedFen - 600_000, badDebt }]);

  it.each([
    ['100 %', 1_000_000, { tier: 'full', collectionRateBp: 10_000, commissionFen: 1_200, penaltyFen: 0, netFen: 1_200 }],
    ['99 %', 990_000, { tier: 'partial', collectionRateBp: 9_900, commissionFen: 594, penaltyFen: 0, netFen: 594 }],
    ['98 % exactly', 980_000, { tier: 'partial', collectionRateBp: 9_800, commissionFen: 588 }],
    ['97 %', 970_000, { tier: 'none', collectionRateBp: 9_700, commissionFen: 0, penaltyFen: 0, netFen: 0 }],
    ['95 % exactly', 950_000, { tier: 'none', commissionFen: 0, penaltyFen: 0 }],
    ['94 %', 940_000, { tier: 'penalty', collectionRateBp: 9_400, commissionFen: 0, penaltyFen: 600, netFen: -600 }],
  ])('at %s collected', (_case, collected, expected) => {
    expect(month(collected)).toMatchObject({ collectibleFen: 1_000_000, collectedFen: collected, uncollectedFen: 1_000_000 - collected, ...expected });
  });

  it('pays the lower rate at 100 % when a receivable is doubtful or written off', () => {
    expect(month(1_000_000, true)).toMatchObject({ tier: 'partial', badDebt: true, commissionFen: 600 });
    expect(month(1_000_000, true).explanation).toContain('but with bad debt');
  });

  it('compares rates in whole fen: a fen short of 98 % is below it', () => {
    expect(commissionOf([{ collectibleFen: 100_001, collectedFen: 98_000, badDebt: false }]).tier).toBe('none');
    expect(commissionOf([{ collectibleFen: 100_000, collectedFen: 98_000, badDebt: false }]).tier).toBe('partial');
  });

  it('never counts more collected than there was to collect, and explains the figures', () => {
    const c = commissionOf([{ collectibleFen: 50_000, collectedFen: 80_000, badDebt: false }]);
    expect(c).toMatchObject({ collectedFen: 50_000, tier: 'full', commissionFen: 60 });
    expect(c.explanation).toBe('collected 500.00 of 500.00 (100.00 %), no bad debt: 0.12 % of collected = 0.60');
    expect(month(940_000).explanation).toBe('collected 9400.00 of 10000.00 (94.00 %): below 95 % earns none, and 1 % of the 600.00 not collected is deducted = 6.00');
  });
});

describe('what one receivable counts for the month', () => {
  const r = { amountFen: 100_000, settledFen: 0, settledSinceFen: 0, settledInFen: 0, dueDate: '2027-07-19', doubtfulReason: null, writeOff: null };

  it('takes what was owed at the month\'s start as collectible, and what came in during the month as collected', () => {
    expect(commissionLineOf({ ...r, settledFen: 70_000, settledSinceFen: 50_000, settledInFen: 40_000 }, '2027-07')).toEqual({ collectibleFen: 80_000, collectedFen: 40_000, badDebt: false, stageAtEnd: 'current' });
    expect(commissionLineOf({ ...r, settledFen: 100_000, settledSinceFen: 100_000, settledInFen: 100_000 }, '2027-07')).toEqual({ collectibleFen: 100_000, collectedFen: 100_000, badDebt: false, stageAtEnd: null });
    expect(commissionLineOf({ ...r, settledFen: 100_000 }, '2027-07')).toBeNull();
  });

  it('counts doubtful and written-off receivables as bad debt, and leaves out one written off before the month', () => {
    expect(commissionLineOf({ ...r, doubtfulReason: 'bankrupt' }, '2027-07')).toMatchObject({ badDebt: true, stageAtEnd: 'doubtful' });
    expect(commissionLineOf({ ...r, writeOff: { writtenOffOn: '2027-07-10', recoveredOn: null } }, '2027-07')).toMatchObject({ badDebt: true, stageAtEnd: 'written_off' });
    expect(commissionLineOf({ ...r, writeOff: { writtenOffOn: '2027-06-30', recoveredOn: null } }, '2027-07')).toBeNull();
    expect(monthBounds('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
  });
});

import { ApprovalLadder, inForceOn, levelForAmount, type Dated } from './approval.js';

const ladder = new ApprovalLadder(['sales_manager', 'sales_vp', 'general_manager'] as const);

describe('approval ladder', () => {
  it.each([
    [['sales_manager'], 'sales_manager', true],
    [['sales_manager'], 'sales_vp', false],
    [['sales_vp'], 'sales_manager', true],
    [['sales_vp'], 'general_manager', false],
    [['general_manager'], 'sales_vp', true],
    [['sales_rep'], 'sales_manager', false],
    [['sales_rep'], 'none', true],
    [['sales_rep', 'sales_vp'], 'sales_vp', true],
  ] as const)('roles %j may approve a %s level: %s', (roles, level, expected) => {
    expect(ladder.canApprove(roles, level)).toBe(expected);
  });

  it('says which level is needed when refusing', () => {
    expect(() => ladder.refuseUnlessCanApprove(['sales_manager'], 'general_manager', 'An order of 6,000,000 CNY')).toThrow('needs approval by a general manager or higher');
  });

  it('takes the highest level any rule asks for, and keeps every reason', () => {
    expect(ladder.highest([
      { level: 'sales_manager', reason: 'total' },
      { level: 'none', reason: '' },
      { level: 'sales_vp', reason: 'discount' },
    ])).toEqual({ level: 'sales_vp', reasons: ['total', 'discount'] });
    expect(ladder.highest([{ level: 'none', reason: '' }])).toEqual({ level: 'none', reasons: [] });
  });

  it('lets roles act at another ladder\'s levels by name (purchasing, say)', () => {
    const purchasing = new ApprovalLadder(['purchasing_manager', 'vp'] as const, { purchasing_manager: 'purchasing_manager', sales_vp: 'vp', general_manager: 'vp' });
    expect(purchasing.canApprove(['sales_vp'], 'vp')).toBe(true);
    expect(purchasing.canApprove(['purchasing_manager'], 'vp')).toBe(false);
    expect(purchasing.levelOf(['purchaser'])).toBe('none');
  });
});

describe('thresholds as dated data', () => {
  const versions: Dated<number>[] = [
    { effectiveFrom: '2026-01-01', value: 1 },
    { effectiveFrom: '2027-07-01', value: 2 },
  ];

  it('uses the version in force on the day, the newer from its first day', () => {
    expect(inForceOn(versions, '2026-05-01')).toBe(1);
    expect(inForceOn(versions, '2027-06-30')).toBe(1);
    expect(inForceOn(versions, '2027-07-01')).toBe(2);
    expect(() => inForceOn(versions, '2025-12-31')).toThrow();
  });

  it('gives a boundary amount to the higher tier', () => {
    const tiers = [{ fromFen: 100, level: 'a' }, { fromFen: 500, level: 'b' }] as const;
    expect(levelForAmount(tiers, 99)).toBe('none');
    expect(levelForAmount(tiers, 100)).toBe('a');
    expect(levelForAmount(tiers, 499)).toBe('a');
    expect(levelForAmount(tiers, 500)).toBe('b');
  });
});

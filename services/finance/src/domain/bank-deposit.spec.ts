import type { DomainError } from '@ops/kernel';
import { bankDepositEntry, recordDeposit, scheduleDeposit } from './bank-deposit.js';

const now = new Date('2026-11-30T06:00:00Z');
const run = { id: 'd1', number: 'BD-2026-000001', amountFen: 40_000, bank: ' 中国工商银行 ', plannedAt: new Date('2026-11-30T08:00:00Z') };
const failure = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return [(e as DomainError).code, ...((e as DomainError).errors ?? []).map((x) => x.field)].join(' '); } };

describe('a bank deposit run', () => {
  it('asks security for an escort when scheduled', () => {
    const scheduled = scheduleDeposit(run, 45_000, 'finance-manager-1', now);
    expect(scheduled.state).toMatchObject({ status: 'scheduled', bank: '中国工商银行', requestedBy: 'finance-manager-1', bankSlipNumber: null });
    expect(scheduled.events).toEqual([{
      type: 'finance.escort.requested',
      data: { depositId: 'd1', amountFen: 40_000, bank: '中国工商银行', plannedAt: '2026-11-30T08:00:00.000Z', requestedBy: 'finance-manager-1' },
    }]);
  });

  it('takes only cash the treasurer holds, and is planned for later', () => {
    expect(failure(() => scheduleDeposit(run, 39_999, 'finance-manager-1', now))).toBe('deposit-run-refused amountFen');
    expect(failure(() => scheduleDeposit({ ...run, plannedAt: new Date('2026-11-30T05:00:00Z') }, 45_000, 'finance-manager-1', now))).toBe('deposit-run-refused plannedAt');
  });

  it('is recorded deposited once, with the slip, and moves cash on hand to the bank', () => {
    const deposited = recordDeposit(scheduleDeposit(run, 45_000, 'finance-manager-1', now).state, ' 0012345 ', 'finance-manager-1', now);
    expect(deposited.state).toMatchObject({ status: 'deposited', bankSlipNumber: '0012345', depositedBy: 'finance-manager-1' });
    expect(deposited.events).toEqual([]);
    expect(failure(() => recordDeposit(deposited.state, '0012346', 'finance-manager-1'))).toBe('already-deposited');
    expect(bankDepositEntry(40_000)).toEqual([{ account: 'bank', debitFen: 40_000, creditFen: 0 }, { account: 'cash', debitFen: 0, creditFen: 40_000 }]);
  });
});

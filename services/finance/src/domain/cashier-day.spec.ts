import { DomainError } from '@ops/kernel';
import { confirmDay, countDay, openCashierDate, type DayCount, type DayRecord } from './cashier-day.js';

const start = { id: 'day-1', cashierId: 'cashier-1', businessDate: '2026-11-30' };
const record: DayRecord = { receiptsFen: { cash: 50_000, pos: 30_000, transfer: 20_000 }, refundsFen: { cash: 5_000 }, receiptCount: 4 };
const exact: DayCount = { counted: { cash: 45_000, pos: 30_000, transfer: 20_000 }, explanations: {} };
const failure = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return [(e as DomainError).code, ...((e as DomainError).errors ?? []).map((x) => x.field)].join(' '); } };

describe('the cashier\'s day', () => {
  it('sets what was counted against receipts less refunds, way by way', () => {
    const { state, transitions } = countDay(null, start, record, { counted: { cash: 44_900, pos: 30_000, transfer: 20_000 }, explanations: { cash: ' 1 元 change short ' } });
    expect(state.lines).toEqual([
      { method: 'cash', recordedFen: 45_000, countedFen: 44_900, differenceFen: -100, explanation: '1 元 change short' },
      { method: 'pos', recordedFen: 30_000, countedFen: 30_000, differenceFen: 0, explanation: null },
      { method: 'transfer', recordedFen: 20_000, countedFen: 20_000, differenceFen: 0, explanation: null },
    ]);
    expect(transitions).toEqual([{ from: 'new', to: 'counted', reason: 'counted: cash short 1.00' }]);
  });

  it('closes only when someone other than the cashier confirms, and only with every difference explained', () => {
    const short = countDay(null, start, record, { counted: { cash: 44_000, pos: 30_500, transfer: 20_000 }, explanations: { pos: 'slip of the 29th counted twice' } }).state;
    expect(failure(() => confirmDay(short, 'cashier-1'))).toBe('cashier-confirms-own-day');
    expect(failure(() => confirmDay(short, 'accountant-1'))).toBe('unexplained-difference explanations.cash');
    const recounted = countDay(short, start, record, { ...exact, explanations: {} }).state;
    const closed = confirmDay(recounted, 'accountant-1', new Date('2026-11-30T10:00:00Z'));
    expect(closed.state).toMatchObject({ status: 'closed', confirmedBy: 'accountant-1' });
    expect(closed.transitions).toEqual([{ from: 'counted', to: 'closed', reason: 'confirmed by accountant-1: no difference' }]);
  });

  it('never changes once closed: a recount or a second confirmation is refused', () => {
    const closed = confirmDay(countDay(null, start, record, exact).state, 'accountant-1').state;
    expect(failure(() => countDay(closed, start, record, exact))).toBe('day-closed');
    expect(failure(() => confirmDay(closed, 'finance-manager-1'))).toBe('day-closed');
  });

  it('puts money that comes after the close on the next day that is still open', () => {
    expect(openCashierDate('2026-11-30', new Set())).toBe('2026-11-30');
    expect(openCashierDate('2026-11-30', new Set(['2026-11-30', '2026-12-01']))).toBe('2026-12-02');
  });
});

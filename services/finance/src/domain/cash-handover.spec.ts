import type { DomainError } from '@ops/kernel';
import { confirmHandover, handOverCash, type HandoverDay } from './cash-handover.js';

const day: HandoverDay = { id: 'day-1', cashierId: 'cashier-1', businessDate: '2026-11-30', countedCashFen: 45_000, handedFen: 0 };
const handover = { id: 'h1', number: 'CH-2026-000001', amountFen: 40_000 };
const failure = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return [(e as DomainError).code, ...((e as DomainError).errors ?? []).map((x) => x.field)].join(' '); } };

describe('cash handed to the treasurer', () => {
  it('is recorded by the day\'s cashier and confirmed by someone else: both confirmations', () => {
    const handed = handOverCash(day, handover, 'cashier-1', new Date('2026-11-30T10:00:00Z'));
    expect(handed.state).toMatchObject({ status: 'handed', handedBy: 'cashier-1', receivedBy: null, amountFen: 40_000, businessDate: '2026-11-30', dayId: 'day-1' });
    expect(handed.transitions).toEqual([{ from: 'new', to: 'handed', reason: '400.00 cash of 2026-11-30 handed to the treasurer' }]);
    const received = confirmHandover(handed.state, 'finance-manager-1', new Date('2026-11-30T10:05:00Z'));
    expect(received.state).toMatchObject({ status: 'received', receivedBy: 'finance-manager-1' });
    expect(received.transitions).toEqual([{ from: 'handed', to: 'received', reason: '400.00 received by finance-manager-1' }]);
    expect(failure(() => confirmHandover(received.state, 'finance-manager-2'))).toBe('handover-received');
  });

  it('is never confirmed by the cashier who handed it', () => {
    const handed = handOverCash(day, handover, 'cashier-1').state;
    expect(failure(() => confirmHandover(handed, 'cashier-1'))).toBe('cashier-confirms-own-handover');
  });

  it('hands over only the cashier\'s own day, and never more than the cash counted less earlier handovers', () => {
    expect(failure(() => handOverCash(day, handover, 'cashier-2'))).toBe('not-your-day');
    expect(failure(() => handOverCash(day, { ...handover, amountFen: 45_001 }, 'cashier-1'))).toBe('more-than-counted-cash amountFen');
    expect(failure(() => handOverCash({ ...day, handedFen: 40_000 }, { ...handover, amountFen: 5_001 }, 'cashier-1'))).toBe('more-than-counted-cash amountFen');
    expect(failure(() => handOverCash({ ...day, handedFen: 40_000 }, { ...handover, amountFen: 5_000 }, 'cashier-1'))).toBe('ok');
  });
});

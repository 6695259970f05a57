import { salesDays } from './daily-report.js';

describe('the sales dashboard\'s days', () => {
  it('lists every date of the period with zeros where nothing happened', () => {
    const days = salesDays({ from: '2026-11-29', to: '2026-12-02' }, [], []);
    expect(days).toEqual([
      { date: '2026-11-29', ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 },
      { date: '2026-11-30', ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 },
      { date: '2026-12-01', ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 },
      { date: '2026-12-02', ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 },
    ]);
  });

  it('puts placed orders and their totals on the date placed, and cancellations on the date cancelled', () => {
    const days = salesDays(
      { from: '2026-11-29', to: '2026-12-01' },
      [{ date: '2026-11-29', orders: 2, totalFen: 25_600 }, { date: '2026-12-01', orders: 1, totalFen: 58_800 }],
      [{ date: '2026-12-01', orders: 3 }],
    );
    expect(days).toEqual([
      { date: '2026-11-29', ordersPlaced: 2, placedFen: 25_600, ordersCancelled: 0 },
      { date: '2026-11-30', ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 },
      { date: '2026-12-01', ordersPlaced: 1, placedFen: 58_800, ordersCancelled: 3 },
    ]);
  });

  it('leaves out counts of dates outside the period', () => {
    const days = salesDays({ from: '2026-11-30', to: '2026-11-30' }, [{ date: '2026-11-29', orders: 5, totalFen: 500 }], [{ date: '2026-12-01', orders: 1 }]);
    expect(days).toEqual([{ date: '2026-11-30', ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 }]);
  });
});

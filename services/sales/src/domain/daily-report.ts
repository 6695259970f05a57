import { datesOf, type BusinessDate, type Period } from '@ops/kernel';

/** Orders placed on one business date and their totals (as the orders table counts them). */
export interface PlacedOnDate {
  date: BusinessDate;
  orders: number;
  totalFen: number;
}

/** Orders cancelled on one business date. */
export interface CancelledOnDate {
  date: BusinessDate;
  orders: number;
}

export interface SalesDay {
  date: BusinessDate;
  ordersPlaced: number;
  placedFen: number;
  ordersCancelled: number;
}

/**
 * The sales dashboard's days: every business date of the period, oldest first, with the orders placed
 * (and their totals) and cancelled that date; zeros on a date when nothing happened. Counts for dates
 * outside the period are not the period's and are left out.
 */
export function salesDays(period: Period, placed: readonly PlacedOnDate[], cancelled: readonly CancelledOnDate[]): SalesDay[] {
  const days = new Map<BusinessDate, SalesDay>(datesOf(period).map((date) => [date, { date, ordersPlaced: 0, placedFen: 0, ordersCancelled: 0 }]));
  for (const row of placed) {
    const day = days.get(row.date);
    if (!day) continue;
    day.ordersPlaced += row.orders;
    day.placedFen += row.totalFen;
  }
  for (const row of cancelled) {
    const day = days.get(row.date);
    if (day) day.ordersCancelled += row.orders;
  }
  return [...days.values()];
}

import { businessDate } from '@ops/kernel';

/** The customer is told about a shipment the next business day (domain.md §4.8). */
export function noticeDateFor(shippedAt: Date): string {
  const nextDay = new Date(shippedAt.getTime() + 24 * 60 * 60 * 1000);
  return businessDate(nextDay);
}

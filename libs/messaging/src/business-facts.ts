import { Counter, type Registry } from 'prom-client';
import type { OutboxEvent } from './outbox-writer.js';

/**
 * A business fact worth counting, and the event that says it happened. A fact is counted when the
 * transaction that writes its event commits (inUnitOfWork), once: a retried command answers from its
 * Idempotency-Key and writes no event, a redelivered event is refused by the inbox, and a transaction
 * that rolls back counts nothing.
 */
export interface BusinessFact {
  metric: string;
  help: string;
  /** The event type (`sales.order.placed`); its producer is the service that counts it. */
  eventType: string;
  /** Counts only the events whose data passes (the last shipment of an order, say). */
  when?: (data: Record<string, unknown>) => boolean;
}

export const BUSINESS_FACTS: readonly BusinessFact[] = [
  { metric: 'orders_placed_total', eventType: 'sales.order.placed', help: 'Orders placed (at once, or when their last approval came): sales.order.placed committed' },
  { metric: 'orders_paid_total', eventType: 'finance.payment.confirmed', help: 'Orders paid in full: finance.payment.confirmed committed' },
  {
    metric: 'orders_shipped_total', eventType: 'inventory.goods.shipped', when: (data) => data.complete !== false, // absent means true (the contract)
    help: 'Orders shipped in full (their last shipment left): inventory.goods.shipped committed, complete not false',
  },
  { metric: 'shipments_total', eventType: 'inventory.goods.shipped', help: 'Shipments that left the warehouse: inventory.goods.shipped committed' },
];

/** The counters of the facts one service produces, counted from the events its units of work commit. */
export class BusinessFacts {
  private readonly bySubject = new Map<string, Array<{ fact: BusinessFact; counter: Counter }>>();

  constructor(service: string, registry: Registry, facts: readonly BusinessFact[] = BUSINESS_FACTS) {
    for (const fact of facts) {
      if (fact.eventType.split('.')[0] !== service) continue;
      const counter = (registry.getSingleMetric(fact.metric) as Counter | undefined) ?? new Counter({ name: fact.metric, help: fact.help, registers: [registry] });
      const prefix = `${fact.eventType}.v`;
      const list = this.bySubject.get(prefix) ?? [];
      list.push({ fact, counter });
      this.bySubject.set(prefix, list);
    }
  }

  /** Counts the facts among the events a transaction has just committed. */
  count(events: readonly OutboxEvent[]): void {
    if (!this.bySubject.size) return;
    for (const event of events) {
      const prefix = event.subject.slice(0, event.subject.lastIndexOf('.v') + 2);
      const facts = this.bySubject.get(prefix);
      if (!facts) continue;
      let data: Record<string, unknown> | undefined;
      for (const { fact, counter } of facts) {
        if (fact.when) {
          data ??= (JSON.parse(event.envelope) as { data: Record<string, unknown> }).data;
          if (!fact.when(data)) continue;
        }
        counter.inc();
      }
    }
  }
}

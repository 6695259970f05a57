import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@ops/contracts';
import { rowByKey } from '@ops/persistence';
import { METRICS_REGISTRY, PeriodicJob, SERVICE_CONFIG, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { AWAITING_MONEY, expire, paymentDeadlinePassed } from '../domain/order.js';
import { CustomerEntity, NotificationEntity, OrderEntity } from '../infra/persistence/sales.entities.js';
import { OrderStore } from '../infra/persistence/stores.js';

/** Days a deposit holds the goods (domain.md §4.7: 7, configurable). */
export const ORDER_PAYMENT_DAYS = Number(process.env.ORDER_PAYMENT_DAYS ?? 7);

/** The platform itself, when it acts on a rule rather than on a person's command. */
const SYSTEM: Actor = { userId: 'system:order-expiry', roles: [] };

/**
 * Cancels placed prepaid orders left unpaid past the deadline: inventory releases their stock, finance
 * keeps anything partly paid as the customer's prepayment, and the customer's rep is told.
 */
@Injectable()
export class OrderExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(private readonly dataSource: DataSource, private readonly orders: OrderStore, @Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    this.job = new PeriodicJob('order-expiry', config.jobs.scanMs, () => this.expireDue(new Date()), registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One batch per transaction; rows another instance is expiring are skipped, not waited for. */
  async expireDue(now: Date, days = ORDER_PAYMENT_DAYS): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const due = await tx.createQueryBuilder(OrderEntity, 'o')
        // Made-to-order orders never expire: their deposit has started production for this customer, and the balance is
        // due when the goods are made (finance's balance notice), not within the deposit's days (paymentDeadlinePassed).
        .where(`o.payment_terms = 'prepaid' AND o.payment = 'unpaid' AND NOT o.made_to_order AND o.status IN (:...statuses) AND o.placed_at <= :cutoff`, {
          statuses: AWAITING_MONEY, cutoff: new Date(now.getTime() - days * 24 * 60 * 60 * 1000),
        })
        .orderBy('o.placed_at', 'ASC').limit(100)
        .setLock('pessimistic_write').setOnLocked('skip_locked')
        .getMany();
      for (const order of due.filter((o) => paymentDeadlinePassed(o, now, days))) {
        await this.orders.apply(tx, order, (state) => expire(state, days), { actor: SYSTEM });
        // The customer's own rep follows the customer up; whoever recorded the order only when there is none.
        const customer = await rowByKey(tx, CustomerEntity, 'id', order.customerId, { lock: false });
        await tx.insert(NotificationEntity, {
          recipient: customer?.assignedRep ?? order.createdBy, kind: 'order-expired', orderId: order.id,
          message: `Order ${order.number} for ${order.customerName} was cancelled: not paid within ${days} days. Its stock was released; anything paid is kept as the customer's prepayment.`,
        });
      }
      return due.length;
    });
  }
}


import { Injectable } from '@nestjs/common';
import {
  DepositConfirmed, type DepositConfirmedData, type EventEnvelope, type OrderCancelledData, type OrderPlacedData,
} from '@ops/contracts';
import { businessDate, businessYear } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { OnEvent, type Acting } from '@ops/service-kit';
import { In, Not, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { MaterialRequestDesk } from './material-requests.js';
import { cancelProductionOrder, issueProductionOrder, type SupplySpec } from '../domain/production-order.js';
import { MadeToOrderOrderEntity, ProductionDepositEntity, ProductionOrderEntity, ReferenceSampleEntity, SkuSupplyEntity } from '../infra/persistence/production.entities.js';
import { ProductionOrderStore } from '../infra/persistence/production.stores.js';

const acting = (event: EventEnvelope<unknown>): Acting => ({ actor: event.actor, cause: causedBy(event) });

/**
 * Sales' orders and finance's deposits as production hears them. A placed order with made-to-order lines is kept (its
 * stock is not reserved: StockReactions hands it here instead) until finance confirms its deposit; then one production order is
 * issued per made-to-order line. The two events come by different streams, so either may arrive first: each is kept,
 * and whichever completes the pair issues the orders, once (the order's row is locked, and issued orders are looked for).
 */
@Injectable()
export class ProductionReactions {
  constructor(private readonly orders: ProductionOrderStore, private readonly materialRequests: MaterialRequestDesk) {}

  /**
   * A placed order with made-to-order lines is kept until its deposit is confirmed. Called by the stock consumer of
   * sales.order.placed (StockReactions), which hands such an order here instead of reserving it: one delivery per order.
   */
  async recordOrder(event: EventEnvelope<OrderPlacedData>, tx: EntityManager): Promise<void> {
    const o = event.data;
    await takeTurn(tx, o.orderId);
    await tx.query(
      `INSERT INTO made_to_order_orders (order_id, order_number, customer_id, kind, requested_date, lines, placed_at, service_ticket_number, customer_name) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (order_id) DO NOTHING`,
      [
        o.orderId, o.orderNumber, o.customerId, o.kind ?? 'sale',
        // Sales always sends the requested date with made-to-order lines; without it production plans from today.
        o.requestedDate ?? businessDate(), JSON.stringify(o.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, madeToOrder: l.madeToOrder === true }))),
        new Date(event.occurredAt), o.serviceTicketNumber ?? null, o.customerName,
      ],
    );
    await this.issueWhenReady(tx, o.orderId, acting(event));
  }

  @OnEvent(DepositConfirmed, 'issue-production-orders')
  async onDepositConfirmed(event: EventEnvelope<DepositConfirmedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await takeTurn(tx, d.orderId);
    await tx.query(
      `INSERT INTO production_deposits (order_id, customer_id, required_deposit_fen, paid_fen, confirmed_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (order_id) DO NOTHING`,
      [d.orderId, d.customerId, d.requiredDepositFen, d.paidFen, d.confirmedAt],
    );
    await this.issueWhenReady(tx, d.orderId, acting(event));
  }

  /**
   * A cancelled order takes its production orders not yet in work with it; ones in progress or done are finished and kept.
   * Called by the stock consumer of sales.order.cancelled (StockReactions) after it released what the order held.
   */
  async cancelOrder(event: EventEnvelope<OrderCancelledData>, tx: EntityManager): Promise<void> {
    const [order] = await tx.getRepository(MadeToOrderOrderEntity).find({ where: { orderId: event.data.orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || order.cancelledAt) return;
    await tx.update(MadeToOrderOrderEntity, { orderId: order.orderId }, { cancelledAt: new Date(event.occurredAt) });
    const open = await tx.find(ProductionOrderEntity, { where: { orderId: order.orderId, status: In(['planned', 'released']) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const reason = `order ${order.orderNumber} cancelled: ${event.data.reason}`;
    for (const mo of open) {
      const step = cancelProductionOrder(mo, reason);
      if (!step) continue;
      await this.orders.apply(tx, mo, () => step, acting(event));
      // What purchasing has not ordered yet is no longer wanted; materials already on a purchase order stay there.
      await this.materialRequests.cancelFor(tx, mo.id, reason, acting(event));
    }
  }

  private async issueWhenReady(tx: EntityManager, orderId: string, by: Acting): Promise<void> {
    const [order] = await tx.getRepository(MadeToOrderOrderEntity).find({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
    if (!order || order.cancelledAt) return;
    if (!(await tx.existsBy(ProductionDepositEntity, { orderId }))) return;
    if (await tx.existsBy(ProductionOrderEntity, { orderId })) return;
    const today = businessDate();
    for (const line of order.lines.filter((l) => l.madeToOrder)) {
      const supply = await rowByKey(tx, SkuSupplyEntity, 'sku', line.sku, { lock: false });
      const design = { customerId: order.customerId, sku: line.sku };
      // The first run of the customer's design keeps the reference sample: none kept yet, and no earlier run that may keep it.
      const firstRun = !(await tx.existsBy(ReferenceSampleEntity, design)) && !(await tx.existsBy(ProductionOrderEntity, { ...design, status: Not('cancelled') }));
      const step = issueProductionOrder({
        id: uuidv7(), number: await nextDocumentNumber(tx, 'MO', businessYear()),
        order: { orderId, orderNumber: order.orderNumber, kind: order.kind, serviceTicketNumber: order.serviceTicketNumber, customerId: order.customerId, customerName: order.customerName, requestedDate: order.requestedDate },
        line, supply: specOf(supply), firstRun, today,
      });
      await this.orders.create(tx, step, by);
    }
  }
}

/**
 * The placed order and its deposit take turns per order until the transaction ends: each then sees the other's row once
 * committed, so two arriving at once cannot both find the other missing and issue nothing.
 */
async function takeTurn(tx: EntityManager, orderId: string): Promise<void> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`made-to-order:${orderId}`]);
}

/**
 * What to make a line by. Sales marked it made to order from the supply it was told; should the spec have changed
 * since, the customer was still promised production, so a SKU without steps is made in one step, in its lead days.
 */
function specOf(supply: SkuSupplyEntity | null): SupplySpec {
  const steps = supply?.steps.length ? supply.steps : [{ name: '生产 Production' }];
  return { madeToOrder: true, leadDays: supply?.leadDays ?? 0, steps, materials: supply?.materials ?? [] };
}

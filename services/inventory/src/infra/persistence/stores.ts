import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import type { Backorder } from '../../domain/backorder.js';
import type { OrderRelease } from '../../domain/release-policy.js';
import type { Shipment } from '../../domain/shipment.js';
import { PURCHASE_RETURN_STORES } from './purchase-returns.stores.js';
import { WAREHOUSE_OPERATION_STORES } from './warehouse-operations.stores.js';
import { PURCHASING_STORES } from './purchasing.stores.js';
import { MATERIAL_REQUEST_STORES } from './material-requests.stores.js';
import { PRODUCTION_STORES } from './production.stores.js';
import { BackorderEntity, ExpectedReturnEntity, OrderReleaseEntity, PickListEntity, RecountRequestEntity, ShipmentEntity, StockReceiptEntity } from './inventory.entities.js';

/** What the domain writes of a row: the database fills in ids it generates and the times rows were made. */
type Written<Row, Generated extends keyof Row> = Omit<Row, Generated>;

/** Pick lists: the only writer of a pick list's status. */
@Injectable()
export class PickListStore extends AggregateStore<PickListEntity, Written<PickListEntity, 'createdAt' | 'updatedAt'>> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'pick-list', entity: PickListEntity, notFound: (id) => new DomainError('not_found', 'pick-list-not-found', `No pick list ${id}`) }, outbox);
  }
}

@Injectable()
export class StockReceiptStore extends AggregateStore<StockReceiptEntity, Written<StockReceiptEntity, 'createdAt'>> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'stock-receipt', entity: StockReceiptEntity, notFound: (id) => new DomainError('not_found', 'receipt-not-found', `No goods receipt ${id}`) }, outbox);
  }
}

/** A backorder's place in the line is its id: drawn once from the table's sequence when it is registered, and the order the line is served in. */
@Injectable()
export class BackorderStore extends AggregateStore<BackorderEntity, Backorder> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'backorder',
      entity: BackorderEntity,
      notFound: (id) => new DomainError('not_found', 'backorder-not-found', `No backorder ${id}`),
      toState: backorderOf,
      toRow: ({ sequence, ...rest }) => ({ id: String(sequence), ...rest }),
    }, outbox);
  }

  /** The next place in line; the caller holds the lock of the order's SKUs, so places follow the order orders took their turn. */
  async nextSequence(tx: EntityManager): Promise<number> {
    const [{ sequence }]: Array<{ sequence: string }> = await tx.query(`SELECT nextval(pg_get_serial_sequence('backorders', 'id')) AS sequence`);
    return Number(sequence);
  }
}

export const backorderOf = (row: BackorderEntity): Backorder => ({ sequence: Number(row.id), orderId: row.orderId, lines: row.lines, status: row.status, filledAt: row.filledAt });

@Injectable()
export class RecountRequestStore extends AggregateStore<RecountRequestEntity, Written<RecountRequestEntity, 'id' | 'requestedAt'>> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'recount-request', entity: RecountRequestEntity, notFound: (id) => new DomainError('not_found', 'recount-request-not-found', `No recount request ${id}`) }, outbox);
  }
}

/** A shipment's state is read off its delivery receipt: delivered once signed for. */
@Injectable()
export class ShipmentStore extends AggregateStore<ShipmentEntity, Shipment> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'shipment',
      entity: ShipmentEntity,
      notFound: (id) => new DomainError('not_found', 'shipment-not-found', `No shipment ${id}`),
      toState: (row) => ({ ...row, status: row.deliveredAt ? 'delivered' : 'shipped' }),
      toRow: ({ status: _status, ...row }) => row,
    }, outbox);
  }
}

/** Why an order may go to the warehouse; the basis only ever gets stronger. */
@Injectable()
export class OrderReleaseStore extends AggregateStore<OrderReleaseEntity, OrderRelease> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({
      name: 'order-release',
      entity: OrderReleaseEntity,
      key: 'orderId',
      notFound: (id) => new DomainError('rule_violated', 'order-not-released', `Order ${id} is not released for picking`),
      toState: ({ orderId, customerId, basis, eventId, exceptionReason }) => ({ orderId, customerId, basis, eventId, exceptionReason }),
    }, outbox);
  }
}

/** Returned goods expected back (domain/return-receipt.ts): keyed by the sales return's id. */
@Injectable()
export class ExpectedReturnStore extends AggregateStore<ExpectedReturnEntity, Written<ExpectedReturnEntity, 'expectedAt'>> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'return', entity: ExpectedReturnEntity, key: 'returnId', notFound: (id) => new DomainError('not_found', 'return-not-found', `No return ${id} is expected`) }, outbox);
  }
}

export const INVENTORY_STORES = [ExpectedReturnStore, PickListStore, StockReceiptStore, BackorderStore, RecountRequestStore, ShipmentStore, OrderReleaseStore, ...WAREHOUSE_OPERATION_STORES, ...PURCHASING_STORES, ...PURCHASE_RETURN_STORES, ...MATERIAL_REQUEST_STORES, ...PRODUCTION_STORES];

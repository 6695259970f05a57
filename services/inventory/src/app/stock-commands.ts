import { Inject, Injectable } from '@nestjs/common';
import {
  businessYear, ConfirmDeliveryRequest, DEFAULT_WAREHOUSE, DeliveryConfirmed, DomainError, GoodsShipped, InventoryRpc, ListRecountRequestsQuery, ListReservationsQuery, ListShipmentsQuery,
  ListSkusQuery, ListStockQuery, pageWindow, ReceiveStockRequest, RegisterSkuRequest, ShipOrderRequest, type Page,
  type RecountRequestView, type ReservationView, type ShipmentView, type SkuView, type StockLevelView,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { markShipped } from '../domain/pick-list.js';
import { ReservationDesk } from './reservation-desk.js';
import { planShipment } from '../domain/shipment.js';
import {
  OrderReleaseEntity, PickListEntity, RecountRequestEntity, ReservationEntity, ShipmentEntity, SkuEntity, StockLevelEntity, StockMovementEntity, WarehouseEntity,
} from '../infra/persistence/inventory.entities.js';

const iso = (d: Date) => d.toISOString();

@Injectable()
export class StockCommands {
  constructor(private readonly dataSource: DataSource, @Inject(OUTBOX) private readonly outbox: OutboxWriter, private readonly desk: ReservationDesk) {}

  @RpcHandler(InventoryRpc.registerSku, RegisterSkuRequest)
  async registerSku(request: RegisterSkuRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.registerSku, async () => {
        if (await tx.existsBy(SkuEntity, { code: request.code })) {
          throw new DomainError('conflict', 'sku-code-taken', `SKU ${request.code} already exists`, [{ field: 'code', message: 'is already in use' }]);
        }
        const sku = await tx.save(tx.create(SkuEntity, { ...request, packaging: request.packaging ?? null }));
        return { ...sku, createdAt: iso(sku.createdAt) };
      }),
    );
  }

  @RpcHandler(InventoryRpc.listSkus, ListSkusQuery)
  async listSkus(query: ListSkusQuery): Promise<Page<SkuView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(SkuEntity).findAndCount({ order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map((s) => ({ ...s, createdAt: iso(s.createdAt) })), page, pageSize, total };
  }

  /** Goods arriving (opening stock for now): the ledger records the movement, on hand follows. */
  @RpcHandler(InventoryRpc.receiveStock, ReceiveStockRequest)
  async receiveStock(request: ReceiveStockRequest, context: RpcContext) {
    const warehouseCode = request.warehouseCode ?? DEFAULT_WAREHOUSE;
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.receiveStock, async () => {
        if (!(await tx.existsBy(SkuEntity, { code: request.sku }))) throw new DomainError('rule_violated', 'unknown-sku', `No SKU ${request.sku}`, [{ field: 'sku', message: 'names no SKU' }]);
        if (!(await tx.existsBy(WarehouseEntity, { code: warehouseCode }))) throw new DomainError('rule_violated', 'unknown-warehouse', `No warehouse ${warehouseCode}`, [{ field: 'warehouseCode', message: 'names no warehouse' }]);
        await tx.save(tx.create(StockMovementEntity, { skuCode: request.sku, warehouseCode, quantity: request.quantity, kind: 'receipt', documentRef: request.reference, actorId: context.actor.userId }));
        await tx.query(
          `INSERT INTO stock_levels (sku_code, warehouse_code, on_hand, reserved) VALUES ($1, $2, $3, 0)
           ON CONFLICT (sku_code, warehouse_code) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand`,
          [request.sku, warehouseCode, request.quantity],
        );
        // Arrived stock goes to waiting backorders first, in order of registration.
        await this.desk.fillBackorders(tx, request.sku, context.actor, { requestId: context.requestId });
        const [now]: Array<{ on_hand: number; reserved: number }> = await tx.query(`SELECT on_hand, reserved FROM stock_levels WHERE sku_code = $1 AND warehouse_code = $2`, [request.sku, warehouseCode]);
        return { sku: request.sku, warehouseCode, onHand: now.on_hand, reserved: now.reserved, available: now.on_hand - now.reserved };
      }),
    );
  }

  @RpcHandler(InventoryRpc.listStock, ListStockQuery)
  async listStock(query: ListStockQuery): Promise<Page<StockLevelView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(StockLevelEntity).findAndCount({
      where: query.sku ? { skuCode: query.sku } : {},
      order: { skuCode: 'ASC', warehouseCode: 'ASC' },
      skip: offset,
      take: pageSize,
    });
    return { items: rows.map((l) => ({ sku: l.skuCode, warehouseCode: l.warehouseCode, onHand: l.onHand, reserved: l.reserved, available: l.onHand - l.reserved })), page, pageSize, total };
  }

  @RpcHandler(InventoryRpc.listReservations, ListReservationsQuery)
  async listReservations(query: ListReservationsQuery): Promise<Page<ReservationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(ReservationEntity).findAndCount({
      where: query.orderId ? { orderId: query.orderId } : {},
      order: { id: 'ASC' },
      skip: offset,
      take: pageSize,
    });
    return { items: rows.map((r) => ({ orderId: r.orderId, sku: r.skuCode, warehouseCode: r.warehouseCode, quantity: r.quantity, status: r.status, createdAt: iso(r.createdAt) })), page, pageSize, total };
  }

  /** Ships what was reserved for a released order: stock leaves the ledger, the others are told. */
  @RpcHandler(InventoryRpc.shipOrder, ShipOrderRequest)
  async shipOrder(request: ShipOrderRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.shipOrder, async () => {
        const reservations = await tx.find(ReservationEntity, { where: { orderId: request.orderId }, order: { skuCode: 'ASC' }, lock: { mode: 'pessimistic_write' } });
        const released = await tx.existsBy(OrderReleaseEntity, { orderId: request.orderId });
        const lines = planShipment({
          orderId: request.orderId,
          released,
          pieces: request.pieces,
          reservations: reservations.map((r) => ({ sku: r.skuCode, warehouseCode: r.warehouseCode, quantity: r.quantity, status: r.status })),
        });
        // What leaves is what was picked, verified by a second keeper and packed.
        const packed = await tx.findOne(PickListEntity, { where: { orderId: request.orderId, status: 'packed' }, lock: { mode: 'pessimistic_write' } });
        if (!packed) throw new DomainError('rule_violated', 'not-packed', `Order ${request.orderId} has no packed pick list: pick, verify and pack it first`);
        if (packed.pieces !== request.pieces) {
          throw new DomainError('rule_violated', 'pieces-differ', `Pick list ${packed.number} was packed into ${packed.pieces} pieces, not ${request.pieces}`, [{ field: 'pieces', message: `must be ${packed.pieces}, as packed` }]);
        }
        Object.assign(packed, markShipped(packed));
        await tx.save(packed);
        const number = await nextDocumentNumber(tx, 'SH', businessYear());
        for (const line of lines) {
          await tx.query(
            `UPDATE stock_levels SET on_hand = on_hand - $3, reserved = reserved - $3 WHERE sku_code = $1 AND warehouse_code = $2`,
            [line.sku, line.warehouseCode, line.quantity],
          );
          await tx.save(tx.create(StockMovementEntity, { skuCode: line.sku, warehouseCode: line.warehouseCode, quantity: -line.quantity, kind: 'shipment', documentRef: number, actorId: context.actor.userId }));
        }
        await tx.update(ReservationEntity, { orderId: request.orderId, status: 'reserved' }, { status: 'shipped' });
        const shipment = await tx.save(tx.create(ShipmentEntity, {
          id: uuidv7(), number, orderId: request.orderId, carrier: request.carrier, trackingNumber: request.trackingNumber,
          pieces: request.pieces, lines: lines.map(({ sku, warehouseCode, quantity }) => ({ sku, warehouseCode, quantity })), shippedBy: context.actor.userId, shippedAt: new Date(),
          deliverySignedBy: null, deliveredAt: null, pickListId: packed.id,
        }));
        await this.outbox.append(tx, GoodsShipped, {
          aggregateId: shipment.id,
          actor: context.actor,
          cause: { requestId: context.requestId },
          data: {
            shipmentId: shipment.id, shipmentNumber: number, orderId: shipment.orderId, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber,
            pieces: shipment.pieces, shippedAt: iso(shipment.shippedAt), lines: shipment.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })),
          },
        });
        return shipmentView(shipment);
      }),
    );
  }

  /** The customer signed the delivery receipt: kept with the shipment, and sales is told. */
  @RpcHandler(InventoryRpc.confirmDelivery, ConfirmDeliveryRequest)
  async confirmDelivery(request: ConfirmDeliveryRequest, context: RpcContext) {
    return this.dataSource.transaction(async (tx) => {
      const shipment = await tx.findOne(ShipmentEntity, { where: { id: request.shipmentId }, lock: { mode: 'pessimistic_write' } });
      if (!shipment) throw new DomainError('not_found', 'shipment-not-found', `No shipment ${request.shipmentId}`);
      if (shipment.deliveredAt) throw new DomainError('conflict', 'already-delivered', `Shipment ${shipment.number} was signed for by ${shipment.deliverySignedBy} at ${iso(shipment.deliveredAt)}`);
      const signedAt = request.signedAt ? new Date(request.signedAt) : new Date();
      if (signedAt.getTime() < shipment.shippedAt.getTime()) {
        throw new DomainError('invalid', 'signed-before-shipping', 'The delivery receipt cannot be signed before the goods shipped', [{ field: 'signedAt', message: 'is before the shipment left' }]);
      }
      shipment.deliverySignedBy = request.signedBy;
      shipment.deliveredAt = signedAt;
      await tx.save(shipment);
      await this.outbox.append(tx, DeliveryConfirmed, {
        aggregateId: shipment.id,
        actor: context.actor,
        cause: { requestId: context.requestId },
        data: { shipmentId: shipment.id, orderId: shipment.orderId, signedBy: request.signedBy, signedAt: iso(signedAt) },
      });
      return shipmentView(shipment);
    });
  }

  @RpcHandler(InventoryRpc.listShipments, ListShipmentsQuery)
  async listShipments(query: ListShipmentsQuery): Promise<Page<ShipmentView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(ShipmentEntity).findAndCount({
      where: query.orderId ? { orderId: query.orderId } : {},
      order: { shippedAt: 'DESC' },
      skip: offset,
      take: pageSize,
    });
    return { items: rows.map(shipmentView), page, pageSize, total };
  }

  @RpcHandler(InventoryRpc.listRecountRequests, ListRecountRequestsQuery)
  async listRecountRequests(query: ListRecountRequestsQuery): Promise<Page<RecountRequestView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(RecountRequestEntity).findAndCount({ order: { id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((r) => ({ ...r, id: Number(r.id), requestedAt: iso(r.requestedAt) })), page, pageSize, total };
  }
}

function shipmentView(s: ShipmentEntity): ShipmentView {
  return {
    id: s.id, number: s.number, orderId: s.orderId, carrier: s.carrier, trackingNumber: s.trackingNumber, pieces: s.pieces, lines: s.lines,
    shippedBy: s.shippedBy, shippedAt: iso(s.shippedAt), deliverySignedBy: s.deliverySignedBy ?? null, deliveredAt: s.deliveredAt ? iso(s.deliveredAt) : null,
  };
}

import { Inject, Injectable } from '@nestjs/common';
import {
  businessYear, ConfirmDeliveryRequest, DeliveryConfirmed, DomainError, GoodsShipped, InventoryRpc, ListRecountRequestsQuery, ListReservationsQuery, ListShipmentsQuery,
  ListSkusQuery, ListStockQuery, pageWindow, RegisterSkuRequest, ShipOrderRequest, type Page,
  type RecountRequestView, type ReservationView, type ShipmentView, type SkuView, type StockLevelView,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { markShipped } from '../domain/pick-list.js';
import { planShipment } from '../domain/shipment.js';
import { assertReleased, reservedLine } from './outbound-checks.js';
import {
  PickListEntity, RecountRequestEntity, ReservationEntity, ShipmentEntity, SkuEntity, StockLevelEntity, StockMovementEntity,
} from '../infra/persistence/inventory.entities.js';

const iso = (d: Date) => d.toISOString();

@Injectable()
export class StockCommands {
  constructor(private readonly dataSource: DataSource, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

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
    return { items: rows.map((r) => ({ orderId: r.orderId, sku: r.skuCode, warehouseCode: r.warehouseCode, quantity: r.quantity, shippedQuantity: r.shippedQuantity, status: r.status, createdAt: iso(r.createdAt) })), page, pageSize, total };
  }

  /** Ships what was reserved for a released order: stock leaves the ledger, the others are told. */
  @RpcHandler(InventoryRpc.shipOrder, ShipOrderRequest)
  async shipOrder(request: ShipOrderRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.shipOrder, async () => {
        const reservations = await tx.find(ReservationEntity, { where: { orderId: request.orderId }, order: { skuCode: 'ASC' }, lock: { mode: 'pessimistic_write' } });
        await assertReleased(tx, request.orderId);
        // What leaves is what was picked, verified by a second keeper and packed.
        const packed = await tx.findOne(PickListEntity, { where: { orderId: request.orderId, status: 'packed' }, lock: { mode: 'pessimistic_write' } });
        if (!packed) {
          if (reservations.length > 0 && reservations.every((r) => r.status !== 'reserved')) throw new DomainError('conflict', 'order-already-shipped', `Order ${request.orderId} has nothing left to ship`);
          throw new DomainError('rule_violated', 'not-packed', `Order ${request.orderId} has no packed pick list: pick, verify and pack it first`);
        }
        const { lines, complete } = planShipment({ orderId: request.orderId, pieces: request.pieces, reservations: reservations.map(reservedLine), packed: packed.lines });
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
        }
        // The units leave the lots they were picked from; a lot another shipment emptied first is refused, not driven negative.
        for (const [i, pick] of packed.picks.entries()) {
          const warehouseCode = lines.find((l) => l.sku === pick.sku)!.warehouseCode;
          const [, updated]: [unknown[], number] = await tx.query(
            `UPDATE stock_lots SET on_hand = on_hand - $5 WHERE sku_code = $1 AND warehouse_code = $2 AND location = $3 AND batch = $4 AND on_hand >= $5`,
            [pick.sku, warehouseCode, pick.location, pick.batch, pick.quantity],
          );
          if (updated !== 1) {
            throw new DomainError('rule_violated', 'lot-short', `Pick list ${packed.number} took ${pick.quantity} of ${pick.sku} from ${pick.location}${pick.batch ? ` batch ${pick.batch}` : ''}, which no longer holds them: recount that location`, [{ field: `picks[${i}]`, message: 'not on hand any more' }]);
          }
          await tx.insert(StockMovementEntity, {
            skuCode: pick.sku, warehouseCode, location: pick.location, batch: pick.batch, quantity: -pick.quantity, kind: 'shipment', documentRef: number, actorId: context.actor.userId,
          });
        }
        for (const line of lines) {
          await tx.query(
            `UPDATE reservations SET shipped_quantity = shipped_quantity + $4, status = CASE WHEN shipped_quantity + $4 = quantity THEN 'shipped' ELSE status END
              WHERE order_id = $1 AND sku_code = $2 AND warehouse_code = $3 AND status = 'reserved'`,
            [request.orderId, line.sku, line.warehouseCode, line.quantity],
          );
        }
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
            pieces: shipment.pieces, shippedAt: iso(shipment.shippedAt), lines: shipment.lines.map((l) => ({ sku: l.sku, quantity: l.quantity })), complete,
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

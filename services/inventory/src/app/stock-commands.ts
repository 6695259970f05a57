import { Injectable } from '@nestjs/common';
import {
  ConfirmDeliveryRequest, InventoryCatalog, ListRecountRequestsQuery, ListReservationsQuery, ListShipmentsQuery, ListSkusQuery, ListStockQuery, pageWindow, RegisterSkuRequest,
  ShipmentIdRequest, ShipOrderRequest, type LowStockView, type Page, type RecountRequestView, type ReservationView, type ShipmentView, type SkuView, type StockLevelView,
} from '@ops/contracts';
import { businessYear, DomainError } from '@ops/kernel';
import { numberAtCommit, rowsWhere } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { v7 as uuidv7 } from 'uuid';
import { lowStock } from '../domain/low-stock.js';
import { markShipped } from '../domain/pick-list.js';
import { confirmDelivery, dispatch, shippable } from '../domain/shipment.js';
import { PickListEntity, RecountRequestEntity, ReservationEntity, ShipmentEntity, SkuEntity, StockLevelEntity, WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { PickListStore, ShipmentStore } from '../infra/persistence/stores.js';
import { assertReleased, reservedLine } from './outbound-checks.js';

const iso = (d: Date) => d.toISOString();

@Injectable()
export class StockCommands {
  constructor(private readonly ledger: StockLedgerStore, private readonly pickLists: PickListStore, private readonly shipments: ShipmentStore) {}

  @Handles(InventoryCatalog.registerSku)
  async registerSku(request: RegisterSkuRequest, { tx }: CommandContext): Promise<SkuView> {
    if (await tx.existsBy(SkuEntity, { code: request.code })) {
      throw new DomainError('conflict', 'sku-code-taken', `SKU ${request.code} already exists`, [{ field: 'code', message: 'is already in use' }]);
    }
    const sku = await tx.save(tx.create(SkuEntity, { ...request, packaging: request.packaging ?? null, reorderPoint: request.reorderPoint ?? 0 }));
    return { ...sku, createdAt: iso(sku.createdAt) };
  }

  @Handles(InventoryCatalog.listSkus)
  async listSkus(query: ListSkusQuery, { tx }: CommandContext): Promise<Page<SkuView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(SkuEntity, { order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map((s) => ({ ...s, createdAt: iso(s.createdAt) })), page, pageSize, total };
  }

  @Handles(InventoryCatalog.listStock)
  async listStock(query: ListStockQuery, { tx }: CommandContext): Promise<Page<StockLevelView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(StockLevelEntity, {
      where: query.sku ? { skuCode: query.sku } : {},
      order: { skuCode: 'ASC', warehouseCode: 'ASC' },
      skip: offset,
      take: pageSize,
    });
    // Quarantine holds goods that failed inspection: on hand, never available to orders.
    const unsellable = new Set((await tx.findBy(WarehouseEntity, { sellable: false })).map((w) => w.code));
    return {
      items: rows.map((l) => ({ sku: l.skuCode, warehouseCode: l.warehouseCode, onHand: l.onHand, reserved: l.reserved, available: unsellable.has(l.warehouseCode) ? 0 : l.onHand - l.reserved })),
      page, pageSize, total,
    };
  }

  /** The SKUs below their reorder point: stock summed over warehouses the way listStock gives it per warehouse (domain/low-stock.ts decides). */
  @Handles(InventoryCatalog.listLowStock)
  async listLowStock(_: unknown, { tx }: CommandContext): Promise<LowStockView> {
    // The HAVING only narrows what is read; the rule is the domain's.
    const rows: Array<{ code: string; name: string; unit: string; reorder_point: number; on_hand: string; reserved: string }> = await tx.query(
      `SELECT s.code, s.name, s.unit, s.reorder_point, COALESCE(sum(l.on_hand), 0) AS on_hand, COALESCE(sum(l.reserved), 0) AS reserved
         FROM skus s LEFT JOIN stock_levels l ON l.sku_code = s.code AND l.warehouse_code IN (SELECT code FROM warehouses WHERE sellable)
        WHERE s.reorder_point > 0
        GROUP BY s.code
       HAVING COALESCE(sum(l.on_hand - l.reserved), 0) < s.reorder_point`,
    );
    const items = lowStock(rows.map((r) => ({ sku: r.code, name: r.name, unit: r.unit, reorderPoint: r.reorder_point, onHandQuantity: Number(r.on_hand), reservedQuantity: Number(r.reserved) })));
    return { items };
  }

  @Handles(InventoryCatalog.listReservations)
  async listReservations(query: ListReservationsQuery, { tx }: CommandContext): Promise<Page<ReservationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(ReservationEntity, {
      where: query.orderId ? { orderId: query.orderId } : {},
      order: { id: 'ASC' },
      skip: offset,
      take: pageSize,
    });
    return { items: rows.map((r) => ({ orderId: r.orderId, sku: r.skuCode, warehouseCode: r.warehouseCode, quantity: r.quantity, shippedQuantity: r.shippedQuantity, status: r.status, createdAt: iso(r.createdAt) })), page, pageSize, total };
  }

  /**
   * Ships the order's packed pick list: its units leave the lots they were picked from and the
   * order's reservations (the ledger), the list is shipped, and the shipment tells the others.
   */
  @Handles(InventoryCatalog.shipOrder)
  async shipOrder(request: ShipOrderRequest, { tx, actor, cause }: CommandContext): Promise<ShipmentView> {
    const acting = { actor, cause };
    // Asked for at once, in one round trip; Postgres takes the locks in the order asked.
    const [reservations, , [packed = null], figures] = await Promise.all([
      // The order's reservations, locked first: documents before stock, as every command takes them.
      this.ledger.reservationsOf(tx, request.orderId),
      assertReleased(tx, request.orderId),
      // What leaves is what was picked, verified by a second keeper and packed.
      rowsWhere(tx, PickListEntity, "{orderId} = $1 AND {status} = 'packed' LIMIT 1", [request.orderId], { lock: true }),
      // The stock it leaves, read without the lock (the COMMIT's CHECKs refuse figures that moved).
      this.ledger.figuresOfPackedPickList(tx, request.orderId),
    ]);
    const dispatching = {
      id: uuidv7(), orderId: request.orderId, carrier: request.carrier, trackingNumber: request.trackingNumber, pieces: request.pieces,
      shippedBy: actor.userId, shippedAt: new Date(), reservations: reservations.map(reservedLine), packed,
    };
    // Refused before any stock is locked or number drawn: nothing packed, other pieces, reservations that changed.
    shippable(dispatching);
    const list = packed!; // shippable refused an order without one
    const warehouseOf = new Map(list.lines.map((l) => [l.sku, l.warehouseCode]));
    // Drawn with the COMMIT, after the stock: the series' row is not held while the stock is read or waited for.
    const number = await numberAtCommit(tx, 'SH', businessYear());
    await this.ledger.issue(tx, {
      orderId: request.orderId, documentRef: number, figures,
      source: `Pick list ${list.number}`, lineField: 'picks',
      lines: list.picks.map((pick) => ({ ...pick, warehouseCode: warehouseOf.get(pick.sku)! })),
    }, acting);
    const shipment = dispatch({ ...dispatching, number });
    await this.pickLists.apply(tx, list, (state) => markShipped(state, number), acting);
    return shipmentView(await this.shipments.create(tx, shipment, acting));
  }

  /** The customer signed the delivery receipt: kept with the shipment, and sales is told. */
  @Handles(InventoryCatalog.confirmDelivery)
  async confirmDelivery(request: ConfirmDeliveryRequest, { tx, actor, cause }: CommandContext): Promise<ShipmentView> {
    const signedAt = request.signedAt ? new Date(request.signedAt) : new Date();
    const { row } = await this.shipments.change(tx, request.shipmentId, (shipment) => confirmDelivery(shipment, request.signedBy, signedAt), { actor, cause });
    return shipmentView(row);
  }

  @Handles(InventoryCatalog.listShipments)
  async listShipments(query: ListShipmentsQuery, { tx }: CommandContext): Promise<Page<ShipmentView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(ShipmentEntity, {
      where: query.orderId ? { orderId: query.orderId } : {},
      order: { shippedAt: 'DESC' },
      skip: offset,
      take: pageSize,
    });
    return { items: rows.map(shipmentView), page, pageSize, total };
  }

  @Handles(InventoryCatalog.getShipment)
  async getShipment(request: ShipmentIdRequest, { tx }: CommandContext): Promise<ShipmentView> {
    return shipmentView(await this.shipments.get(tx, request.shipmentId, { lock: false }));
  }

  @Handles(InventoryCatalog.listRecountRequests)
  async listRecountRequests(query: ListRecountRequestsQuery, { tx }: CommandContext): Promise<Page<RecountRequestView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(RecountRequestEntity, { order: { id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map((r) => ({ ...r, id: Number(r.id), requestedAt: iso(r.requestedAt) })), page, pageSize, total };
  }
}

function shipmentView(s: ShipmentEntity): ShipmentView {
  return {
    id: s.id, number: s.number, orderId: s.orderId, carrier: s.carrier, trackingNumber: s.trackingNumber, pieces: s.pieces, lines: s.lines,
    shippedBy: s.shippedBy, shippedAt: iso(s.shippedAt), deliverySignedBy: s.deliverySignedBy ?? null, deliveredAt: s.deliveredAt ? iso(s.deliveredAt) : null,
  };
}

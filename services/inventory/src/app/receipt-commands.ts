import { Injectable } from '@nestjs/common';
import {
  CreateLocationRequest, CreateWarehouseRequest, DEFAULT_LOCATION, DEFAULT_WAREHOUSE, InventoryCatalog, ListLocationsQuery, QUARANTINE_LOCATION, QUARANTINE_WAREHOUSE, ListStockLotsQuery, ListStockMovementsQuery,
  ListStockReceiptsQuery, ListWarehousesQuery, pageWindow, ReceiveStockRequest, type IdRequest, type LocationView, type Page, type StockLotView, type StockMovementView,
  type StockReceiptView, type WarehouseView,
} from '@ops/contracts';
import { businessYear, DomainError } from '@ops/kernel';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { receiveAgainst } from '../domain/purchase-order.js';
import {
  auditReceipt, deliveredByLine, isLateReceipt, ledgerLinesOf, purchaseLines, receiptAudited, recordReceipt, refuseOverReceipt,
} from '../domain/stock-receipt.js';
import { refuseInactiveSupplier } from '../domain/supplier.js';
import { LocationEntity, SkuEntity, StockLotEntity, StockMovementEntity, StockReceiptEntity, WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { SupplierEntity } from '../infra/persistence/purchasing.entities.js';
import { PurchaseOrderStore } from '../infra/persistence/purchasing.stores.js';
import { StockReceiptStore } from '../infra/persistence/stores.js';
import { MaterialRequestDesk } from './material-requests.js';
import { ReservationDesk } from './reservation-desk.js';

/** Goods in: a receipt is recorded by a keeper and changes nothing until another person audits it (domain.md §6). */
@Injectable()
export class ReceiptCommands {
  constructor(
    private readonly desk: ReservationDesk, private readonly ledger: StockLedgerStore, private readonly receipts: StockReceiptStore, private readonly orders: PurchaseOrderStore,
    private readonly materials: MaterialRequestDesk,
  ) {}

  @Handles(InventoryCatalog.receiveStock)
  async recordReceipt(request: ReceiveStockRequest, { tx, actor, cause }: CommandContext): Promise<StockReceiptView> {
    const warehouseCode = request.warehouseCode ?? DEFAULT_WAREHOUSE;
    const lines = request.lines.map((l) => ({ ...l, location: l.location ?? DEFAULT_LOCATION, batch: l.batch ?? '' }));
    // Goods come in to a sellable warehouse; quarantine, transit and loans are filled only by their own documents.
    if (!(await tx.existsBy(WarehouseEntity, { code: warehouseCode, sellable: true }))) {
      throw new DomainError('rule_violated', 'unknown-warehouse', `No warehouse ${warehouseCode} that receives goods`, [{ field: 'warehouseCode', message: 'names no sellable warehouse' }]);
    }
    const known = new Set((await tx.findBy(SkuEntity, { code: In(lines.map((l) => l.sku)) })).map((s) => s.code));
    const places = new Set((await tx.findBy(LocationEntity, { warehouseCode })).map((l) => l.code));
    const problems = lines.flatMap((l, i) => [
      ...(known.has(l.sku) ? [] : [{ field: `lines[${i}].sku`, message: `names no SKU (${l.sku})` }]),
      ...(places.has(l.location) ? [] : [{ field: `lines[${i}].location`, message: `names no location of ${warehouseCode} (${l.location})` }]),
    ]);
    if (problems.length) throw new DomainError('rule_violated', 'unknown-sku-or-location', 'Some lines name a SKU or location that does not exist', problems);
    // A purchase receipt: the order it delivers, locked so that a cancellation (which looks for receipts under the same lock) waits for it.
    const order = request.purchaseOrderId ? await this.orders.load(tx, request.purchaseOrderId) : null;
    const supplierId = request.supplierId ?? order?.supplierId ?? null;
    if (supplierId) {
      const supplier = await rowByKey(tx, SupplierEntity, 'id', supplierId, { lock: false });
      if (!supplier) throw new DomainError('rule_violated', 'unknown-supplier', `No supplier ${supplierId}`, [{ field: 'supplierId', message: 'names no supplier' }]);
      refuseInactiveSupplier(supplier);
    }
    const arrivedAt = request.arrivedAt ? new Date(request.arrivedAt) : new Date();
    if (arrivedAt.getTime() > Date.now() + 5 * 60_000) throw new DomainError('rule_violated', 'arrival-in-future', 'Goods cannot arrive in the future', [{ field: 'arrivedAt', message: 'is later than now' }]);
    const step = recordReceipt({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'GR', businessYear()), warehouseCode, reference: request.reference,
      lines: purchaseLines(lines, { supplierId, warehouseCode, order }), createdBy: actor.userId, supplierId, purchaseOrderId: order?.id ?? null, arrivedAt,
    });
    return receiptView(await this.receipts.create(tx, step, { actor, cause }));
  }

  /**
   * The audit posts the ledger, the lots and the warehouse totals, and serves waiting backorders first. A purchase
   * receipt also counts its lines into the order (locked: a document, before any stock), rejected goods go to
   * quarantine, and finance is told the payable, all in this one transaction.
   */
  @Handles(InventoryCatalog.auditStockReceipt)
  async auditReceipt(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<StockReceiptView> {
    const acting = { actor, cause };
    const { row: receipt } = await this.receipts.change(tx, request.id, async (r) => {
      const audited = auditReceipt(r, actor.userId);
      const order = r.purchaseOrderId
        ? (await this.orders.changeWithLines(tx, r.purchaseOrderId, (po) => {
          refuseOverReceipt(po, r, actor.roles);
          return receiveAgainst(po, r.number, deliveredByLine(r.lines));
        }, acting)).row
        : null;
      // The order came in full: the material requests bought on it are received.
      if (order) await this.materials.receivedWith(tx, order, r.number, acting);
      const paid = receiptAudited(audited.state, order);
      return { ...audited, events: paid ? [paid] : [] };
    }, acting);
    const { accepted, rejected } = ledgerLinesOf(receipt.lines);
    // The backorder line is taken before the stock arrives, with every SKU it may need locked in one sweep.
    const line = await this.desk.lineFor(tx, receipt.lines.map((l) => l.sku));
    if (accepted.length) await this.ledger.receive(tx, { warehouseCode: receipt.warehouseCode, documentRef: receipt.number, lines: accepted }, acting);
    // Goods that failed inspection are received, but into quarantine: never reserved, picked or counted as available.
    if (rejected.length) {
      await this.ledger.receive(tx, { warehouseCode: QUARANTINE_WAREHOUSE, documentRef: receipt.number, lines: rejected.map((l) => ({ ...l, location: QUARANTINE_LOCATION })) }, acting);
    }
    // Arrived stock goes to waiting backorders first, in order of registration (domain.md §4.5).
    await this.desk.serve(tx, line, acting);
    return receiptView(receipt);
  }

  @Handles(InventoryCatalog.listStockReceipts)
  async listReceipts(query: ListStockReceiptsQuery, { tx }: CommandContext): Promise<Page<StockReceiptView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const q = tx.createQueryBuilder(StockReceiptEntity, 'r');
    if (query.status) q.andWhere('r.status = :status', { status: query.status });
    if (query.supplierId) q.andWhere('r.supplierId = :supplierId', { supplierId: query.supplierId });
    if (query.purchaseOrderId) q.andWhere('r.purchaseOrderId = :purchaseOrderId', { purchaseOrderId: query.purchaseOrderId });
    if (query.late) q.andWhere(`${LATE} = :late`, { late: query.late === 'true' });
    const [rows, total] = await q.orderBy('r.createdAt', 'DESC').addOrderBy('r.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map(receiptView), page, pageSize, total };
  }

  @Handles(InventoryCatalog.listStockLots)
  async listLots(query: ListStockLotsQuery, { tx }: CommandContext): Promise<Page<StockLotView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<StockLotEntity> = {};
    if (query.sku) where.skuCode = query.sku;
    if (query.warehouseCode) where.warehouseCode = query.warehouseCode;
    if (query.location) where.location = query.location;
    if (query.batch) where.batch = query.batch;
    const [rows, total] = await tx.findAndCount(StockLotEntity, {
      where, order: { skuCode: 'ASC', warehouseCode: 'ASC', since: 'ASC', location: 'ASC', batch: 'ASC' }, skip: offset, take: pageSize,
    });
    const items = rows.map((l) => ({ sku: l.skuCode, warehouseCode: l.warehouseCode, location: l.location, batch: l.batch || null, onHand: l.onHand, since: l.since.toISOString() }));
    return { items, page, pageSize, total };
  }

  /** The stock ledger itself, oldest first: every movement with its document. */
  @Handles(InventoryCatalog.listStockMovements)
  async listMovements(query: ListStockMovementsQuery, { tx }: CommandContext): Promise<Page<StockMovementView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<StockMovementEntity> = {};
    if (query.sku) where.skuCode = query.sku;
    if (query.documentRef) where.documentRef = query.documentRef;
    const [rows, total] = await tx.findAndCount(StockMovementEntity, { where, order: { id: 'ASC' }, skip: offset, take: pageSize });
    const items = rows.map((m) => ({
      id: m.id, sku: m.skuCode, warehouseCode: m.warehouseCode, location: m.location, batch: m.batch || null, quantity: m.quantity, kind: m.kind,
      documentRef: m.documentRef, actorId: m.actorId, occurredAt: m.occurredAt.toISOString(),
    }));
    return { items, page, pageSize, total };
  }

  /** A new warehouse, with its default location; orders are reserved in the main warehouse first, then the others by code. */
  @Handles(InventoryCatalog.createWarehouse)
  async createWarehouse(request: CreateWarehouseRequest, { tx }: CommandContext): Promise<WarehouseView> {
    if (await tx.existsBy(WarehouseEntity, { code: request.code })) {
      throw new DomainError('conflict', 'warehouse-exists', `Warehouse ${request.code} already exists`, [{ field: 'code', message: 'is already in use' }]);
    }
    const kind = request.kind ?? 'warehouse';
    await tx.insert(WarehouseEntity, { code: request.code, name: request.name, kind });
    await tx.insert(LocationEntity, { warehouseCode: request.code, code: DEFAULT_LOCATION, name: 'Main stock area' });
    return { code: request.code, name: request.name, kind, sellable: true };
  }

  @Handles(InventoryCatalog.listWarehouses)
  async listWarehouses(query: ListWarehousesQuery, { tx }: CommandContext): Promise<Page<WarehouseView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(WarehouseEntity, { order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map((w) => ({ code: w.code, name: w.name, kind: w.kind, sellable: w.sellable })), page, pageSize, total };
  }

  @Handles(InventoryCatalog.createLocation)
  async createLocation(request: CreateLocationRequest, { tx }: CommandContext): Promise<LocationView> {
    const warehouseCode = request.warehouseCode ?? DEFAULT_WAREHOUSE;
    if (!(await tx.existsBy(WarehouseEntity, { code: warehouseCode }))) throw new DomainError('rule_violated', 'unknown-warehouse', `No warehouse ${warehouseCode}`, [{ field: 'warehouseCode', message: 'names no warehouse' }]);
    if (await tx.existsBy(LocationEntity, { warehouseCode, code: request.code })) {
      throw new DomainError('conflict', 'location-exists', `Location ${warehouseCode}/${request.code} already exists`, [{ field: 'code', message: 'is already in use in this warehouse' }]);
    }
    const location = await tx.save(tx.create(LocationEntity, { warehouseCode, code: request.code, name: request.name }));
    return { warehouseCode: location.warehouseCode, code: location.code, name: location.name };
  }

  @Handles(InventoryCatalog.listLocations)
  async listLocations(query: ListLocationsQuery, { tx }: CommandContext): Promise<Page<LocationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(LocationEntity, {
      where: query.warehouseCode ? { warehouseCode: query.warehouseCode } : {}, order: { warehouseCode: 'ASC', code: 'ASC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map((l) => ({ warehouseCode: l.warehouseCode, code: l.code, name: l.name })), page, pageSize, total };
  }
}

/**
 * Late, as isLateReceipt says it in SQL: more than one working day (Monday to Friday) after the day the goods arrived,
 * up to the day the receipt was recorded, both on the Asia/Shanghai calendar.
 */
const LATE = `(r.arrived_at IS NOT NULL AND (
  SELECT count(*) FROM generate_series((r.arrived_at AT TIME ZONE 'Asia/Shanghai')::date + 1, (r.created_at AT TIME ZONE 'Asia/Shanghai')::date, interval '1 day') AS d
   WHERE extract(isodow FROM d) < 6) > 1)`;

function receiptView(r: StockReceiptEntity): StockReceiptView {
  return {
    id: r.id, number: r.number, warehouseCode: r.warehouseCode, reference: r.reference, status: r.status,
    lines: r.lines.map((l) => ({ ...l, batch: l.batch || null })), createdBy: r.createdBy, createdAt: r.createdAt.toISOString(),
    auditedBy: r.auditedBy, auditedAt: r.auditedAt ? r.auditedAt.toISOString() : null,
    supplierId: r.supplierId ?? null, purchaseOrderId: r.purchaseOrderId ?? null, arrivedAt: r.arrivedAt?.toISOString() ?? null, late: isLateReceipt(r.arrivedAt, r.createdAt),
  };
}

import { Injectable } from '@nestjs/common';
import {
  businessYear, CreateLocationRequest, CreateWarehouseRequest, DEFAULT_LOCATION, DEFAULT_WAREHOUSE, DomainError, InventoryRpc, ListLocationsQuery, ListStockLotsQuery, ListWarehousesQuery, ListStockMovementsQuery, ListStockReceiptsQuery,
  pageWindow, ReceiveStockRequest, StockReceiptIdRequest, type LocationView, type Page, type StockLotView, type StockMovementView, type StockReceiptView, type WarehouseView,
} from '@ops/contracts';
import type { RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { RpcHandler } from '@ops/service-kit';
import { DataSource, In, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { auditReceipt } from '../domain/stock-receipt.js';
import { LocationEntity, SkuEntity, StockLotEntity, StockMovementEntity, StockReceiptEntity, WarehouseEntity } from '../infra/persistence/inventory.entities.js';
import { ReservationDesk } from './reservation-desk.js';

/** Goods in: a receipt is recorded by a keeper and changes nothing until another person audits it (DESIGN §6). */
@Injectable()
export class ReceiptCommands {
  constructor(private readonly dataSource: DataSource, private readonly desk: ReservationDesk) {}

  @RpcHandler(InventoryRpc.receiveStock, ReceiveStockRequest)
  async recordReceipt(request: ReceiveStockRequest, context: RpcContext): Promise<StockReceiptView> {
    const warehouseCode = request.warehouseCode ?? DEFAULT_WAREHOUSE;
    const lines = request.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, location: l.location ?? DEFAULT_LOCATION, batch: l.batch ?? '' }));
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.receiveStock, async () => {
        if (!(await tx.existsBy(WarehouseEntity, { code: warehouseCode }))) throw new DomainError('rule_violated', 'unknown-warehouse', `No warehouse ${warehouseCode}`, [{ field: 'warehouseCode', message: 'names no warehouse' }]);
        const known = new Set((await tx.findBy(SkuEntity, { code: In(lines.map((l) => l.sku)) })).map((s) => s.code));
        const places = new Set((await tx.findBy(LocationEntity, { warehouseCode })).map((l) => l.code));
        const problems = lines.flatMap((l, i) => [
          ...(known.has(l.sku) ? [] : [{ field: `lines[${i}].sku`, message: `names no SKU (${l.sku})` }]),
          ...(places.has(l.location) ? [] : [{ field: `lines[${i}].location`, message: `names no location of ${warehouseCode} (${l.location})` }]),
        ]);
        if (problems.length) throw new DomainError('rule_violated', 'unknown-sku-or-location', 'Some lines name a SKU or location that does not exist', problems);
        const receipt = tx.create(StockReceiptEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'GR', businessYear()), warehouseCode, reference: request.reference, status: 'saved',
          lines, createdBy: context.actor.userId, auditedBy: null, auditedAt: null,
        });
        return receiptView(await tx.save(receipt));
      }),
    );
  }

  /** The audit posts the ledger, the lots and the warehouse totals, and serves waiting backorders first. */
  @RpcHandler(InventoryRpc.auditStockReceipt, StockReceiptIdRequest)
  auditReceipt(request: StockReceiptIdRequest, context: RpcContext): Promise<StockReceiptView> {
    return this.dataSource.transaction(async (tx) => {
      const receipt = await tx.findOne(StockReceiptEntity, { where: { id: request.id }, lock: { mode: 'pessimistic_write' } });
      if (!receipt) throw new DomainError('not_found', 'receipt-not-found', `No goods receipt ${request.id}`);
      Object.assign(receipt, auditReceipt(receipt, context.actor.userId), { auditedBy: context.actor.userId, auditedAt: new Date() });
      await tx.save(receipt);
      const { warehouseCode } = receipt;
      // In SKU order, the order every locker of stock rows keeps, so concurrent audits and reservations never deadlock.
      for (const line of [...receipt.lines].sort((a, b) => a.sku.localeCompare(b.sku))) {
        await tx.insert(StockMovementEntity, {
          skuCode: line.sku, warehouseCode, location: line.location, batch: line.batch, quantity: line.quantity, kind: 'receipt', documentRef: receipt.number, actorId: context.actor.userId,
        });
        await tx.query(
          `INSERT INTO stock_lots (sku_code, warehouse_code, location, batch, on_hand) VALUES ($1, $2, $3, $4, $5)
           ON CONFLICT (sku_code, warehouse_code, location, batch) DO UPDATE SET on_hand = stock_lots.on_hand + EXCLUDED.on_hand`,
          [line.sku, warehouseCode, line.location, line.batch, line.quantity],
        );
        await tx.query(
          `INSERT INTO stock_levels (sku_code, warehouse_code, on_hand, reserved) VALUES ($1, $2, $3, 0)
           ON CONFLICT (sku_code, warehouse_code) DO UPDATE SET on_hand = stock_levels.on_hand + EXCLUDED.on_hand`,
          [line.sku, warehouseCode, line.quantity],
        );
      }
      // Arrived stock goes to waiting backorders first, in order of registration (DESIGN §4.5).
      for (const sku of [...new Set(receipt.lines.map((l) => l.sku))].sort()) {
        await this.desk.fillBackorders(tx, sku, context.actor, { requestId: context.requestId });
      }
      return receiptView(receipt);
    });
  }

  @RpcHandler(InventoryRpc.listStockReceipts, ListStockReceiptsQuery)
  async listReceipts(query: ListStockReceiptsQuery): Promise<Page<StockReceiptView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(StockReceiptEntity).findAndCount({
      where: query.status ? { status: query.status } : {}, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map(receiptView), page, pageSize, total };
  }

  @RpcHandler(InventoryRpc.listStockLots, ListStockLotsQuery)
  async listLots(query: ListStockLotsQuery): Promise<Page<StockLotView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<StockLotEntity> = {};
    if (query.sku) where.skuCode = query.sku;
    if (query.warehouseCode) where.warehouseCode = query.warehouseCode;
    if (query.location) where.location = query.location;
    if (query.batch) where.batch = query.batch;
    const [rows, total] = await this.dataSource.getRepository(StockLotEntity).findAndCount({
      where, order: { skuCode: 'ASC', warehouseCode: 'ASC', since: 'ASC', location: 'ASC', batch: 'ASC' }, skip: offset, take: pageSize,
    });
    const items = rows.map((l) => ({ sku: l.skuCode, warehouseCode: l.warehouseCode, location: l.location, batch: l.batch || null, onHand: l.onHand, since: l.since.toISOString() }));
    return { items, page, pageSize, total };
  }

  /** The stock ledger itself, oldest first: every movement with its document. */
  @RpcHandler(InventoryRpc.listStockMovements, ListStockMovementsQuery)
  async listMovements(query: ListStockMovementsQuery): Promise<Page<StockMovementView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<StockMovementEntity> = {};
    if (query.sku) where.skuCode = query.sku;
    if (query.documentRef) where.documentRef = query.documentRef;
    const [rows, total] = await this.dataSource.getRepository(StockMovementEntity).findAndCount({ where, order: { id: 'ASC' }, skip: offset, take: pageSize });
    const items = rows.map((m) => ({
      id: m.id, sku: m.skuCode, warehouseCode: m.warehouseCode, location: m.location, batch: m.batch || null, quantity: m.quantity, kind: m.kind,
      documentRef: m.documentRef, actorId: m.actorId, occurredAt: m.occurredAt.toISOString(),
    }));
    return { items, page, pageSize, total };
  }

  /** A new warehouse, with its default location; orders are reserved in the main warehouse first, then the others by code. */
  @RpcHandler(InventoryRpc.createWarehouse, CreateWarehouseRequest)
  async createWarehouse(request: CreateWarehouseRequest, context: RpcContext): Promise<WarehouseView> {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.createWarehouse, async () => {
        if (await tx.existsBy(WarehouseEntity, { code: request.code })) {
          throw new DomainError('conflict', 'warehouse-exists', `Warehouse ${request.code} already exists`, [{ field: 'code', message: 'is already in use' }]);
        }
        await tx.insert(WarehouseEntity, { code: request.code, name: request.name });
        await tx.insert(LocationEntity, { warehouseCode: request.code, code: DEFAULT_LOCATION, name: 'Main stock area' });
        return { code: request.code, name: request.name };
      }),
    );
  }

  @RpcHandler(InventoryRpc.listWarehouses, ListWarehousesQuery)
  async listWarehouses(query: ListWarehousesQuery): Promise<Page<WarehouseView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(WarehouseEntity).findAndCount({ order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map((w) => ({ code: w.code, name: w.name })), page, pageSize, total };
  }

  @RpcHandler(InventoryRpc.createLocation, CreateLocationRequest)
  async createLocation(request: CreateLocationRequest, context: RpcContext): Promise<LocationView> {
    const warehouseCode = request.warehouseCode ?? DEFAULT_WAREHOUSE;
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.createLocation, async () => {
        if (!(await tx.existsBy(WarehouseEntity, { code: warehouseCode }))) throw new DomainError('rule_violated', 'unknown-warehouse', `No warehouse ${warehouseCode}`, [{ field: 'warehouseCode', message: 'names no warehouse' }]);
        if (await tx.existsBy(LocationEntity, { warehouseCode, code: request.code })) {
          throw new DomainError('conflict', 'location-exists', `Location ${warehouseCode}/${request.code} already exists`, [{ field: 'code', message: 'is already in use in this warehouse' }]);
        }
        const location = await tx.save(tx.create(LocationEntity, { warehouseCode, code: request.code, name: request.name }));
        return { warehouseCode: location.warehouseCode, code: location.code, name: location.name };
      }),
    );
  }

  @RpcHandler(InventoryRpc.listLocations, ListLocationsQuery)
  async listLocations(query: ListLocationsQuery): Promise<Page<LocationView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await this.dataSource.getRepository(LocationEntity).findAndCount({
      where: query.warehouseCode ? { warehouseCode: query.warehouseCode } : {}, order: { warehouseCode: 'ASC', code: 'ASC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map((l) => ({ warehouseCode: l.warehouseCode, code: l.code, name: l.name })), page, pageSize, total };
  }
}

function receiptView(r: StockReceiptEntity): StockReceiptView {
  return {
    id: r.id, number: r.number, warehouseCode: r.warehouseCode, reference: r.reference, status: r.status,
    lines: r.lines.map((l) => ({ ...l, batch: l.batch || null })), createdBy: r.createdBy, createdAt: r.createdAt.toISOString(),
    auditedBy: r.auditedBy, auditedAt: r.auditedAt ? r.auditedAt.toISOString() : null,
  };
}

import { Injectable } from '@nestjs/common';
import {
  DEFAULT_WAREHOUSE, InventoryCatalog, pageWindow,
  type CancelMaterialRequestRequest, type IdRequest, type ListMaterialRequestsQuery, type MaterialRequestView, type Page, type PurchaseMaterialsRequest, type PurchaseOrderView,
} from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In } from 'typeorm';
import { cancelMaterialRequest, orderMaterialRequest, purchaseLinesFor } from '../domain/material-request.js';
import { MaterialRequestEntity } from '../infra/persistence/material-requests.entities.js';
import { MaterialRequestStore } from '../infra/persistence/material-requests.stores.js';
import { materialRequestView } from './material-requests.js';
import { PurchasingCommands } from './purchasing-commands.js';

/** Purchasing's side of material requests: the list, buying them on a purchase order, cancelling one. */
@Injectable()
export class MaterialRequestCommands {
  constructor(private readonly requests: MaterialRequestStore, private readonly purchasing: PurchasingCommands) {}

  @Handles(InventoryCatalog.listMaterialRequests)
  async list(query: ListMaterialRequestsQuery, { tx }: CommandContext): Promise<Page<MaterialRequestView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const q = tx.createQueryBuilder(MaterialRequestEntity, 'r');
    if (query.status) q.andWhere('r.status = :status', { status: query.status });
    if (query.productionOrderId) q.andWhere('r.productionOrderId = :productionOrderId', { productionOrderId: query.productionOrderId });
    if (query.purchaseOrderId) q.andWhere('r.purchaseOrderId = :purchaseOrderId', { purchaseOrderId: query.purchaseOrderId });
    if (query.sku) q.andWhere('r.sku = :sku', { sku: query.sku });
    // Oldest first: the order purchasing should buy them in.
    const [rows, total] = await q.orderBy('r.createdAt', 'ASC').addOrderBy('r.number', 'ASC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map(materialRequestView), page, pageSize, total };
  }

  @Handles(InventoryCatalog.getMaterialRequest)
  async get(request: IdRequest, { tx }: CommandContext): Promise<MaterialRequestView> {
    return materialRequestView(await this.requests.get(tx, request.id, { lock: false }));
  }

  /**
   * The requests are locked (in id order, so two purchases of overlapping requests queue) and checked open
   * before the draft is made; the draft is the purchasing command's own, with its checks and numbering.
   */
  @Handles(InventoryCatalog.purchaseMaterials)
  async purchase(request: PurchaseMaterialsRequest, { tx, actor, cause }: CommandContext): Promise<PurchaseOrderView> {
    const acting = { actor, cause };
    const ids = [...new Set(request.lines.map((l) => l.materialRequestId))].sort();
    const rows = await tx.find(MaterialRequestEntity, { where: { id: In(ids) }, order: { id: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    const lines = purchaseLinesFor(rows, request.lines);
    const promisedDate = request.promisedDate ?? businessDate();
    const order = await this.purchasing.draft(tx, {
      supplierId: request.supplierId, prepaymentFen: request.prepaymentFen,
      lines: lines.map((l) => ({ sku: l.sku, warehouseCode: request.warehouseCode ?? DEFAULT_WAREHOUSE, quantity: l.quantity, unitPriceFen: l.unitPriceFen, promisedDate })),
    }, acting);
    for (const row of rows) await this.requests.apply(tx, row, (r) => orderMaterialRequest(r, order), acting);
    return order;
  }

  @Handles(InventoryCatalog.cancelMaterialRequest)
  async cancel(request: CancelMaterialRequestRequest, { tx, actor, cause }: CommandContext): Promise<MaterialRequestView> {
    const { row } = await this.requests.change(tx, request.id, (r) => cancelMaterialRequest(r, actor.userId, request.reason), { actor, cause });
    return materialRequestView(row);
  }
}

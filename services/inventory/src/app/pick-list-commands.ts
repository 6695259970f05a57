import { Injectable } from '@nestjs/common';
import {
  businessYear, CreatePickListRequest, DomainError, InventoryRpc, ListPickListsQuery, PackRequest, pageWindow, PickCountsRequest,
  type Page, type PickListView,
} from '@ops/contracts';
import type { RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { RpcHandler } from '@ops/service-kit';
import { DataSource, In, Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { pack, recordPick, verifyPick } from '../domain/pick-list.js';
import { planPick } from '../domain/shipment.js';
import { assertReleased, reservedLine } from './outbound-checks.js';
import { PickListEntity, ReservationEntity, StockLotEntity } from '../infra/persistence/inventory.entities.js';

/** Pick → verify (another keeper) → pack, each step a command on the order's pick list. */
@Injectable()
export class PickListCommands {
  constructor(private readonly dataSource: DataSource) {}

  /** A pick list is made from the stock reserved for a released (paid) order. */
  @RpcHandler(InventoryRpc.createPickList, CreatePickListRequest)
  async createPickList(request: CreatePickListRequest, context: RpcContext): Promise<PickListView> {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, InventoryRpc.createPickList, async () => {
        await assertReleased(tx, request.orderId);
        // The order's reservation rows, locked, make two keepers asking at once queue here.
        const reserved = await tx.find(ReservationEntity, { where: { orderId: request.orderId }, order: { skuCode: 'ASC' }, lock: { mode: 'pessimistic_write' } });
        if (await tx.existsBy(PickListEntity, { orderId: request.orderId, status: Not('shipped') })) {
          throw new DomainError('conflict', 'pick-list-exists', `Order ${request.orderId} already has a pick list in progress`);
        }
        const lines = planPick(request.orderId, reserved.map(reservedLine), request.lines);
        const list = await tx.save(tx.create(PickListEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'PK', businessYear()), orderId: request.orderId, status: 'open',
          lines,
          picks: [], pickedBy: null, verifiedBy: null, packedBy: null, pieces: null,
        }));
        return pickListView(list);
      }),
    );
  }

  @RpcHandler(InventoryRpc.recordPick, PickCountsRequest)
  recordPick(request: PickCountsRequest, context: RpcContext): Promise<PickListView> {
    return this.step(request.pickListId, async (list, tx) => {
      const warehouses = [...new Set(list.lines.map((l) => l.warehouseCode))];
      const lots = await tx.findBy(StockLotEntity, { skuCode: In(list.lines.map((l) => l.sku)), warehouseCode: In(warehouses) });
      return recordPick(list, context.actor.userId, request.lines, lots.map((l) => ({ sku: l.skuCode, location: l.location, batch: l.batch, onHand: l.onHand, since: l.since })));
    });
  }

  /** The verifier counts again; the keeper who picked may not (segregation of duties). */
  @RpcHandler(InventoryRpc.verifyPick, PickCountsRequest)
  verifyPick(request: PickCountsRequest, context: RpcContext): Promise<PickListView> {
    return this.step(request.pickListId, async (list) => verifyPick(list, context.actor.userId, request.lines));
  }

  @RpcHandler(InventoryRpc.packPickList, PackRequest)
  pack(request: PackRequest, context: RpcContext): Promise<PickListView> {
    return this.step(request.pickListId, async (list) => pack(list, context.actor.userId, request.pieces));
  }

  @RpcHandler(InventoryRpc.listPickLists, ListPickListsQuery)
  async listPickLists(query: ListPickListsQuery): Promise<Page<PickListView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<PickListEntity> = {};
    if (query.orderId) where.orderId = query.orderId;
    if (query.status) where.status = query.status as PickListEntity['status'];
    const [rows, total] = await this.dataSource.getRepository(PickListEntity).findAndCount({ where, order: { createdAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(pickListView), page, pageSize, total };
  }

  private step(id: string, apply: (list: PickListEntity, tx: EntityManager) => Promise<PickListEntity>): Promise<PickListView> {
    return this.dataSource.transaction(async (tx: EntityManager) => {
      const entity = await tx.findOne(PickListEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!entity) throw new DomainError('not_found', 'pick-list-not-found', `No pick list ${id}`);
      Object.assign(entity, await apply(entity, tx));
      return pickListView(await tx.save(entity));
    });
  }
}

export function pickListView(p: PickListEntity): PickListView {
  return {
    id: p.id, number: p.number, orderId: p.orderId, status: p.status, lines: p.lines,
    picks: p.picks.map((k) => ({ ...k, batch: k.batch || null })), pickedBy: p.pickedBy, verifiedBy: p.verifiedBy,
    packedBy: p.packedBy, pieces: p.pieces, createdAt: p.createdAt.toISOString(),
  };
}

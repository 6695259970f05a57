import { Injectable } from '@nestjs/common';
import {
  CreatePickListRequest, InventoryCatalog, ListPickListsQuery, PackRequest, pageWindow, PickCountsRequest, PickListIdRequest, PickReadinessRequest, type Page, type PickListView,
  type PickReadinessView,
} from '@ops/contracts';
import { businessYear } from '@ops/kernel';
import { numberAtCommit } from '@ops/persistence';
import { ChangeFeed, Handles, type CommandContext } from '@ops/service-kit';
import type { FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { openPickList, pack, recordPick, verifyPick } from '../domain/pick-list.js';
import { assertPickable, pickReadiness } from '../domain/shipment.js';
import { compare } from '../domain/stock-ledger.js';
import { PickListEntity } from '../infra/persistence/inventory.entities.js';
import { readPickGate } from '../infra/persistence/pick-gate.query.js';
import { lotsOfPickList } from '../infra/persistence/pick-lots.query.js';
import { StockLedgerStore } from '../infra/persistence/stock-ledger.store.js';
import { PickListStore } from '../infra/persistence/stores.js';
import { pickGateChanged, reservedLine } from './outbound-checks.js';

/** Pick → verify (another keeper) → pack, each step a command on the order's pick list. */
@Injectable()
export class PickListCommands {
  constructor(private readonly ledger: StockLedgerStore, private readonly pickLists: PickListStore, private readonly changes: ChangeFeed) {}

  /** A pick list is made from the stock reserved for a released (paid) order. */
  @Handles(InventoryCatalog.createPickList)
  async createPickList(request: CreatePickListRequest, { tx, actor, cause }: CommandContext): Promise<PickListView> {
    // The order's reservation rows, locked, make two keepers asking at once queue here; the gate is read
    // behind the lock, in the same round trip (Postgres runs them in the order asked).
    const [reserved, read] = await Promise.all([this.ledger.reservationsOf(tx, request.orderId), readPickGate(tx, request.orderId)]);
    const gate = { ...read, reservations: reserved.map(reservedLine).sort((a, b) => compare(a.sku, b.sku)) };
    const lines = assertPickable(gate, request.lines);
    const step = openPickList({ id: uuidv7(), number: await numberAtCommit(tx, 'PK', businessYear()), orderId: request.orderId, lines });
    return pickListView(await this.pickLists.create(tx, step, { actor, cause }));
  }

  /**
   * Whether a pick list can be made now, and if not why; with `waitSeconds`, a long poll that answers as
   * soon as it can be (the payment or the reservation reaching inventory), so a client need not retry.
   */
  @Handles(InventoryCatalog.getPickReadiness)
  async getPickReadiness(request: PickReadinessRequest, { tx }: CommandContext): Promise<PickReadinessView> {
    const read = async () => pickReadiness(await readPickGate(tx, request.orderId));
    const readiness = request.waitSeconds ? await this.changes.until(pickGateChanged(request.orderId), request.waitSeconds, read, (r) => r.ready) : await read();
    return readiness.ready
      ? { orderId: request.orderId, ready: true, blockedBy: null, detail: null, lines: readiness.lines }
      : { orderId: request.orderId, ready: false, blockedBy: readiness.blockedBy, detail: readiness.detail, lines: [] };
  }

  @Handles(InventoryCatalog.recordPick)
  async recordPick(request: PickCountsRequest, { tx, actor, cause }: CommandContext): Promise<PickListView> {
    // The list, locked, and the lots of its lines, in one round trip.
    const [list, lots] = await Promise.all([this.pickLists.get(tx, request.pickListId), lotsOfPickList(tx, request.pickListId)]);
    const { row } = await this.pickLists.apply(tx, list, (state) => recordPick(state, actor.userId, request.lines, lots), { actor, cause });
    return pickListView(row);
  }

  /** The verifier counts again; the keeper who picked may not (segregation of duties). */
  @Handles(InventoryCatalog.verifyPick)
  async verifyPick(request: PickCountsRequest, { tx, actor, cause }: CommandContext): Promise<PickListView> {
    const { row } = await this.pickLists.change(tx, request.pickListId, (list) => verifyPick(list, actor.userId, request.lines), { actor, cause });
    return pickListView(row);
  }

  @Handles(InventoryCatalog.packPickList)
  async pack(request: PackRequest, { tx, actor, cause }: CommandContext): Promise<PickListView> {
    const { row } = await this.pickLists.change(tx, request.pickListId, (list) => pack(list, actor.userId, request.pieces), { actor, cause });
    return pickListView(row);
  }

  @Handles(InventoryCatalog.getPickList)
  async getPickList(request: PickListIdRequest, { tx }: CommandContext): Promise<PickListView> {
    return pickListView(await this.pickLists.get(tx, request.pickListId, { lock: false }));
  }

  @Handles(InventoryCatalog.listPickLists)
  async listPickLists(query: ListPickListsQuery, { tx }: CommandContext): Promise<Page<PickListView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<PickListEntity> = {
      ...(query.orderId ? { orderId: query.orderId } : {}),
      ...(query.status ? { status: query.status as PickListEntity['status'] } : {}),
    };
    const [rows, total] = await tx.findAndCount(PickListEntity, { where, order: { createdAt: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(pickListView), page, pageSize, total };
  }
}

export function pickListView(p: PickListEntity): PickListView {
  return {
    id: p.id, number: p.number, orderId: p.orderId, status: p.status, lines: p.lines,
    picks: p.picks.map((k) => ({ ...k, batch: k.batch || null })), pickedBy: p.pickedBy, verifiedBy: p.verifiedBy,
    packedBy: p.packedBy, pieces: p.pieces, createdAt: p.createdAt.toISOString(),
  };
}

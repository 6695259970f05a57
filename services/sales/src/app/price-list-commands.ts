import { Injectable } from '@nestjs/common';
import {
  businessDate, businessYear, CreatePriceListRequest, DomainError, GetListPriceRequest, ListPriceListsQuery, pageWindow, PriceListIdRequest, SalesRpc,
  type ListPriceView, type Page, type PriceListView,
} from '@ops/contracts';
import type { RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { RpcHandler } from '@ops/service-kit';
import { DataSource, In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approvePriceList, checkPriceListDraft, validPrice } from '../domain/price-list.js';
import { approvedListsFor } from '../infra/persistence/price-lists.js';
import { PriceListEntity, PriceListLineEntity } from '../infra/persistence/sales.entities.js';
import { priceListView } from './views.js';

/** Price lists: drafted by sales, in force once a finance manager or the sales VP approves (DESIGN §4.1, §4.3). */
@Injectable()
export class PriceListCommands {
  constructor(private readonly dataSource: DataSource) {}

  @RpcHandler(SalesRpc.createPriceList, CreatePriceListRequest)
  async createPriceList(request: CreatePriceListRequest, context: RpcContext): Promise<PriceListView> {
    const draft = { validFrom: request.validFrom, validTo: request.validTo ?? null, lines: request.lines };
    checkPriceListDraft(draft);
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SalesRpc.createPriceList, async () => {
        const list = tx.create(PriceListEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'PL', businessYear()), name: request.name, status: 'draft',
          validFrom: draft.validFrom, validTo: draft.validTo, createdBy: context.actor.userId, approvedBy: null, approvedAt: null,
        });
        await tx.insert(PriceListEntity, list);
        const lines = request.lines.map((l) => tx.create(PriceListLineEntity, { priceListId: list.id, sku: l.sku, listPriceFen: l.listPriceFen, floorPriceFen: l.floorPriceFen }));
        await tx.insert(PriceListLineEntity, lines);
        return priceListView(list, lines);
      }),
    );
  }

  @RpcHandler(SalesRpc.approvePriceList, PriceListIdRequest)
  approvePriceList(request: PriceListIdRequest, context: RpcContext): Promise<PriceListView> {
    return this.dataSource.transaction(async (tx) => {
      const list = await tx.findOne(PriceListEntity, { where: { id: request.id }, lock: { mode: 'pessimistic_write' } });
      if (!list) throw new DomainError('not_found', 'price-list-not-found', `No price list ${request.id}`);
      const lines = await tx.find(PriceListLineEntity, { where: { priceListId: list.id }, order: { sku: 'ASC' } });
      const approved = approvePriceList({ ...list, lines }, context.actor, new Date());
      Object.assign(list, { status: approved.status, approvedAt: approved.approvedAt, approvedBy: context.actor.userId });
      await tx.save(list);
      return priceListView(list, lines);
    });
  }

  @RpcHandler(SalesRpc.getPriceList, PriceListIdRequest)
  async getPriceList(request: PriceListIdRequest): Promise<PriceListView> {
    const list = await this.dataSource.getRepository(PriceListEntity).findOneBy({ id: request.id });
    if (!list) throw new DomainError('not_found', 'price-list-not-found', `No price list ${request.id}`);
    return priceListView(list, await this.dataSource.getRepository(PriceListLineEntity).find({ where: { priceListId: list.id }, order: { sku: 'ASC' } }));
  }

  @RpcHandler(SalesRpc.listPriceLists, ListPriceListsQuery)
  async listPriceLists(query: ListPriceListsQuery): Promise<Page<PriceListView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = this.dataSource.getRepository(PriceListEntity).createQueryBuilder('p');
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.validOn) qb.andWhere('p.valid_from <= :on AND (p.valid_to IS NULL OR p.valid_to >= :on)', { on: query.validOn });
    if (query.sku) qb.andWhere('EXISTS (SELECT 1 FROM price_list_lines l WHERE l.price_list_id = p.id AND l.sku = :sku)', { sku: query.sku });
    const [rows, total] = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    const lines = rows.length ? await this.dataSource.getRepository(PriceListLineEntity).find({ where: { priceListId: In(rows.map((r) => r.id)) }, order: { sku: 'ASC' } }) : [];
    return { items: rows.map((r) => priceListView(r, lines.filter((l) => l.priceListId === r.id))), page, pageSize, total };
  }

  /** What an order line would be priced at: the list and floor price of a SKU on a date. */
  @RpcHandler(SalesRpc.getListPrice, GetListPriceRequest)
  async getListPrice(request: GetListPriceRequest): Promise<ListPriceView> {
    const on = request.on ?? businessDate();
    const price = validPrice(await approvedListsFor(this.dataSource.manager, [request.sku], on), request.sku, on);
    if (!price) throw new DomainError('not_found', 'no-list-price', `No approved price list prices ${request.sku} on ${on}`);
    return { ...price, on };
  }
}

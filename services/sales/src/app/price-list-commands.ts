import { Injectable } from '@nestjs/common';
import { ListPriceListsQuery, pageWindow, SalesCatalog, type CreatePriceListRequest, type GetListPriceRequest, type IdRequest, type ListPriceView, type Page, type PriceListView } from '@ops/contracts';
import { businessDate, businessYear, DomainError } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approvePriceList, draftPriceList, validPrice } from '../domain/price-list.js';
import { approvedListsFor } from '../infra/persistence/price-lists.js';
import { PriceListEntity, PriceListLineEntity } from '../infra/persistence/sales.entities.js';
import { PriceListStore } from '../infra/persistence/stores.js';
import { priceListView } from './views.js';

/** Price lists: drafted by sales, in force once a finance manager or the sales VP approves (domain.md §4.1, §4.3). */
@Injectable()
export class PriceListCommands {
  constructor(private readonly priceLists: PriceListStore) {}

  @Handles(SalesCatalog.createPriceList)
  async createPriceList(request: CreatePriceListRequest, { tx, actor, cause }: CommandContext): Promise<PriceListView> {
    const draft = { validFrom: request.validFrom, validTo: request.validTo ?? null, lines: request.lines };
    const step = draftPriceList(tx.create(PriceListEntity, {
      id: uuidv7(), number: await nextDocumentNumber(tx, 'PL', businessYear()), name: request.name,
      validFrom: draft.validFrom, validTo: draft.validTo, createdBy: actor.userId, createdAt: new Date(), approvedBy: null, approvedAt: null,
    }), draft);
    const list = await this.priceLists.create(tx, step, { actor, cause });
    const lines = request.lines.map((l) => tx.create(PriceListLineEntity, { priceListId: list.id, sku: l.sku, listPriceFen: l.listPriceFen, floorPriceFen: l.floorPriceFen }));
    await tx.insert(PriceListLineEntity, lines);
    return priceListView(list, lines);
  }

  @Handles(SalesCatalog.approvePriceList)
  async approvePriceList(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<PriceListView> {
    const lines = await this.linesOf(tx, request.id);
    const { row } = await this.priceLists.change(tx, request.id, (list) => approvePriceList({ ...list, lines }, actor, new Date()), { actor, cause });
    return priceListView(row, lines);
  }

  @Handles(SalesCatalog.getPriceList)
  async getPriceList(request: IdRequest, { tx }: CommandContext): Promise<PriceListView> {
    const list = await this.priceLists.get(tx, request.id, { lock: false });
    return priceListView(list, await this.linesOf(tx, list.id));
  }

  @Handles(SalesCatalog.listPriceLists)
  async listPriceLists(query: ListPriceListsQuery, { tx }: CommandContext): Promise<Page<PriceListView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(PriceListEntity, 'p');
    if (query.status) qb.andWhere('p.status = :status', { status: query.status });
    if (query.validOn) qb.andWhere('p.valid_from <= :on AND (p.valid_to IS NULL OR p.valid_to >= :on)', { on: query.validOn });
    if (query.sku) qb.andWhere('EXISTS (SELECT 1 FROM price_list_lines l WHERE l.price_list_id = p.id AND l.sku = :sku)', { sku: query.sku });
    const [rows, total] = await qb.orderBy('p.created_at', 'DESC').addOrderBy('p.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    const lines = rows.length ? await tx.find(PriceListLineEntity, { where: { priceListId: In(rows.map((r) => r.id)) }, order: { sku: 'ASC' } }) : [];
    return { items: rows.map((r) => priceListView(r, lines.filter((l) => l.priceListId === r.id))), page, pageSize, total };
  }

  /** What an order line would be priced at: the list and floor price of a SKU on a date. */
  @Handles(SalesCatalog.getListPrice)
  async getListPrice(request: GetListPriceRequest, { tx }: CommandContext): Promise<ListPriceView> {
    const on = request.on ?? businessDate();
    const price = validPrice(await approvedListsFor(tx, [request.sku], on), request.sku, on);
    if (!price) throw new DomainError('not_found', 'no-list-price', `No approved price list prices ${request.sku} on ${on}`);
    return { ...price, on };
  }

  private linesOf(tx: EntityManager, priceListId: string): Promise<PriceListLineEntity[]> {
    return tx.find(PriceListLineEntity, { where: { priceListId }, order: { sku: 'ASC' } });
  }
}

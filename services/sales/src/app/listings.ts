import { Injectable } from '@nestjs/common';
import {
  AvailabilityChanged, pageWindow, SalesCatalog, type AvailabilityChangedData, type ChangeListingPriceRequest, type CreateListingCategoryRequest, type CreateListingRequest,
  type EditListingRequest, type EventEnvelope, type IdRequest, type ListingCategoryView, type ListingChangeView, type ListingView, type ListListingsQuery, type Page,
  type RejectListingRequest, type SetQuantityOfferedRequest,
} from '@ops/contracts';
import { businessDate, DomainError, type Step } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { rowByKey } from '@ops/persistence';
import { Handles, OnEvent, type Acting, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  approveListing, changePrice, draftListing, editListing, listingChanges, MAX_CATEGORY_DEPTH, rejectListing, relist, setQuantityOffered, stockReported, submitListing, unlist,
  type Listing, type PriceFloor,
} from '../domain/listing.js';
import { validPrice } from '../domain/price-list.js';
import { approvedListsFor } from '../infra/persistence/price-lists.js';
import { ListingCategoryEntity, ListingEntity } from '../infra/persistence/listings.entities.js';
import { ListingStore } from '../infra/persistence/listings.stores.js';
import { usernameOf } from './outlet-access.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export function listingView(l: ListingEntity): ListingView {
  return {
    id: l.id, sku: l.sku, status: l.status, titleZh: l.titleZh, titleEn: l.titleEn, descriptionZh: l.descriptionZh, descriptionEn: l.descriptionEn, specs: l.specs,
    priceFen: l.priceFen, quantityOffered: l.quantityOffered, availableQuantity: l.availableQuantity, quantityOnSale: l.quantityOnSale, soldOut: l.soldOut,
    categoryCode: l.categoryCode, images: l.images, createdBy: l.createdBy, createdAt: new Date(l.createdAt).toISOString(), submittedBy: l.submittedBy,
    reviewedBy: l.reviewedBy, reviewedAt: iso(l.reviewedAt), rejectReason: l.rejectReason, publishedAt: iso(l.publishedAt),
  };
}

/** The floor of the price list in force today that prices the SKU, or null when none does. */
async function floorOf(tx: EntityManager, sku: string): Promise<PriceFloor | null> {
  const on = businessDate();
  const price = validPrice(await approvedListsFor(tx, [sku], on), sku, on);
  return price ? { floorPriceFen: price.floorPriceFen, priceListNumber: price.priceListNumber } : null;
}

/** Sales knows a SKU when an approved price list names it (sales keeps no SKU list of its own). */
async function refuseUnknownSku(tx: EntityManager, sku: string): Promise<void> {
  const [known] = await tx.query(`SELECT 1 FROM price_list_lines l JOIN price_lists p ON p.id = l.price_list_id WHERE l.sku = $1 AND p.status = 'approved' LIMIT 1`, [sku]);
  if (!known) throw new DomainError('rule_violated', 'unknown-sku', `Sales does not sell ${sku}: no approved price list names it`, [{ field: 'sku', message: 'must be on an approved price list' }]);
}

async function refuseUnknownCategory(tx: EntityManager, code: string): Promise<void> {
  if (!(await tx.exists(ListingCategoryEntity, { where: { code } }))) {
    throw new DomainError('rule_violated', 'unknown-listing-category', `No listing category ${code}`, [{ field: 'categoryCode', message: 'must name a category' }]);
  }
}

/** The category tree with each category's path from the top, in tree order. */
async function categories(tx: EntityManager): Promise<ListingCategoryView[]> {
  const rows: Array<{ code: string; name_zh: string; name_en: string; parent_code: string | null; created_by: string; created_at: Date; path: string[] }> = await tx.query(
    `WITH RECURSIVE tree AS (
       SELECT c.*, ARRAY[c.code] AS path FROM listing_categories c WHERE c.parent_code IS NULL
       UNION ALL
       SELECT c.*, t.path || c.code FROM listing_categories c JOIN tree t ON c.parent_code = t.code WHERE cardinality(t.path) < 10
     )
     SELECT code, name_zh, name_en, parent_code, created_by, created_at, path FROM tree ORDER BY path`,
  );
  return rows.map((r) => ({ code: r.code, nameZh: r.name_zh, nameEn: r.name_en, parentCode: r.parent_code, path: r.path, createdBy: r.created_by, createdAt: new Date(r.created_at).toISOString() }));
}

/**
 * The online catalogue (domain/listing.ts): categories, listings drafted by operators and published only after another
 * person's review, listed and unlisted, priced on sale; the quantity on sale follows inventory's reports. Every change
 * of a listing is written to `listing_changes` (who, when, field, before, after) beside the store's history.
 */
@Injectable()
export class Listings {
  constructor(private readonly listings: ListingStore) {}

  // ---- categories ----

  @Handles(SalesCatalog.createListingCategory)
  async createCategory(request: CreateListingCategoryRequest, { tx, actor }: CommandContext): Promise<ListingCategoryView> {
    if (await tx.exists(ListingCategoryEntity, { where: { code: request.code } })) throw new DomainError('conflict', 'listing-category-exists', `Category ${request.code} exists`);
    if (request.parentCode) {
      const tree = await categories(tx);
      const parent = tree.find((c) => c.code === request.parentCode);
      if (!parent) throw new DomainError('rule_violated', 'unknown-parent-category', `No listing category ${request.parentCode}`, [{ field: 'parentCode', message: 'must name a category' }]);
      if (parent.path.length >= MAX_CATEGORY_DEPTH) throw new DomainError('rule_violated', 'category-too-deep', `The category tree is at most ${MAX_CATEGORY_DEPTH} deep`, [{ field: 'parentCode', message: `is ${parent.path.length} deep already` }]);
    }
    await tx.insert(ListingCategoryEntity, {
      code: request.code, nameZh: request.nameZh, nameEn: request.nameEn, parentCode: request.parentCode ?? null, createdBy: usernameOf(actor), createdAt: new Date(),
    });
    return (await categories(tx)).find((c) => c.code === request.code)!;
  }

  @Handles(SalesCatalog.listListingCategories)
  async listCategories(_request: unknown, { tx }: CommandContext): Promise<ListingCategoryView[]> {
    return categories(tx);
  }

  // ---- listings ----

  @Handles(SalesCatalog.createListing)
  async createListing(request: CreateListingRequest, { tx, actor, cause }: CommandContext): Promise<ListingView> {
    await refuseUnknownSku(tx, request.sku);
    if (await tx.exists(ListingEntity, { where: { sku: request.sku } })) throw new DomainError('conflict', 'listing-exists', `${request.sku} has a listing already: edit that one`);
    await refuseUnknownCategory(tx, request.categoryCode);
    const by = usernameOf(actor);
    const step = draftListing({
      id: uuidv7(), sku: request.sku, createdBy: by, createdAt: new Date(), titleZh: request.titleZh, titleEn: request.titleEn, descriptionZh: request.descriptionZh,
      descriptionEn: request.descriptionEn, specs: request.specs.map((s) => ({ name: s.name, value: s.value })), priceFen: request.priceFen, quantityOffered: request.quantityOffered,
      categoryCode: request.categoryCode, images: request.images,
    }, await floorOf(tx, request.sku));
    const row = await this.listings.create(tx, step, { actor, cause });
    await tx.query(`INSERT INTO listing_changes (listing_id, sku, field, before, after, changed_by, note) VALUES ($1, $2, 'status', NULL, $3, $4, 'Drafted')`, [row.id, row.sku, JSON.stringify('draft'), by]);
    return listingView(row);
  }

  @Handles(SalesCatalog.editListing)
  async editListing(request: EditListingRequest, context: CommandContext): Promise<ListingView> {
    const { tx, actor } = context;
    if (request.categoryCode) await refuseUnknownCategory(tx, request.categoryCode);
    const { id, ...changes } = request;
    const current = await this.listings.get(tx, id);
    const floor = changes.priceFen !== undefined ? await floorOf(tx, current.sku) : null;
    return this.change(context, id, (l) => editListing(l, { ...changes, specs: changes.specs?.map((s) => ({ name: s.name, value: s.value })) }, usernameOf(actor), floor));
  }

  @Handles(SalesCatalog.submitListing)
  async submitListing(request: IdRequest, context: CommandContext): Promise<ListingView> {
    return this.change(context, request.id, (l) => submitListing(l, usernameOf(context.actor)));
  }

  @Handles(SalesCatalog.approveListing)
  async approveListing(request: IdRequest, context: CommandContext): Promise<ListingView> {
    const floor = await floorOf(context.tx, (await this.listings.get(context.tx, request.id)).sku);
    return this.change(context, request.id, (l) => approveListing(l, usernameOf(context.actor), new Date(), floor), 'Approved');
  }

  @Handles(SalesCatalog.rejectListing)
  async rejectListing(request: RejectListingRequest, context: CommandContext): Promise<ListingView> {
    return this.change(context, request.id, (l) => rejectListing(l, usernameOf(context.actor), request.reason, new Date()), request.reason);
  }

  @Handles(SalesCatalog.listListing)
  async listListing(request: IdRequest, context: CommandContext): Promise<ListingView> {
    const floor = await floorOf(context.tx, (await this.listings.get(context.tx, request.id)).sku);
    return this.change(context, request.id, (l) => relist(l, usernameOf(context.actor), new Date(), floor), 'Listed');
  }

  @Handles(SalesCatalog.unlistListing)
  async unlistListing(request: IdRequest, context: CommandContext): Promise<ListingView> {
    return this.change(context, request.id, (l) => unlist(l, usernameOf(context.actor), new Date()), 'Unlisted');
  }

  @Handles(SalesCatalog.changeListingPrice)
  async changePrice(request: ChangeListingPriceRequest, context: CommandContext): Promise<ListingView> {
    const floor = await floorOf(context.tx, (await this.listings.get(context.tx, request.id)).sku);
    return this.change(context, request.id, (l) => changePrice(l, request.priceFen, usernameOf(context.actor), new Date(), floor));
  }

  @Handles(SalesCatalog.setListingQuantity)
  async setQuantity(request: SetQuantityOfferedRequest, context: CommandContext): Promise<ListingView> {
    return this.change(context, request.id, (l) => setQuantityOffered(l, request.quantityOffered, usernameOf(context.actor), new Date()));
  }

  @Handles(SalesCatalog.getListing)
  async getListing(request: IdRequest, { tx }: CommandContext): Promise<ListingView> {
    return listingView(await this.listings.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.listListings)
  async listListings(query: ListListingsQuery, { tx }: CommandContext): Promise<Page<ListingView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(ListingEntity, 'l');
    if (query.status) qb.andWhere('l.status = :status', { status: query.status });
    if (query.soldOut) qb.andWhere('l.sold_out = :soldOut', { soldOut: query.soldOut === 'true' });
    if (query.q) qb.andWhere('(l.sku ILIKE :q OR l.title_zh ILIKE :q OR l.title_en ILIKE :q)', { q: `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    if (query.categoryCode) {
      qb.andWhere(`l.category_code IN (
        WITH RECURSIVE below AS (SELECT code, 1 AS depth FROM listing_categories WHERE code = :category
          UNION ALL SELECT c.code, b.depth + 1 FROM listing_categories c JOIN below b ON c.parent_code = b.code WHERE b.depth < 10)
        SELECT code FROM below)`, { category: query.categoryCode });
    }
    const [rows, total] = await qb.orderBy('l.created_at', 'DESC').addOrderBy('l.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map(listingView), page, pageSize, total };
  }

  @Handles(SalesCatalog.getListingHistory)
  async history(request: IdRequest, { tx }: CommandContext): Promise<ListingChangeView[]> {
    await this.listings.get(tx, request.id, { lock: false });
    const rows: Array<{ id: string; field: string; before: unknown; after: unknown; changed_by: string; changed_at: Date; note: string | null }> = await tx.query(
      `SELECT id, field, before, after, changed_by, changed_at, note FROM listing_changes WHERE listing_id = $1 ORDER BY id`,
      [request.id],
    );
    return rows.map((r) => ({ id: Number(r.id), field: r.field, before: r.before, after: r.after, changedBy: r.changed_by, changedAt: new Date(r.changed_at).toISOString(), note: r.note }));
  }

  /**
   * Inventory's available stock of a listed SKU: kept when newer than the last report (by sequence), the quantity on
   * sale and sold out follow; a published listing tells the storefronts when they changed.
   */
  @OnEvent(AvailabilityChanged, 'listing-availability')
  async onAvailability(event: EventEnvelope<AvailabilityChangedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    const row = await rowByKey(tx, ListingEntity, 'sku', d.sku, { lock: true });
    if (!row) return;
    const mover = event.actor?.username ?? event.actor?.userId;
    await this.write(tx, row, (l) => stockReported(l, d.availableQuantity, d.sequence, 'inventory', new Date(d.asOf)), { actor: event.actor, cause: causedBy(event) }, 'inventory',
      `Stock reported by inventory: ${d.availableQuantity} available${mover ? ` (a movement by ${mover})` : ''}`);
  }

  private async change(context: CommandContext, id: string, step: (l: Listing) => Step<Listing>, note: string | null = null): Promise<ListingView> {
    const row = await this.listings.get(context.tx, id);
    return listingView(await this.write(context.tx, row, step, { actor: context.actor, cause: context.cause }, usernameOf(context.actor), note));
  }

  /** One step through the store, and its changes field by field into `listing_changes`. */
  private async write(tx: EntityManager, row: ListingEntity, step: (l: Listing) => Step<Listing>, acting: Acting, by: string, note: string | null): Promise<ListingEntity> {
    const before: Listing = { ...row };
    const { row: after } = await this.listings.apply(tx, row, step, acting);
    const changes = listingChanges(before, after);
    if (changes.length) {
      await tx.query(
        `INSERT INTO listing_changes (listing_id, sku, field, before, after, changed_by, note)
         SELECT $1, $2, f, b, a, $3, $4 FROM unnest($5::text[], $6::jsonb[], $7::jsonb[]) AS c(f, b, a)`,
        [after.id, after.sku, by, note, changes.map((c) => c.field), changes.map((c) => JSON.stringify(c.before)), changes.map((c) => JSON.stringify(c.after))],
      );
    }
    return after;
  }
}

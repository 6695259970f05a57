import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type ApprovePromotionRequest, type CancelPriceHoldRequest, type CreatePromotionRequest, type IdRequest, type ListPriceHoldsQuery, type ListPromotionsQuery, type Page,
  type PriceHoldView, type PromotionReasonRequest, type PromotionView, type ReapprovePriceHoldRequest, type RecordPriceHoldRequest,
} from '@ops/contracts';
import { businessDate, businessNow, businessYear } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { validPrice, type PriceListLine } from '../domain/price-list.js';
import { cancelHold, reapproveHold, recordPriceHold, shownStatus } from '../domain/price-hold.js';
import { approvePromotion, draftPromotion, inWindow, rejectPromotion, stopPromotion } from '../domain/promotion.js';
import { approvedListsFor } from '../infra/persistence/price-lists.js';
import { PriceHoldEntity, PromotionEntity } from '../infra/persistence/promotions.entities.js';
import { PriceHoldStore, PromotionStore } from '../infra/persistence/promotions.stores.js';
import { namedCustomer } from '../infra/persistence/customers.js';

const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

/** The list and floor price of each SKU on `date`, from the approved lists in force then. */
async function pricesOn(tx: EntityManager, skus: string[], date: string): Promise<Map<string, PriceListLine>> {
  const lists = await approvedListsFor(tx, skus, date);
  const prices = new Map<string, PriceListLine>();
  for (const sku of skus) {
    const price = validPrice(lists, sku, date);
    if (price) prices.set(sku, { sku, listPriceFen: price.listPriceFen, floorPriceFen: price.floorPriceFen });
  }
  return prices;
}

/** The SKUs of `skus` that have a listing (the online store's products, table `listings`). */
async function listedOf(tx: EntityManager, skus: string[]): Promise<Set<string>> {
  const rows: Array<{ sku: string }> = await tx.query(`SELECT sku FROM listings WHERE sku = ANY($1)`, [skus]);
  return new Set(rows.map((r) => r.sku));
}

export function promotionView(p: PromotionEntity, today = businessDate()): PromotionView {
  return {
    id: p.id, code: p.code, name: p.name, status: p.status, inForce: p.status === 'approved' && inWindow(p, today), kind: p.kind,
    promoPriceFen: p.promoPriceFen, percentOff: p.percentOffBasisPoints === null ? null : p.percentOffBasisPoints / 100,
    startsOn: p.startsOn, endsOn: p.endsOn, skus: p.skus, lines: p.lines, requiredLevel: p.requiredLevel,
    createdBy: p.createdBy, createdAt: new Date(p.createdAt).toISOString(), decidedBy: p.decidedBy, decidedAt: iso(p.decidedAt), decisionNote: p.decisionNote,
  };
}

export function priceHoldView(h: PriceHoldEntity, today = businessDate()): PriceHoldView {
  return {
    id: h.id, number: h.number, customerId: h.customerId, customerName: h.customerName, status: shownStatus(h, today), lines: h.lines, holdUntil: h.holdUntil,
    depositFen: h.depositFen, depositReference: h.depositReference, createdBy: h.createdBy, createdAt: new Date(h.createdAt).toISOString(), reapprovals: h.reapprovals,
    usedByOrderId: h.usedByOrderId, usedByOrderNumber: h.usedByOrderNumber, usedAt: iso(h.usedAt),
  };
}

/**
 * Promotions and price holds (domain/promotion.ts, domain/price-hold.ts). Thin: the rules are in the domain, the
 * statuses written by the stores; orders apply both when they are placed (order-commands.ts).
 */
@Injectable()
export class PromotionCommands {
  constructor(private readonly promotions: PromotionStore, private readonly holds: PriceHoldStore) {}

  // ---- promotions ----

  @Handles(SalesCatalog.createPromotion)
  async createPromotion(request: CreatePromotionRequest, { tx, actor, cause }: CommandContext): Promise<PromotionView> {
    const at = businessNow();
    const skus = request.skus.map((s) => s.trim());
    const listed = await listedOf(tx, skus);
    const prices = await pricesOn(tx, skus, request.startsOn);
    const step = draftPromotion({
      id: uuidv7(), code: await nextDocumentNumber(tx, 'PROMO', businessYear(at)), name: request.name, kind: request.kind,
      promoPriceFen: request.kind === 'price' ? (request.promoPriceFen ?? null) : null,
      percentOffBasisPoints: request.kind === 'percent' && request.percentOff !== undefined ? Math.round(request.percentOff * 100) : null,
      startsOn: request.startsOn, endsOn: request.endsOn, skus, createdBy: actor.userId, createdAt: at,
    }, prices, listed, businessDate(at));
    return promotionView(await this.promotions.create(tx, step as never, { actor, cause }));
  }

  @Handles(SalesCatalog.approvePromotion)
  async approvePromotion(request: ApprovePromotionRequest, { tx, actor, cause }: CommandContext): Promise<PromotionView> {
    const { row } = await this.promotions.change(tx, request.id, (p) => approvePromotion(p, actor, businessNow(), request.note ?? null), { actor, cause });
    return promotionView(row);
  }

  @Handles(SalesCatalog.rejectPromotion)
  async rejectPromotion(request: PromotionReasonRequest, { tx, actor, cause }: CommandContext): Promise<PromotionView> {
    const { row } = await this.promotions.change(tx, request.id, (p) => rejectPromotion(p, actor, request.reason, businessNow()), { actor, cause });
    return promotionView(row);
  }

  @Handles(SalesCatalog.endPromotion)
  async endPromotion(request: PromotionReasonRequest, { tx, actor, cause }: CommandContext): Promise<PromotionView> {
    const at = businessNow();
    const { row } = await this.promotions.change(tx, request.id, (p) => stopPromotion(p, actor.username ?? actor.userId, request.reason, businessDate(at), at), { actor, cause });
    return promotionView(row);
  }

  @Handles(SalesCatalog.getPromotion)
  async getPromotion(request: IdRequest, { tx }: CommandContext): Promise<PromotionView> {
    return promotionView(await this.promotions.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.listPromotions)
  async listPromotions(query: ListPromotionsQuery, { tx }: CommandContext): Promise<Page<PromotionView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const q = tx.createQueryBuilder(PromotionEntity, 'p');
    if (query.status) q.andWhere('p.status = :status', { status: query.status });
    if (query.sku) q.andWhere(':sku = ANY(p.skus)', { sku: query.sku });
    if (query.on) q.andWhere('p.starts_on <= :on AND p.ends_on >= :on', { on: query.on });
    const [rows, total] = await q.orderBy('p.starts_on', 'DESC').addOrderBy('p.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    const today = businessDate();
    return { items: rows.map((r) => promotionView(r, today)), page, pageSize, total };
  }

  // ---- price holds ----

  @Handles(SalesCatalog.recordPriceHold)
  async recordPriceHold(request: RecordPriceHoldRequest, { tx, actor, cause }: CommandContext): Promise<PriceHoldView> {
    const customer = await namedCustomer(tx, request.customerId);
    const at = businessNow();
    const today = businessDate(at);
    const prices = await pricesOn(tx, request.lines.map((l) => l.sku), today);
    const step = recordPriceHold({
      id: uuidv7(), number: await nextDocumentNumber(tx, 'PH', businessYear(at)), customerId: customer.id, customerName: customer.name, holdUntil: request.holdUntil,
      depositFen: request.depositFen, depositReference: request.depositReference, createdBy: actor.userId, createdAt: at,
    }, request.lines, prices, today);
    return priceHoldView(await this.holds.create(tx, step as never, { actor, cause }), today);
  }

  @Handles(SalesCatalog.reapprovePriceHold)
  async reapprovePriceHold(request: ReapprovePriceHoldRequest, { tx, actor, cause }: CommandContext): Promise<PriceHoldView> {
    const at = businessNow();
    const { row } = await this.holds.change(tx, request.id, (h) => reapproveHold(h, actor, request.holdUntil, request.reason, businessDate(at), at), { actor, cause });
    return priceHoldView(row);
  }

  @Handles(SalesCatalog.cancelPriceHold)
  async cancelPriceHold(request: CancelPriceHoldRequest, { tx, actor, cause }: CommandContext): Promise<PriceHoldView> {
    const { row } = await this.holds.change(tx, request.id, (h) => cancelHold(h, actor.username ?? actor.userId, request.reason), { actor, cause });
    return priceHoldView(row);
  }

  @Handles(SalesCatalog.getPriceHold)
  async getPriceHold(request: IdRequest, { tx }: CommandContext): Promise<PriceHoldView> {
    return priceHoldView(await this.holds.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.listPriceHolds)
  async listPriceHolds(query: ListPriceHoldsQuery, { tx }: CommandContext): Promise<Page<PriceHoldView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const today = businessDate();
    const q = tx.createQueryBuilder(PriceHoldEntity, 'h');
    if (query.customerId) q.andWhere('h.customer_id = :customerId', { customerId: query.customerId });
    if (query.status === 'expired') q.andWhere(`h.status = 'active' AND h.hold_until < :today`, { today });
    else if (query.status === 'active') q.andWhere(`h.status = 'active' AND h.hold_until >= :today`, { today });
    else if (query.status) q.andWhere('h.status = :status', { status: query.status });
    const [rows, total] = await q.orderBy('h.created_at', 'DESC').addOrderBy('h.id', 'DESC').skip(offset).take(pageSize).getManyAndCount();
    return { items: rows.map((r) => priceHoldView(r, today)), page, pageSize, total };
  }
}

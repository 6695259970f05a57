import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type Actor, type CreateOutletRequest, type GetOpeningCheckRequest, type ListOutletsQuery, type OpeningCheckRequest, type OpeningCheckView, type OutletCodeRequest,
  type OutletPriceView, type OutletView, type Page, type SetOutletStaffRequest,
} from '@ops/contracts';
import { businessDate, businessNow, DomainError } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { checkOpening, checkOutlet, OPENING_POSITIONS, refuseUnlessStaff, registerOutlet, type OutletPosition } from '../domain/till-ticket.js';
import { OpeningCheckEntity, OutletEntity, OutletStaffEntity, type OpeningHours } from '../infra/persistence/outlet.entities.js';
import { PriceListEntity } from '../infra/persistence/sales.entities.js';
import { OutletStore } from '../infra/persistence/till.stores.js';
import { onlyOwnOutlets, outletByCode, tillActor, usernameOf } from './outlet-access.js';
import { outletPrices } from './till-prices.js';

/** The outlets registry and the opening check (domain/till-ticket.ts). */
@Injectable()
export class OutletCommands {
  constructor(private readonly outlets: OutletStore) {}

  @Handles(SalesCatalog.createOutlet)
  async createOutlet(request: CreateOutletRequest, { tx, actor, cause }: CommandContext): Promise<OutletView> {
    const openingHours = normaliseHours(request.openingHours);
    checkOutlet({ code: request.code, kind: request.kind as 'store' | 'bar', openingHours, staff: request.staff });
    if (await tx.findOne(OutletEntity, { where: { code: request.code } })) throw new DomainError('conflict', 'outlet-exists', `Outlet ${request.code} exists already`);
    if (!(await tx.findOne(PriceListEntity, { where: { id: request.priceListId } }))) throw new DomainError('not_found', 'price-list-not-found', `No price list ${request.priceListId}`);
    const draft = tx.create(OutletEntity, {
      id: uuidv7(), code: request.code, name: request.name, kind: request.kind as 'store' | 'bar', warehouseCode: request.warehouseCode, priceListId: request.priceListId,
      openingHours, createdBy: usernameOf(actor), createdAt: businessNow(),
    });
    const outlet = await this.outlets.create(tx, registerOutlet(draft), { actor, cause });
    if (request.staff.length) await tx.insert(OutletStaffEntity, request.staff.map((m) => ({ outletId: outlet.id, username: m.username, position: m.position as OutletPosition })));
    return outletView(tx, outlet, actor);
  }

  @Handles(SalesCatalog.setOutletStaff)
  async setOutletStaff(request: SetOutletStaffRequest, { tx, actor }: CommandContext): Promise<OutletView> {
    const outlet = await outletByCode(tx, request.code);
    checkOutlet({ code: outlet.code, kind: outlet.kind, openingHours: {}, staff: request.staff });
    await tx.delete(OutletStaffEntity, { outletId: outlet.id });
    if (request.staff.length) await tx.insert(OutletStaffEntity, request.staff.map((m) => ({ outletId: outlet.id, username: m.username, position: m.position as OutletPosition })));
    return outletView(tx, outlet, actor);
  }

  @Handles(SalesCatalog.listOutlets)
  async listOutlets(query: ListOutletsQuery, { tx, actor }: CommandContext): Promise<Page<OutletView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const mine = query.mine === 'true' || onlyOwnOutlets(actor);
    const qb = tx.createQueryBuilder(OutletEntity, 'o').orderBy('o.code', 'ASC').skip(offset).take(pageSize);
    if (query.kind) qb.andWhere('o.kind = :kind', { kind: query.kind });
    if (mine) qb.andWhere('EXISTS (SELECT 1 FROM outlet_staff s WHERE s.outlet_id = o.id AND s.username = :username)', { username: usernameOf(actor) });
    const [rows, total] = await qb.getManyAndCount();
    return { items: await Promise.all(rows.map((o) => outletView(tx, o, actor))), page, pageSize, total };
  }

  @Handles(SalesCatalog.getOutlet)
  async getOutlet(request: OutletCodeRequest, { tx, actor }: CommandContext): Promise<OutletView> {
    const outlet = await outletByCode(tx, request.code);
    if (onlyOwnOutlets(actor)) refuseUnlessStaff(await tillActor(tx, outlet, actor), outlet.code);
    return outletView(tx, outlet, actor);
  }

  @Handles(SalesCatalog.getOutletPrices)
  async getOutletPrices(request: GetOpeningCheckRequest, { tx }: CommandContext): Promise<OutletPriceView[]> {
    const outlet = await outletByCode(tx, request.code);
    return [...(await outletPrices(tx, outlet, request.date ?? businessDate())).values()];
  }

  @Handles(SalesCatalog.recordOpeningCheck)
  async recordOpeningCheck(request: OpeningCheckRequest, { tx, actor }: CommandContext): Promise<OpeningCheckView> {
    const outlet = await outletByCode(tx, request.code);
    const who = await tillActor(tx, outlet, actor);
    refuseUnlessStaff(who, outlet.code);
    const exempt = actor.roles.some((r) => r === 'admin' || r === 'general_manager');
    if (!exempt && !OPENING_POSITIONS.includes(who.position!)) {
      throw new DomainError('forbidden', 'opening-position', `The opening check at ${outlet.code} is made by its manager, supervisor or a clerk`);
    }
    checkOpening(request);
    const at = businessNow();
    const date = businessDate(at);
    // The (outlet, date) unique index settles a race; this answers the ordinary second attempt.
    if (await tx.findOne(OpeningCheckEntity, { where: { outletId: outlet.id, businessDate: date } })) {
      throw new DomainError('conflict', 'opening-check-done', `Outlet ${outlet.code} was already checked for ${date}`);
    }
    const check = tx.create(OpeningCheckEntity, {
      id: uuidv7(), outletId: outlet.id, businessDate: date, equipmentOk: request.equipmentOk, equipmentNotes: request.equipmentNotes ?? null, cashFloatFen: request.cashFloatFen,
      displayStockChecked: request.displayStockChecked, displayNotes: request.displayNotes ?? null, checkedBy: who.username, checkedAt: at,
    });
    await tx.insert(OpeningCheckEntity, check);
    return openingCheckView(check, outlet.code);
  }

  @Handles(SalesCatalog.getOpeningCheck)
  async getOpeningCheck(request: GetOpeningCheckRequest, { tx }: CommandContext): Promise<OpeningCheckView> {
    const outlet = await outletByCode(tx, request.code);
    const date = request.date ?? businessDate();
    const check = await tx.findOne(OpeningCheckEntity, { where: { outletId: outlet.id, businessDate: date } });
    if (!check) throw new DomainError('not_found', 'opening-check-missing', `Outlet ${outlet.code} has no opening check for ${date}`);
    return openingCheckView(check, outlet.code);
  }
}

function normaliseHours(hours: CreateOutletRequest['openingHours']): OpeningHours {
  const out: Record<string, { opens: string; closes: string } | null> = { 0: null, 1: null, 2: null, 3: null, 4: null, 5: null, 6: null };
  for (const [day, value] of Object.entries(hours ?? {})) out[day] = value ?? null;
  return out as OpeningHours;
}

export async function outletView(tx: EntityManager, o: OutletEntity, actor: Actor): Promise<OutletView> {
  const staff = await tx.find(OutletStaffEntity, { where: { outletId: o.id }, order: { username: 'ASC' } });
  const list = await tx.findOne(PriceListEntity, { where: { id: o.priceListId } });
  const me = usernameOf(actor);
  return {
    id: o.id, code: o.code, name: o.name, kind: o.kind, warehouseCode: o.warehouseCode, priceListId: o.priceListId, priceListNumber: list?.number ?? null,
    openingHours: o.openingHours, status: o.status, staff: staff.map((s) => ({ username: s.username, position: s.position })),
    myPosition: staff.find((s) => s.username === me)?.position ?? null, createdBy: o.createdBy, createdAt: new Date(o.createdAt).toISOString(),
  };
}

function openingCheckView(c: OpeningCheckEntity, outletCode: string): OpeningCheckView {
  return {
    id: c.id, outletCode, businessDate: c.businessDate, equipmentOk: c.equipmentOk, equipmentNotes: c.equipmentNotes, cashFloatFen: c.cashFloatFen,
    displayStockChecked: c.displayStockChecked, displayNotes: c.displayNotes, checkedBy: c.checkedBy, checkedAt: new Date(c.checkedAt).toISOString(),
  };
}

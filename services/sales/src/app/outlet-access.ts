import type { Actor } from '@ops/contracts';
import { DomainError, OUTLETS, SALES_DESK } from '@ops/kernel';
import type { EntityManager } from 'typeorm';
import { isOutletSupervisor, refuseUnlessStaff, type TillActor } from '../domain/till-ticket.js';
import { OpeningCheckEntity, OutletEntity, OutletStaffEntity, type OutletPosition } from '../infra/persistence/outlet.entities.js';

/*
 * Who may act at an outlet, in one place for the till, the bar, the handovers and the outlet's records: the
 * catalogue checked the role; here the actor's place on the outlet's staff (domain/till-ticket.ts has the rules).
 */

export interface OutletAccess {
  outlet: OutletEntity;
  username: string;
  position: OutletPosition | null;
  /** The outlet's supervisor: a role of OUTLET_SUPERVISORS and position manager or supervisor there (or exempt). */
  supervisor: boolean;
}

export const usernameOf = (actor: Actor): string => actor.username ?? actor.userId;

/** The outlet of `code`, or its 404. */
export async function outletByCode(tx: EntityManager, code: string): Promise<OutletEntity> {
  const outlet = await tx.findOne(OutletEntity, { where: { code } });
  if (!outlet) throw new DomainError('not_found', 'outlet-not-found', `No outlet ${code}`);
  return outlet;
}

/**
 * A command at an outlet: the catalogue checked the role; here the actor must be on the outlet's staff in one of
 * `positions` (admin and the general manager are exempt). 403 `not-outlet-staff` otherwise.
 */
export async function onOutletStaff(tx: EntityManager, code: string, actor: Actor, positions: readonly OutletPosition[]): Promise<OutletAccess> {
  const outlet = await outletByCode(tx, code);
  const who = await tillActor(tx, outlet, actor);
  refuseUnlessStaff(who, outlet.code);
  if (who.position !== null && !positions.includes(who.position)) {
    throw new DomainError('forbidden', 'not-outlet-staff', `${who.username} is not on ${outlet.code}'s staff as ${positions.join(' or ')}`);
  }
  return { outlet, username: who.username, position: who.position, supervisor: isOutletSupervisor(who) };
}

/** Who acts at the outlet's till: their roles and their position on its staff (null when not on it). */
export async function tillActor(tx: EntityManager, outlet: OutletEntity, actor: Actor): Promise<TillActor> {
  const username = usernameOf(actor);
  const member = await tx.findOne(OutletStaffEntity, { where: { outletId: outlet.id, username } });
  return { username, roles: actor.roles, position: member?.position ?? null };
}

/** The day's opening check, or the refusal every sale and payment meets before it. */
export async function requireOpeningCheck(tx: EntityManager, outlet: OutletEntity, date: string): Promise<OpeningCheckEntity> {
  const check = await tx.findOne(OpeningCheckEntity, { where: { outletId: outlet.id, businessDate: date } });
  if (!check) throw new DomainError('conflict', 'opening-check-missing', `Outlet ${outlet.code} has no opening check for ${date}: no sale before it`);
  return check;
}

/** Outlet staff without a desk role (or auditor/admin) see only their own outlets. */
export function onlyOwnOutlets(actor: Actor): boolean {
  const wide = [...SALES_DESK, 'admin', 'auditor'];
  return actor.roles.some((r) => (OUTLETS as readonly string[]).includes(r)) && !actor.roles.some((r) => wide.includes(r));
}

/** A read at an outlet: someone who works only at outlets reads only an outlet whose staff they are on. */
export async function mayReadOutlet(tx: EntityManager, code: string, actor: Actor): Promise<OutletEntity> {
  const outlet = await outletByCode(tx, code);
  if (onlyOwnOutlets(actor)) refuseUnlessStaff(await tillActor(tx, outlet, actor), outlet.code);
  return outlet;
}

/** Someone else named in a command (the incoming person of a handover) must be on the outlet's staff in one of `positions`. */
export async function isOnStaff(tx: EntityManager, outlet: OutletEntity, username: string, positions: readonly OutletPosition[]): Promise<boolean> {
  const staff = await tx.findOne(OutletStaffEntity, { where: { outletId: outlet.id, username } });
  return !!staff && positions.includes(staff.position);
}

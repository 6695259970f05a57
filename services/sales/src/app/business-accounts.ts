import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type Actor, type BusinessAccountReasonRequest, type BusinessAccountView, type IdRequest, type ListBusinessAccountsQuery, type Page,
  type RegisterBusinessAccountRequest,
} from '@ops/contracts';
import { businessNow, businessYear, DomainError, type Person } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, historyOf, type CommandContext, type HistoryEntry } from '@ops/service-kit';
import { Not, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approve, checkRegistration, register, reinstate, reject, suspend } from '../domain/business-account.js';
import { BusinessAccountEntity } from '../infra/persistence/online-service.entities.js';
import { BusinessAccountStore } from '../infra/persistence/online-service.stores.js';
import { usernameOf } from './outlet-access.js';
import { namedCustomer } from '../infra/persistence/customers.js';

/** The reviewer as the domain sees people here: by username (what the registrant is recorded as). */
const reviewer = (actor: Actor): Person => ({ userId: usernameOf(actor), roles: actor.roles });

/** Business accounts of the online store: registered, reviewed, suspended and reinstated (domain.md, business accounts). */
@Injectable()
export class BusinessAccounts {
  constructor(private readonly accounts: BusinessAccountStore) {}

  @Handles(SalesCatalog.registerBusinessAccount)
  async register(request: RegisterBusinessAccountRequest, { tx, actor, cause }: CommandContext): Promise<BusinessAccountView> {
    const registration = { kind: request.kind, subKind: request.subKind ?? null, creditCode: request.creditCode, customerId: request.customerId ?? null, documents: request.documents ?? [] };
    checkRegistration(registration);
    // The number first: its counter row stays locked until commit, so two registrations of the same company queue
    // here and the second sees the first in the checks below (a refusal rolls the counter back, no gap).
    const number = await nextDocumentNumber(tx, 'BA', businessYear());
    let customerName: string | null = null;
    if (registration.customerId) {
      const customer = await namedCustomer(tx, registration.customerId);
      customerName = customer.name;
      const held = await tx.findOne(BusinessAccountEntity, { where: { customerId: customer.id, status: Not('rejected') } });
      if (held) throw new DomainError('conflict', 'business-account-exists', `${customer.name} has buyer account ${held.number} already (${held.status.replace(/_/g, ' ')})`);
    }
    const same = await tx.findOne(BusinessAccountEntity, { where: { creditCode: request.creditCode, kind: request.kind, status: Not('rejected') } });
    if (same) throw new DomainError('conflict', 'business-account-exists', `${request.creditCode} is registered as ${request.kind.replace(/_/g, ' ')} already (${same.number})`);
    const step = register(tx.create(BusinessAccountEntity, {
      id: uuidv7(), number, ...registration, companyName: request.companyName,
      contactName: request.contactName, contactPhone: request.contactPhone, contactEmail: request.contactEmail ?? null,
      registeredBy: usernameOf(actor), registeredAt: businessNow(), reviewedBy: null, reviewedAt: null, decisionReason: null,
    }));
    const row = await this.accounts.create(tx, step, { actor, cause });
    return businessAccountView(row, customerName, await historyOf(tx, 'business-account', row.id));
  }

  @Handles(SalesCatalog.listBusinessAccounts)
  async list(query: ListBusinessAccountsQuery, { tx }: CommandContext): Promise<Page<BusinessAccountView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { status, kind, customerId } = query;
    const where: FindOptionsWhere<BusinessAccountEntity> = Object.fromEntries(Object.entries({ status, kind, customerId }).filter(([, v]) => v !== undefined));
    const [rows, total] = await tx.findAndCount(BusinessAccountEntity, { where, order: { registeredAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    const names = await this.customerNames(tx, rows);
    return { items: rows.map((r) => businessAccountView(r, r.customerId ? names.get(r.customerId) ?? null : null)), page, pageSize, total };
  }

  @Handles(SalesCatalog.getBusinessAccount)
  async get(request: IdRequest, { tx }: CommandContext): Promise<BusinessAccountView> {
    return this.view(tx, await this.accounts.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.approveBusinessAccount)
  async approve(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<BusinessAccountView> {
    const { row } = await this.accounts.change(tx, request.id, (a) => approve(a, reviewer(actor), businessNow()), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.rejectBusinessAccount)
  async reject(request: BusinessAccountReasonRequest, { tx, actor, cause }: CommandContext): Promise<BusinessAccountView> {
    const { row } = await this.accounts.change(tx, request.id, (a) => reject(a, reviewer(actor), request.reason, businessNow()), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.suspendBusinessAccount)
  async suspend(request: BusinessAccountReasonRequest, { tx, actor, cause }: CommandContext): Promise<BusinessAccountView> {
    const { row } = await this.accounts.change(tx, request.id, (a) => suspend(a, reviewer(actor), request.reason, businessNow()), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.reinstateBusinessAccount)
  async reinstate(request: BusinessAccountReasonRequest, { tx, actor, cause }: CommandContext): Promise<BusinessAccountView> {
    const { row } = await this.accounts.change(tx, request.id, (a) => reinstate(a, reviewer(actor), request.reason, businessNow()), { actor, cause });
    return this.view(tx, row);
  }

  private async view(tx: EntityManager, row: BusinessAccountEntity): Promise<BusinessAccountView> {
    const names = await this.customerNames(tx, [row]);
    return businessAccountView(row, row.customerId ? names.get(row.customerId) ?? null : null, await historyOf(tx, 'business-account', row.id));
  }

  private async customerNames(tx: EntityManager, rows: readonly BusinessAccountEntity[]): Promise<Map<string, string>> {
    const ids = [...new Set(rows.map((r) => r.customerId).filter((id): id is string => !!id))];
    if (!ids.length) return new Map();
    const customers: Array<{ id: string; name: string }> = await tx.query(`SELECT id, name FROM customers WHERE id = ANY($1::uuid[])`, [ids]);
    return new Map(customers.map((c) => [c.id, c.name]));
  }
}

export function businessAccountView(a: BusinessAccountEntity, customerName: string | null, history?: HistoryEntry[]): BusinessAccountView {
  return {
    id: a.id, number: a.number, kind: a.kind, subKind: a.subKind, status: a.status, companyName: a.companyName, creditCode: a.creditCode,
    contactName: a.contactName, contactPhone: a.contactPhone, contactEmail: a.contactEmail, customerId: a.customerId, customerName,
    documents: a.documents.map((d) => ({ kind: d.kind, reference: d.reference })), registeredBy: a.registeredBy, registeredAt: a.registeredAt.toISOString(),
    reviewedBy: a.reviewedBy, reviewedAt: a.reviewedAt ? a.reviewedAt.toISOString() : null, decisionReason: a.decisionReason,
    ...(history ? { timeline: history.map((h) => ({ from: h.fromState, to: h.toState, reason: h.reason, actorId: h.actorId, at: h.at.toISOString() })) } : {}),
  };
}

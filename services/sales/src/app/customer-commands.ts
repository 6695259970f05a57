import { Injectable } from '@nestjs/common';
import {
  ListCreditChangesQuery, ListCustomersQuery, pageWindow, SalesCatalog, type CreditChangeView, type CustomerView, type IdRequest, type Page, type RegisterCustomerRequest,
  type RejectCreditChangeRequest, type RequestCreditChangeRequest,
} from '@ops/contracts';
import { businessYear, DomainError } from '@ops/kernel';
import { escapeLike, nextDocumentNumber } from '@ops/persistence';
import { Handles, type CommandContext } from '@ops/service-kit';
import { ILike, In, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approveCreditChange, creditExposure, rejectCreditChange, requestCreditChange, withCreditTerms, type CreditTerms } from '../domain/credit-change.js';
import { uninvoicedCreditOrdersFen } from '../infra/persistence/credit-exposure.js';
import { CreditChangeEntity, CustomerEntity } from '../infra/persistence/sales.entities.js';
import { CreditChangeStore, CustomerStore } from '../infra/persistence/stores.js';
import { creditChangeView, customerView } from './views.js';

const termsOf = (c: CustomerEntity): CreditTerms => ({ grade: c.creditGrade, creditLimitFen: c.creditLimitFen, paymentTermsDays: c.paymentTermsDays });

/** Customers and their credit terms; a change of terms takes a sales manager's and then the sales VP's approval (domain.md §4.4). */
@Injectable()
export class CustomerCommands {
  constructor(private readonly customers: CustomerStore, private readonly creditChanges: CreditChangeStore) {}

  /** A new customer starts at grade D (pays before delivery) until a credit change is approved. */
  @Handles(SalesCatalog.registerCustomer)
  async registerCustomer(request: RegisterCustomerRequest, { tx, actor, cause }: CommandContext): Promise<CustomerView> {
    if (await tx.existsBy(CustomerEntity, { code: request.code })) {
      throw new DomainError('conflict', 'customer-code-taken', `Customer code ${request.code} is already in use`, [{ field: 'code', message: 'is already in use' }]);
    }
    const customer = await this.customers.create(tx, {
      state: tx.create(CustomerEntity, {
        id: uuidv7(), code: request.code, name: request.name, region: request.region ?? null, phone: request.phone ?? null,
        contactName: request.contactName ?? null, assignedRep: request.assignedRep ?? null, taxId: request.taxId ?? null,
        creditGrade: 'D', creditLimitFen: 0, paymentTermsDays: 0, openReceivableFen: 0, overdueFen: 0, receivableRevision: 0, onHold: false, holdReason: null, holdChangedAt: null,
      }),
      transitions: [{ from: 'new', to: 'grade D', reason: 'registered' }],
      events: [],
    }, { actor, cause });
    return customerView(customer);
  }

  @Handles(SalesCatalog.listCustomers)
  async listCustomers(query: ListCustomersQuery, { tx }: CommandContext): Promise<Page<CustomerView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const filters: FindOptionsWhere<CustomerEntity> = {};
    if (query.region) filters.region = query.region;
    if (query.assignedRep) filters.assignedRep = query.assignedRep;
    if (query.grade) filters.creditGrade = query.grade;
    if (query.onHold) filters.onHold = query.onHold === 'true';
    // What the person typed is searched literally: % and _ are not wildcards (trigram indexes serve the ILIKE).
    const contains = query.search && ILike(`%${escapeLike(query.search)}%`);
    const where = contains ? [{ ...filters, code: contains }, { ...filters, name: contains }] : filters;
    const [rows, total] = await tx.findAndCount(CustomerEntity, { where, order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map((c) => customerView(c)), page, pageSize, total };
  }

  /** One customer with the credit exposure the credit rules weigh: open receivable + credit orders not yet invoiced. */
  @Handles(SalesCatalog.getCustomer)
  async getCustomer(request: IdRequest, { tx }: CommandContext): Promise<CustomerView> {
    const customer = await this.customers.get(tx, request.id, { lock: false });
    const uninvoiced = await uninvoicedCreditOrdersFen(tx, customer.id);
    const exposureFen = creditExposure(customer.openReceivableFen, uninvoiced);
    return customerView(customer, { uninvoicedCreditOrdersFen: uninvoiced, exposureFen, availableCreditFen: customer.creditLimitFen - exposureFen });
  }

  @Handles(SalesCatalog.requestCreditChange)
  async requestCreditChange(request: RequestCreditChangeRequest, { tx, actor, cause }: CommandContext): Promise<CreditChangeView> {
    const proposed: CreditTerms = { grade: request.grade, creditLimitFen: request.creditLimitFen, paymentTermsDays: request.paymentTermsDays };
    const customer = await this.customers.get(tx, request.customerId);
    const open = await tx.findOne(CreditChangeEntity, { where: { customerId: customer.id, status: In(['pending_manager', 'pending_vp']) } });
    if (open) throw new DomainError('conflict', 'credit-change-open', `Credit change ${open.number} for ${customer.code} is still waiting for approval; decide it first`);
    const change = tx.create(CreditChangeEntity, {
      id: uuidv7(), number: await nextDocumentNumber(tx, 'CC', businessYear()), customerId: customer.id,
      proposed, previous: termsOf(customer), reason: request.reason, requestedBy: actor.userId, requestedAt: new Date(),
      managerApprovedBy: null, managerApprovedAt: null, decidedBy: null, decidedAt: null, decisionNote: null,
    });
    return creditChangeView(await this.creditChanges.create(tx, requestCreditChange(change, request.reason), { actor, cause }));
  }

  @Handles(SalesCatalog.listCreditChanges)
  async listCreditChanges(query: ListCreditChangesQuery, { tx }: CommandContext): Promise<Page<CreditChangeView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { status, customerId } = query;
    const where: FindOptionsWhere<CreditChangeEntity> = Object.fromEntries(Object.entries({ status, customerId }).filter(([, value]) => value !== undefined));
    const [rows, total] = await tx.findAndCount(CreditChangeEntity, { where, order: { requestedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(creditChangeView), page, pageSize, total };
  }

  @Handles(SalesCatalog.getCreditChange)
  async getCreditChange(request: IdRequest, { tx }: CommandContext): Promise<CreditChangeView> {
    return creditChangeView(await this.creditChanges.get(tx, request.id, { lock: false }));
  }

  /** The manager's approval moves it to the VP; the VP's approval puts the terms in force. */
  @Handles(SalesCatalog.approveCreditChange)
  async approveCreditChange(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<CreditChangeView> {
    const { row: change } = await this.creditChanges.change(tx, request.id, (c) => approveCreditChange(c, actor), { actor, cause });
    if (change.status === 'approved') {
      await this.customers.change(tx, change.customerId, (customer) => withCreditTerms(customer, change.proposed, change.number), { actor, cause });
    }
    return creditChangeView(change);
  }

  @Handles(SalesCatalog.rejectCreditChange)
  async rejectCreditChange(request: RejectCreditChangeRequest, { tx, actor, cause }: CommandContext): Promise<CreditChangeView> {
    const { row } = await this.creditChanges.change(tx, request.id, (c) => rejectCreditChange(c, actor, request.reason), { actor, cause });
    return creditChangeView(row);
  }
}

import { Injectable } from '@nestjs/common';
import {
  businessYear, DecideCreditChangeRequest, DomainError, GetCustomerRequest, ListCreditChangesQuery, ListCustomersQuery, pageWindow, RegisterCustomerRequest,
  RejectCreditChangeRequest, RequestCreditChangeRequest, SalesRpc, type CreditChangeView, type CustomerView, type Page,
} from '@ops/contracts';
import type { RpcContext } from '@ops/messaging';
import { nextDocumentNumber, once } from '@ops/persistence';
import { RpcHandler } from '@ops/service-kit';
import { DataSource, ILike, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approveCreditChange, checkProposedTerms, creditExposure, rejectCreditChange, type CreditTerms } from '../domain/credit-change.js';
import { CreditChangeEntity, CustomerEntity } from '../infra/persistence/sales.entities.js';
import { uninvoicedCreditOrdersFen } from '../infra/persistence/credit-exposure.js';
import { creditChangeView, customerView } from './views.js';

const termsOf = (c: CustomerEntity): CreditTerms => ({ grade: c.creditGrade, creditLimitFen: c.creditLimitFen, paymentTermsDays: c.paymentTermsDays });

/** Customers and their credit terms; a change of terms takes a sales manager's and then the sales VP's approval (DESIGN §4.4). */
@Injectable()
export class CustomerCommands {
  constructor(private readonly dataSource: DataSource) {}

  /** A new customer starts at grade D (pays before delivery) until a credit change is approved. */
  @RpcHandler(SalesRpc.registerCustomer, RegisterCustomerRequest)
  async registerCustomer(request: RegisterCustomerRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SalesRpc.registerCustomer, async () => {
        const taken = await tx.existsBy(CustomerEntity, { code: request.code });
        if (taken) throw new DomainError('conflict', 'customer-code-taken', `Customer code ${request.code} is already in use`, [{ field: 'code', message: 'is already in use' }]);
        const customer = tx.create(CustomerEntity, {
          id: uuidv7(), code: request.code, name: request.name, region: request.region ?? null, phone: request.phone ?? null,
          contactName: request.contactName ?? null, assignedRep: request.assignedRep ?? null,
          creditGrade: 'D', creditLimitFen: 0, paymentTermsDays: 0, openReceivableFen: 0, overdueFen: 0, receivableRevision: 0, onHold: false, holdReason: null, holdChangedAt: null,
        });
        return customerView(await tx.save(customer));
      }),
    );
  }

  @RpcHandler(SalesRpc.listCustomers, ListCustomersQuery)
  async listCustomers(query: ListCustomersQuery): Promise<Page<CustomerView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const filters: FindOptionsWhere<CustomerEntity> = {};
    if (query.region) filters.region = query.region;
    if (query.assignedRep) filters.assignedRep = query.assignedRep;
    if (query.grade) filters.creditGrade = query.grade;
    if (query.onHold) filters.onHold = query.onHold === 'true';
    const where = query.search ? [{ ...filters, code: ILike(`%${query.search}%`) }, { ...filters, name: ILike(`%${query.search}%`) }] : filters;
    const [rows, total] = await this.dataSource.getRepository(CustomerEntity).findAndCount({ where, order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map((c) => customerView(c)), page, pageSize, total };
  }

  /** One customer with the credit exposure the credit rules weigh: open receivable + credit orders not yet invoiced. */
  @RpcHandler(SalesRpc.getCustomer, GetCustomerRequest)
  async getCustomer(request: GetCustomerRequest): Promise<CustomerView> {
    const customer = await this.dataSource.getRepository(CustomerEntity).findOneBy({ id: request.id });
    if (!customer) throw new DomainError('not_found', 'customer-not-found', `No customer ${request.id}`);
    const uninvoiced = await uninvoicedCreditOrdersFen(this.dataSource.manager, customer.id);
    const exposureFen = creditExposure(customer.openReceivableFen, uninvoiced);
    return customerView(customer, { uninvoicedCreditOrdersFen: uninvoiced, exposureFen, availableCreditFen: customer.creditLimitFen - exposureFen });
  }

  @RpcHandler(SalesRpc.requestCreditChange, RequestCreditChangeRequest)
  async requestCreditChange(request: RequestCreditChangeRequest, context: RpcContext): Promise<CreditChangeView> {
    const proposed: CreditTerms = { grade: request.grade, creditLimitFen: request.creditLimitFen, paymentTermsDays: request.paymentTermsDays };
    checkProposedTerms(proposed);
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SalesRpc.requestCreditChange, async () => {
        const customer = await tx.findOne(CustomerEntity, { where: { id: request.customerId }, lock: { mode: 'pessimistic_write' } });
        if (!customer) throw new DomainError('not_found', 'customer-not-found', `No customer ${request.customerId}`);
        const open = await tx.findOne(CreditChangeEntity, { where: [{ customerId: customer.id, status: 'pending_manager' }, { customerId: customer.id, status: 'pending_vp' }] });
        if (open) throw new DomainError('conflict', 'credit-change-open', `Credit change ${open.number} for ${customer.code} is still waiting for approval; decide it first`);
        const change = tx.create(CreditChangeEntity, {
          id: uuidv7(), number: await nextDocumentNumber(tx, 'CC', businessYear()), customerId: customer.id, status: 'pending_manager',
          proposed, previous: termsOf(customer), reason: request.reason, requestedBy: context.actor.userId,
          managerApprovedBy: null, managerApprovedAt: null, decidedBy: null, decidedAt: null, decisionNote: null,
        });
        return creditChangeView(await tx.save(change));
      }),
    );
  }

  @RpcHandler(SalesRpc.listCreditChanges, ListCreditChangesQuery)
  async listCreditChanges(query: ListCreditChangesQuery): Promise<Page<CreditChangeView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<CreditChangeEntity> = {};
    if (query.status) where.status = query.status;
    if (query.customerId) where.customerId = query.customerId;
    const [rows, total] = await this.dataSource.getRepository(CreditChangeEntity).findAndCount({ where, order: { requestedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(creditChangeView), page, pageSize, total };
  }

  /** The manager's approval moves it to the VP; the VP's approval puts the terms in force. */
  @RpcHandler(SalesRpc.approveCreditChange, DecideCreditChangeRequest)
  approveCreditChange(request: DecideCreditChangeRequest, context: RpcContext): Promise<CreditChangeView> {
    return this.decide(request.id, async (tx, change) => {
      const next = approveCreditChange(change, context.actor);
      const now = new Date();
      if (next.status === 'pending_vp') Object.assign(change, { status: next.status, managerApprovedBy: context.actor.userId, managerApprovedAt: now });
      else {
        Object.assign(change, { status: next.status, decidedBy: context.actor.userId, decidedAt: now });
        const { grade, creditLimitFen, paymentTermsDays } = change.proposed;
        await tx.update(CustomerEntity, { id: change.customerId }, { creditGrade: grade, creditLimitFen, paymentTermsDays });
      }
    });
  }

  @RpcHandler(SalesRpc.rejectCreditChange, RejectCreditChangeRequest)
  rejectCreditChange(request: RejectCreditChangeRequest, context: RpcContext): Promise<CreditChangeView> {
    return this.decide(request.id, async (_tx, change) => {
      rejectCreditChange(change, context.actor);
      Object.assign(change, { status: 'rejected', decidedBy: context.actor.userId, decidedAt: new Date(), decisionNote: request.reason });
    });
  }

  private decide(id: string, step: (tx: EntityManager, change: CreditChangeEntity) => Promise<void>): Promise<CreditChangeView> {
    return this.dataSource.transaction(async (tx) => {
      const change = await tx.findOne(CreditChangeEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!change) throw new DomainError('not_found', 'credit-change-not-found', `No credit change ${id}`);
      await step(tx, change);
      return creditChangeView(await tx.save(change));
    });
  }
}

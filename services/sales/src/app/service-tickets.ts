import { Injectable } from '@nestjs/common';
import {
  pageWindow, SalesCatalog, type CloseServiceTicketRequest, type IdRequest, type ListServiceTicketsQuery, type OpenServiceTicketRequest, type OpenTicketReturnRequest,
  type Page, type ReassignServiceTicketRequest, type ReopenServiceTicketRequest, type ResolveServiceTicketRequest, type ServiceTicketNoteRequest,
  type ServiceTicketReportQuery, type ServiceTicketReportView, type ServiceTicketView,
} from '@ops/contracts';
import { businessDate, businessNow, businessYear, DomainError, reportPeriod } from '@ops/kernel';
import { nextDocumentNumber } from '@ops/persistence';
import { Handles, historyOf, type CommandContext, type HistoryEntry } from '@ops/service-kit';
import { In, LessThan, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import {
  addNote, checkCustomer, close, defaultDeadline, hoursBetween, isOverdue, linkReturn, openTicket, reassign, refuseOrderOfAnother, refuseUnlessMayOpenReturn, reopen,
  resolve, start, timeReport,
} from '../domain/service-ticket.js';
import { ServiceTicketEntity } from '../infra/persistence/online-service.entities.js';
import { ServiceTicketStore } from '../infra/persistence/online-service.stores.js';
import { OrderEntity } from '../infra/persistence/sales.entities.js';
import { usernameOf } from './outlet-access.js';
import { ReturnCommands } from './return-commands.js';
import { namedCustomer } from '../infra/persistence/customers.js';

/** After-sales service tickets (domain.md, service tickets): opened, answered, resolved, closed with satisfaction; a return request opens an RMA. */
@Injectable()
export class ServiceTickets {
  constructor(private readonly tickets: ServiceTicketStore, private readonly returns: ReturnCommands) {}

  @Handles(SalesCatalog.openServiceTicket)
  async open(request: OpenServiceTicketRequest, { tx, actor, cause }: CommandContext): Promise<ServiceTicketView> {
    checkCustomer(request);
    let customerName = request.customerName ?? '';
    let orderNumber: string | null = null;
    if (request.customerId) {
      const customer = await namedCustomer(tx, request.customerId);
      customerName = customer.name;
      if (request.orderId) {
        const order = await tx.findOne(OrderEntity, { where: { id: request.orderId } });
        if (!order) throw new DomainError('rule_violated', 'unknown-order', `No order ${request.orderId}`, [{ field: 'orderId', message: 'names no order' }]);
        refuseOrderOfAnother(order, customer.id);
        orderNumber = order.number;
      }
    }
    const openedBy = usernameOf(actor);
    const openedAt = businessNow();
    const step = openTicket(tx.create(ServiceTicketEntity, {
      id: uuidv7(), number: await nextDocumentNumber(tx, 'CS', businessYear(openedAt)), kind: request.kind, channel: request.channel, subject: request.subject,
      customerId: request.customerId ?? null, customerName, customerPhone: request.customerPhone ?? null, orderId: request.orderId ?? null, orderNumber,
      owner: request.owner ?? openedBy, openedBy, openedAt, deadlineAt: request.deadlineAt ? new Date(request.deadlineAt) : defaultDeadline(request.kind, openedAt),
      notes: [], firstResponseAt: null, resolution: null, resolvedAt: null, closedAt: null, satisfaction: null, feedback: null, returnId: null, rmaNumber: null, replacementOrders: [],
    }), request.description ?? null);
    const row = await this.tickets.create(tx, step, { actor, cause });
    return serviceTicketView(row, businessNow(), await historyOf(tx, 'service-ticket', row.id));
  }

  @Handles(SalesCatalog.listServiceTickets)
  async list(query: ListServiceTicketsQuery, { tx }: CommandContext): Promise<Page<ServiceTicketView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { status, kind, owner, customerId } = query;
    const where: FindOptionsWhere<ServiceTicketEntity> = Object.fromEntries(Object.entries({ status, kind, owner, customerId }).filter(([, v]) => v !== undefined));
    const now = businessNow();
    const overdue = query.overdue === 'true';
    if (overdue) {
      where.status = status && ['open', 'in_progress'].includes(status) ? status : In(['open', 'in_progress']);
      where.deadlineAt = LessThan(now);
      if (status && !['open', 'in_progress'].includes(status)) return { items: [], page, pageSize, total: 0 };
    }
    const [rows, total] = await tx.findAndCount(ServiceTicketEntity, {
      where, order: overdue ? { deadlineAt: 'ASC', id: 'ASC' } : { openedAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize,
    });
    return { items: rows.map((r) => serviceTicketView(r, now)), page, pageSize, total };
  }

  @Handles(SalesCatalog.getServiceTicketReport)
  async report(query: ServiceTicketReportQuery, { tx }: CommandContext): Promise<ServiceTicketReportView> {
    const period = reportPeriod(query, businessDate());
    const rows: Array<{ kind: ServiceTicketEntity['kind']; owner: string; opened_at: Date; first_response_at: Date | null; resolved_at: Date | null }> = await tx.query(
      `SELECT kind, owner, opened_at, first_response_at, resolved_at FROM service_tickets
        WHERE opened_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND opened_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`,
      [period.from, period.to],
    );
    const report = timeReport(rows.map((r) => ({ kind: r.kind, owner: r.owner, openedAt: new Date(r.opened_at), firstResponseAt: r.first_response_at && new Date(r.first_response_at), resolvedAt: r.resolved_at && new Date(r.resolved_at) })));
    return { from: period.from, to: period.to, ...report };
  }

  @Handles(SalesCatalog.getServiceTicket)
  async get(request: IdRequest, { tx }: CommandContext): Promise<ServiceTicketView> {
    return this.view(tx, await this.tickets.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.addServiceTicketNote)
  async addNote(request: ServiceTicketNoteRequest, { tx, actor, cause }: CommandContext): Promise<ServiceTicketView> {
    const { row } = await this.tickets.change(tx, request.id, (t) => addNote(t, { direction: request.direction, text: request.text, by: usernameOf(actor) }, businessNow()), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.startServiceTicket)
  async start(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<ServiceTicketView> {
    const { row } = await this.tickets.change(tx, request.id, (t) => start(t, usernameOf(actor)), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.resolveServiceTicket)
  async resolve(request: ResolveServiceTicketRequest, { tx, actor, cause }: CommandContext): Promise<ServiceTicketView> {
    const { row } = await this.tickets.change(tx, request.id, (t) => resolve(t, request.resolution, usernameOf(actor), businessNow()), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.reopenServiceTicket)
  async reopen(request: ReopenServiceTicketRequest, { tx, actor, cause }: CommandContext): Promise<ServiceTicketView> {
    const { row } = await this.tickets.change(tx, request.id, (t) => reopen(t, request.reason, usernameOf(actor)), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.closeServiceTicket)
  async close(request: CloseServiceTicketRequest, { tx, actor, cause }: CommandContext): Promise<ServiceTicketView> {
    const { row } = await this.tickets.change(tx, request.id, (t) => close(t, request.satisfaction, request.feedback ?? null, usernameOf(actor), businessNow()), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.reassignServiceTicket)
  async reassign(request: ReassignServiceTicketRequest, { tx, actor, cause }: CommandContext): Promise<ServiceTicketView> {
    const { row } = await this.tickets.change(tx, request.id, (t) => reassign(t, request.owner, { ...actor, username: usernameOf(actor) }, request.reason ?? null), { actor, cause });
    return this.view(tx, row);
  }

  /** The RMA is recorded by the returns' own command, in this transaction: the ticket is locked first, so it opens one RMA at most. */
  @Handles(SalesCatalog.openTicketReturn)
  async openReturn(request: OpenTicketReturnRequest, context: CommandContext): Promise<ServiceTicketView> {
    const { tx, actor, cause } = context;
    const ticket = await this.tickets.get(tx, request.id);
    const orderId = refuseUnlessMayOpenReturn(ticket);
    const rma = await this.returns.requestReturn({
      orderId, lines: request.lines, reason: request.reason, faulty: request.faulty, note: request.note ?? `From service ticket ${ticket.number}`,
    }, context);
    const { row } = await this.tickets.apply(tx, ticket, (t) => linkReturn(t, { id: rma.id, number: rma.number }, usernameOf(actor)), { actor, cause });
    return this.view(tx, row);
  }

  private async view(tx: EntityManager, row: ServiceTicketEntity): Promise<ServiceTicketView> {
    return serviceTicketView(row, businessNow(), await historyOf(tx, 'service-ticket', row.id));
  }
}

export function serviceTicketView(t: ServiceTicketEntity, now: Date, history?: HistoryEntry[]): ServiceTicketView {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: t.id, number: t.number, kind: t.kind, status: t.status, channel: t.channel, subject: t.subject, customerId: t.customerId, customerName: t.customerName,
    customerPhone: t.customerPhone, orderId: t.orderId, orderNumber: t.orderNumber, owner: t.owner, openedBy: t.openedBy, openedAt: t.openedAt.toISOString(),
    deadlineAt: t.deadlineAt.toISOString(), overdue: isOverdue(t, now), firstResponseAt: iso(t.firstResponseAt),
    firstResponseHours: t.firstResponseAt ? hoursBetween(t.openedAt, t.firstResponseAt) : null, resolution: t.resolution, resolvedAt: iso(t.resolvedAt),
    resolutionHours: t.resolvedAt ? hoursBetween(t.openedAt, t.resolvedAt) : null, closedAt: iso(t.closedAt), satisfaction: t.satisfaction, feedback: t.feedback,
    returnId: t.returnId, rmaNumber: t.rmaNumber, replacementOrders: (t.replacementOrders ?? []).map((r) => ({ ...r })), notes: t.notes.map((n) => ({ ...n })),
    ...(history ? { timeline: history.map((h) => ({ from: h.fromState, to: h.toState, reason: h.reason, actorId: h.actorId, at: h.at.toISOString() })) } : {}),
  };
}

import { Inject, Injectable } from '@nestjs/common';
import {
  ApproveOrderRequest, businessDate, businessYear, CancelOrderRequest, DomainError, GetOrderRequest, ListOrdersQuery, OrderCancelled, OrderPlaced, pageWindow, PlaceOrderRequest,
  RejectOrderRequest, SalesRpc, ShippingExceptionApproved, ShippingExceptionRequest, type OrderSummaryView, type OrderView, type Page, type PaymentTerms,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { assignDocumentNumberLast, once, pendingNumber } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { And, DataSource, LessThan, MoreThanOrEqual, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approve, approveShippingException, cancel, priceLines, reject, submit, wasPlaced, type OrderLine, type Transition } from '../domain/order.js';
import { creditExposure } from '../domain/credit-change.js';
import { creditDecision, type CreditStanding } from '../domain/credit-policy.js';
import { validPrice } from '../domain/price-list.js';
import { uninvoicedCreditOrdersFen } from '../infra/persistence/credit-exposure.js';
import { approvedListsFor } from '../infra/persistence/price-lists.js';
import { CustomerEntity, OrderEntity, OrderHistoryEntity, OrderLineEntity, ShippingNoticeEntity } from '../infra/persistence/sales.entities.js';
import { orderSummary, orderView } from './views.js';

@Injectable()
export class OrderCommands {
  constructor(private readonly dataSource: DataSource, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  /** Records an order; one that needs no approval is placed at once and announced to the others. */
  @RpcHandler(SalesRpc.placeOrder, PlaceOrderRequest)
  async placeOrder(request: PlaceOrderRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SalesRpc.placeOrder, async () => {
        const customer = await tx.findOne(CustomerEntity, {
          where: { id: request.customerId },
          // Credit orders are weighed against the exposure of the orders before them, one at a time.
          ...(request.paymentTerms === 'credit' ? { lock: { mode: 'pessimistic_write' as const } } : {}),
        });
        if (!customer) throw new DomainError('rule_violated', 'unknown-customer', `No customer ${request.customerId}`, [{ field: 'customerId', message: 'names no customer' }]);
        const today = businessDate();
        const lists = await approvedListsFor(tx, request.lines.map((l) => l.sku), today);
        const { lines, totalFen, discount } = priceLines(request.lines, (sku) => validPrice(lists, sku, today));
        const credit = creditDecision(await this.standingOf(tx, customer, request.paymentTerms), { paymentTerms: request.paymentTerms, totalFen });
        const { status, approval, transition } = submit({ totalFen, paymentTerms: request.paymentTerms, discount }, credit);
        const id = uuidv7();
        const order = tx.create(OrderEntity, {
          id,
          number: pendingNumber(id),
          customerId: customer.id,
          customerName: customer.name,
          status,
          paymentTerms: request.paymentTerms,
          creditTermsDays: request.paymentTerms === 'credit' ? customer.paymentTermsDays : null,
          approvalLevel: approval.level,
          approvalReasons: approval.reasons,
          totalFen,
          shipTo: { name: request.shipTo.name, phone: request.shipTo.phone, address: request.shipTo.address },
          shippingMethod: request.shippingMethod,
          requestedDate: request.requestedDate.slice(0, 10),
          stockReserved: false,
          paid: false,
          shippedInPart: false,
          shippingException: null,
          placedAt: status === 'approved' ? new Date() : null,
          createdBy: context.actor.userId,
          createdAt: new Date(),
          updatedAt: new Date(),
          version: 1,
        });
        const lineRows = lines.map((line) => tx.create(OrderLineEntity, { orderId: order.id, ...line, shippedQuantity: 0 }));
        const history = tx.create(OrderHistoryEntity, { orderId: order.id, fromStatus: transition.from, toStatus: transition.to, reason: transition.reason, actorId: context.actor.userId, eventId: null, at: new Date() });
        await tx.insert(OrderEntity, order);
        await tx.insert(OrderLineEntity, lineRows);
        await tx.insert(OrderHistoryEntity, history);
        const placed = status === 'approved' ? await this.announcePlaced(tx, order, lines, context) : undefined;
        // Last statement before commit: the series row is locked only briefly (see assignDocumentNumberLast).
        order.number = await assignDocumentNumberLast(tx, { series: 'SO', year: businessYear(), table: 'orders', id: order.id, event: placed && { id: placed.id, field: 'orderNumber' } });
        return orderView(order, lineRows, [history], []);
      }),
    );
  }

  /** An approver at the order's level or higher places a pending order; its creator never can. */
  @RpcHandler(SalesRpc.approveOrder, ApproveOrderRequest)
  approveOrder(request: ApproveOrderRequest, context: RpcContext): Promise<OrderView> {
    return this.decide(request.id, context, async (order, tx) => approve(order, context.actor, await tx.findOneByOrFail(CustomerEntity, { id: order.customerId })));
  }

  @RpcHandler(SalesRpc.rejectOrder, RejectOrderRequest)
  rejectOrder(request: RejectOrderRequest, context: RpcContext): Promise<OrderView> {
    return this.decide(request.id, context, (order) => reject(order, context.actor, request.reason));
  }

  /**
   * Before shipping, an order may be cancelled; if the others had heard of it they undo their part:
   * inventory releases the stock, finance refunds or keeps the money as prepayment.
   */
  @RpcHandler(SalesRpc.cancelOrder, CancelOrderRequest)
  cancelOrder(request: CancelOrderRequest, context: RpcContext): Promise<OrderView> {
    return this.decide(request.id, context, (order) => cancel(order, request.reason), async (tx, order, placedBefore) => {
      if (!placedBefore) return;
      await this.outbox.append(tx, OrderCancelled, {
        aggregateId: order.id,
        actor: context.actor,
        cause: { requestId: context.requestId },
        data: { orderId: order.id, customerId: order.customerId, reason: request.reason, moneyDisposition: request.moneyDisposition },
      });
    });
  }

  /** The sales VP's written exception: inventory releases the order for picking (DESIGN §4.4, §4.6). */
  @RpcHandler(SalesRpc.approveShippingException, ShippingExceptionRequest)
  approveShippingException(request: ShippingExceptionRequest, context: RpcContext): Promise<OrderView> {
    return this.dataSource.transaction(async (tx) => {
      const order = await tx.findOne(OrderEntity, { where: { id: request.id }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new DomainError('not_found', 'order-not-found', `No order ${request.id}`);
      approveShippingException(order, context.actor);
      order.shippingException = request.reason;
      await tx.save(order);
      await tx.insert(OrderHistoryEntity, { orderId: order.id, fromStatus: order.status, toStatus: order.status, reason: `shipping exception approved: ${request.reason}`, actorId: context.actor.userId, eventId: null });
      await this.outbox.append(tx, ShippingExceptionApproved, {
        aggregateId: order.id, actor: context.actor, cause: { requestId: context.requestId },
        data: { orderId: order.id, customerId: order.customerId, reason: request.reason },
      });
      return this.getOrderIn(tx, order);
    });
  }

  private async getOrderIn(tx: EntityManager, order: OrderEntity): Promise<OrderView> {
    const [lines, history, notices] = await Promise.all([
      tx.find(OrderLineEntity, { where: { orderId: order.id }, order: { lineNo: 'ASC' } }),
      tx.find(OrderHistoryEntity, { where: { orderId: order.id }, order: { id: 'ASC' } }),
      tx.find(ShippingNoticeEntity, { where: { orderId: order.id }, order: { createdAt: 'ASC' } }),
    ]);
    return orderView(order, lines, history, notices);
  }

  private decide(
    id: string,
    context: RpcContext,
    step: (order: OrderEntity, tx: EntityManager) => { state: OrderEntity; transition?: Transition } | Promise<{ state: OrderEntity; transition?: Transition }>,
    after?: (tx: EntityManager, order: OrderEntity, placedBefore: boolean) => Promise<void>,
  ): Promise<OrderView> {
    return this.dataSource.transaction(async (tx) => {
      const order = await tx.findOne(OrderEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new DomainError('not_found', 'order-not-found', `No order ${id}`);
      const placedBefore = wasPlaced(order.status);
      const { state, transition } = await step(order, tx);
      order.status = state.status;
      if (order.status === 'approved') order.placedAt = new Date();
      await tx.save(order);
      await tx.insert(OrderHistoryEntity, { orderId: id, fromStatus: transition!.from, toStatus: transition!.to, reason: transition!.reason, actorId: context.actor.userId, eventId: null });
      const lines = await tx.find(OrderLineEntity, { where: { orderId: id }, order: { lineNo: 'ASC' } });
      if (order.status === 'approved') await this.announcePlaced(tx, order, lines, context);
      await after?.(tx, order, placedBefore);
      const history = await tx.find(OrderHistoryEntity, { where: { orderId: id }, order: { id: 'ASC' } });
      return orderView(order, lines, history, []);
    });
  }

  /** An approved order is placed: inventory reserves it, finance opens the amount due. */
  private announcePlaced(tx: EntityManager, order: OrderEntity, lines: OrderLine[], context: RpcContext) {
    return this.outbox.append(tx, OrderPlaced, {
      aggregateId: order.id,
      actor: context.actor,
      cause: { requestId: context.requestId },
      data: {
        orderId: order.id, orderNumber: order.number, customerId: order.customerId, customerName: order.customerName, paymentTerms: order.paymentTerms, totalFen: order.totalFen,
        lines: lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, lineTotalFen: l.lineTotalFen })),
        ...(order.creditTermsDays !== null ? { creditTermsDays: order.creditTermsDays } : {}),
      },
    });
  }

  /** What the credit rules weigh (DESIGN §4.4): finance's word on the customer plus credit orders not yet invoiced. */
  private async standingOf(tx: EntityManager, customer: CustomerEntity, terms: PaymentTerms): Promise<CreditStanding> {
    const uninvoiced = terms === 'credit' ? await uninvoicedCreditOrdersFen(tx, customer.id) : 0;
    return {
      grade: customer.creditGrade, limitFen: customer.creditLimitFen, exposureFen: creditExposure(customer.openReceivableFen, uninvoiced),
      overdue: customer.overdueFen > 0, onHold: customer.onHold,
    };
  }

  @RpcHandler(SalesRpc.getOrder, GetOrderRequest)
  async getOrder(request: GetOrderRequest) {
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ id: request.id });
    if (!order) throw new DomainError('not_found', 'order-not-found', `No order ${request.id}`);
    return this.getOrderIn(this.dataSource.manager, order);
  }

  @RpcHandler(SalesRpc.listOrders, ListOrdersQuery)
  async listOrders(query: ListOrdersQuery): Promise<Page<OrderSummaryView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<OrderEntity> = {};
    if (query.status) where.status = query.status;
    if (query.customerId) where.customerId = query.customerId;
    if (query.paymentTerms) where.paymentTerms = query.paymentTerms;
    if (query.number) where.number = query.number;
    if (query.createdBy) where.createdBy = query.createdBy;
    if (query.from || query.to) {
      const from = query.from ? MoreThanOrEqual(new Date(query.from)) : undefined;
      const before = query.to ? LessThan(new Date(query.to)) : undefined;
      where.createdAt = from && before ? And(from, before) : (from ?? before);
    }
    const [rows, total] = await this.dataSource.getRepository(OrderEntity).findAndCount({ where, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(orderSummary), page, pageSize, total };
  }
}

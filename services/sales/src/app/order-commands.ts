import { Inject, Injectable } from '@nestjs/common';
import {
  ApproveOrderRequest, businessYear, CancelOrderRequest, DomainError, GetOrderRequest, OrderCancelled, ListCustomersQuery, ListOrdersQuery, OrderPlaced, pageWindow, PlaceOrderRequest,
  RegisterCustomerRequest, RejectOrderRequest, SalesRpc, type CustomerView, type OrderSummaryView, type OrderView, type Page,
} from '@ops/contracts';
import type { OutboxWriter, RpcContext } from '@ops/messaging';
import { assignDocumentNumberLast, once, pendingNumber } from '@ops/persistence';
import { OUTBOX, RpcHandler } from '@ops/service-kit';
import { DataSource, ILike, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { approve, cancel, priceLines, reject, submit, wasPlaced, type OrderLine, type Transition } from '../domain/order.js';
import { CustomerEntity, OrderEntity, OrderHistoryEntity, OrderLineEntity, ShippingNoticeEntity } from '../infra/persistence/sales.entities.js';
import { customerView, orderSummary, orderView } from './views.js';

@Injectable()
export class OrderCommands {
  constructor(private readonly dataSource: DataSource, @Inject(OUTBOX) private readonly outbox: OutboxWriter) {}

  @RpcHandler(SalesRpc.registerCustomer, RegisterCustomerRequest)
  async registerCustomer(request: RegisterCustomerRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SalesRpc.registerCustomer, async () => {
        const taken = await tx.existsBy(CustomerEntity, { code: request.code });
        if (taken) throw new DomainError('conflict', 'customer-code-taken', `Customer code ${request.code} is already in use`, [{ field: 'code', message: 'is already in use' }]);
        const customer = tx.create(CustomerEntity, { id: uuidv7(), code: request.code, name: request.name, region: request.region ?? null, phone: request.phone ?? null });
        return customerView(await tx.save(customer));
      }),
    );
  }

  @RpcHandler(SalesRpc.listCustomers, ListCustomersQuery)
  async listCustomers(query: ListCustomersQuery): Promise<Page<CustomerView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where = query.search ? [{ code: ILike(`%${query.search}%`) }, { name: ILike(`%${query.search}%`) }] : {};
    const [rows, total] = await this.dataSource.getRepository(CustomerEntity).findAndCount({ where, order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map(customerView), page, pageSize, total };
  }

  /** Records an order; one that needs no approval is placed at once and announced to the others. */
  @RpcHandler(SalesRpc.placeOrder, PlaceOrderRequest)
  async placeOrder(request: PlaceOrderRequest, context: RpcContext) {
    return this.dataSource.transaction((tx) =>
      once(tx, context.idempotencyKey, SalesRpc.placeOrder, async () => {
        const customer = await tx.findOneBy(CustomerEntity, { id: request.customerId });
        if (!customer) throw new DomainError('rule_violated', 'unknown-customer', `No customer ${request.customerId}`, [{ field: 'customerId', message: 'names no customer' }]);
        const { lines, totalFen } = priceLines(request.lines);
        const { status, approval, transition } = submit(totalFen);
        const id = uuidv7();
        const order = tx.create(OrderEntity, {
          id,
          number: pendingNumber(id),
          customerId: customer.id,
          customerName: customer.name,
          status,
          paymentTerms: request.paymentTerms,
          approvalLevel: approval,
          totalFen,
          shipTo: { name: request.shipTo.name, phone: request.shipTo.phone, address: request.shipTo.address },
          shippingMethod: request.shippingMethod,
          requestedDate: request.requestedDate.slice(0, 10),
          stockReserved: false,
          paid: false,
          createdBy: context.actor.userId,
          createdAt: new Date(),
          updatedAt: new Date(),
          version: 1,
        });
        const lineRows = lines.map((line) => tx.create(OrderLineEntity, { orderId: order.id, ...line }));
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
    return this.decide(request.id, context, (order) => approve(order, context.actor));
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

  private decide(
    id: string,
    context: RpcContext,
    step: (order: OrderEntity) => { state: OrderEntity; transition?: Transition },
    after?: (tx: EntityManager, order: OrderEntity, placedBefore: boolean) => Promise<void>,
  ): Promise<OrderView> {
    return this.dataSource.transaction(async (tx) => {
      const order = await tx.findOne(OrderEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!order) throw new DomainError('not_found', 'order-not-found', `No order ${id}`);
      const placedBefore = wasPlaced(order.status);
      const { state, transition } = step(order);
      order.status = state.status;
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
      },
    });
  }

  @RpcHandler(SalesRpc.getOrder, GetOrderRequest)
  async getOrder(request: GetOrderRequest) {
    const order = await this.dataSource.getRepository(OrderEntity).findOneBy({ id: request.id });
    if (!order) throw new DomainError('not_found', 'order-not-found', `No order ${request.id}`);
    const [lines, history, notices] = await Promise.all([
      this.dataSource.getRepository(OrderLineEntity).find({ where: { orderId: order.id }, order: { lineNo: 'ASC' } }),
      this.dataSource.getRepository(OrderHistoryEntity).find({ where: { orderId: order.id }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(ShippingNoticeEntity).find({ where: { orderId: order.id }, order: { createdAt: 'ASC' } }),
    ]);
    return orderView(order, lines, history, notices);
  }

  @RpcHandler(SalesRpc.listOrders, ListOrdersQuery)
  async listOrders(query: ListOrdersQuery): Promise<Page<OrderSummaryView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const where: FindOptionsWhere<OrderEntity> = {};
    if (query.status) where.status = query.status;
    if (query.customerId) where.customerId = query.customerId;
    const [rows, total] = await this.dataSource.getRepository(OrderEntity).findAndCount({ where, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(orderSummary), page, pageSize, total };
  }
}

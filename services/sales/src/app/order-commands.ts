import { Injectable } from '@nestjs/common';
import { ListOrdersQuery, pageWindow, SalesCatalog, type CancelOrderRequest, type IdRequest, type OrderSummaryView, type OrderView, type Page, type PlaceOrderRequest, type RejectOrderRequest, type ShippingExceptionRequest } from '@ops/contracts';
import { businessDate, businessYear } from '@ops/kernel';
import { insertAtFlush, numberAtCommit, rowsWhere } from '@ops/persistence';
import { Handles, historyOf, historyOfCreated, type CommandContext } from '@ops/service-kit';
import { And, LessThan, MoreThanOrEqual, type EntityManager, type FindOptionsWhere } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { creditExposure } from '../domain/credit-change.js';
import { creditDecision, type CreditStanding } from '../domain/credit-policy.js';
import { approve, approveShippingException, cancel, priceLines, reject, submit, type PaymentTerms } from '../domain/order.js';
import { validPrice } from '../domain/price-list.js';
import { refuseUnlessMayTrade } from '../domain/business-account.js';
import { BusinessAccountEntity } from '../infra/persistence/online-service.entities.js';
import { uninvoicedCreditOrdersFen } from '../infra/persistence/credit-exposure.js';
import { approvedListsFor } from '../infra/persistence/price-lists.js';
import { CustomerEntity, OrderEntity, OrderLineEntity, ShippingNoticeEntity } from '../infra/persistence/sales.entities.js';
import { OrderStore } from '../infra/persistence/stores.js';
import { PriceHoldStore, promotionsInForce } from '../infra/persistence/promotions.stores.js';
import { agreedPriceAuthority, holdForOrder, useHold } from '../domain/price-hold.js';
import { bestPromotion } from '../domain/promotion.js';
import { orderSummary, orderView } from './views.js';
import { namedCustomer } from '../infra/persistence/customers.js';
import { madeToOrderSkus } from '../infra/persistence/sku-supply.js';

@Injectable()
export class OrderCommands {
  constructor(private readonly orders: OrderStore, private readonly holds: PriceHoldStore) {}

  /** Records an order; one that needs no approval is placed at once and announced to the others. */
  @Handles(SalesCatalog.placeOrder)
  async placeOrder(request: PlaceOrderRequest, { tx, actor, cause }: CommandContext): Promise<OrderView> {
    const today = businessDate();
    const skus = request.lines.map((l) => l.sku);
    // Everything the order is priced and checked against, asked for at once: the reads go to Postgres in
    // one write and come back in one round trip (the transaction's connection pipelines them, in this order).
    const [customer, [account = null], lists, promotions, hold, made] = await Promise.all([
      // Credit orders are weighed against the exposure of the orders before them, one at a time.
      namedCustomer(tx, request.customerId, { lock: request.paymentTerms === 'credit' }),
      // A buyer registered as a business account trades only once reviewed (one read by the account's customer index).
      rowsWhere(tx, BusinessAccountEntity, "{customerId} = $1 AND {status} <> 'rejected' LIMIT 1", [request.customerId]),
      approvedListsFor(tx, skus, today),
      // One indexed query for all the order's SKUs: the approved promotions whose window covers today.
      promotionsInForce(tx, skus, today),
      request.priceHoldId ? this.holds.get(tx, request.priceHoldId) : null,
      // Lines of a SKU inventory makes per order are marked: the order then waits for the written confirmation and a deposit.
      madeToOrderSkus(tx, skus),
    ]);
    refuseUnlessMayTrade(account, customer.name);
    const holding = hold ? holdForOrder(hold, customer.id, today) : null;
    const priced = priceLines(request.lines, (sku) => validPrice(lists, sku, today), (sku) => {
      const list = validPrice(lists, sku, today);
      const promotion = list ? bestPromotion(promotions, sku, list.listPriceFen, today) : undefined;
      const held = hold?.lines.find((l) => l.sku === sku);
      return {
        ...(promotion ? { promotion: { promotionId: promotion.promotionId, code: promotion.code, priceFen: promotion.priceFen } } : {}),
        ...(held && holding ? { hold: { priceHoldId: hold!.id, honoured: holding.honoured, agreedUnitPriceFen: held.agreedUnitPriceFen, authority: agreedPriceAuthority(held, today), note: holding.note } } : {}),
      };
    });
    const { totalFen, discount } = priced;
    const lines = priced.lines.map((line) => ({ ...line, madeToOrder: made.has(line.sku) }));
    const credit = creditDecision(await this.standingOf(tx, customer, request.paymentTerms), { paymentTerms: request.paymentTerms, totalFen });
    const id = uuidv7();
    const now = new Date();
    const step = submit({
      id, kind: 'sale', serviceTicketId: null, serviceTicketNumber: null, customerId: customer.id, customerName: customer.name, customerTaxId: customer.taxId, paymentTerms: request.paymentTerms, discount, totalFen, createdBy: actor.userId,
      salesRep: customer.assignedRep ?? actor.username ?? null, region: customer.region,
      requiredDepositFen: request.requiredDepositFen,
      creditTermsDays: request.paymentTerms === 'credit' ? customer.paymentTermsDays : null,
      // Numbered with the COMMIT (numberAtCommit): the series' counter row is locked only while it commits.
      number: await numberAtCommit(tx, 'SO', businessYear()),
      shipTo: { name: request.shipTo.name, phone: request.shipTo.phone, address: request.shipTo.address },
      shippingMethod: request.shippingMethod, requestedDate: request.requestedDate.slice(0, 10), createdAt: now, updatedAt: now,
    }, lines, credit, now);
    const order = await this.orders.create(tx, step, { actor, cause });
    // An honoured hold serves this order only; an expired one stays as it was (a manager may re-approve it).
    if (hold && holding?.honoured) await this.holds.apply(tx, hold, (h) => useHold(h, { id, number: order.number }, now), { actor, cause });
    const lineRows = lines.map((line) => tx.create(OrderLineEntity, { orderId: id, ...line, shippedQuantity: 0 }));
    await insertAtFlush(tx, OrderLineEntity, lineRows);
    // The order, its lines, history and event go with the COMMIT; its history is what this transaction wrote.
    return orderView(order, lineRows, await historyOfCreated(tx, 'order', id), []);
  }

  /** An approver at the order's level or higher places a pending order; its creator never can. */
  @Handles(SalesCatalog.approveOrder)
  async approveOrder(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<OrderView> {
    const { row } = await this.orders.change(tx, request.id, async (order) => {
      // One query at a time: a transaction is one connection.
      const lines = await this.linesOf(tx, order.id);
      return approve(order, lines, actor, await tx.findOneByOrFail(CustomerEntity, { id: order.customerId }));
    }, { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.rejectOrder)
  async rejectOrder(request: RejectOrderRequest, { tx, actor, cause }: CommandContext): Promise<OrderView> {
    const { row } = await this.orders.change(tx, request.id, (order) => reject(order, actor, request.reason), { actor, cause });
    return this.view(tx, row);
  }

  /**
   * Before shipping, an order may be cancelled; if the others had heard of it they undo their part:
   * inventory releases the stock, finance refunds or keeps the money as prepayment.
   */
  @Handles(SalesCatalog.cancelOrder)
  async cancelOrder(request: CancelOrderRequest, { tx, actor, cause }: CommandContext): Promise<OrderView> {
    const { row } = await this.orders.change(tx, request.id, (order) => cancel(order, request.reason, request.moneyDisposition), { actor, cause });
    return this.view(tx, row);
  }

  /** The sales VP's written exception: inventory releases the order for picking (domain.md §4.4, §4.6). */
  @Handles(SalesCatalog.approveShippingException)
  async approveShippingException(request: ShippingExceptionRequest, { tx, actor, cause }: CommandContext): Promise<OrderView> {
    const { row } = await this.orders.change(tx, request.id, (order) => approveShippingException(order, actor, request.reason), { actor, cause });
    return this.view(tx, row);
  }

  @Handles(SalesCatalog.getOrder)
  async getOrder(request: IdRequest, { tx }: CommandContext): Promise<OrderView> {
    return this.view(tx, await this.orders.get(tx, request.id, { lock: false }));
  }

  @Handles(SalesCatalog.listOrders)
  async listOrders(query: ListOrdersQuery, { tx }: CommandContext): Promise<Page<OrderSummaryView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const { status, customerId, paymentTerms, number, createdBy } = query;
    const where: FindOptionsWhere<OrderEntity> = Object.fromEntries(Object.entries({ status, customerId, paymentTerms, number, createdBy }).filter(([, value]) => value !== undefined));
    if (query.from || query.to) {
      const from = query.from ? MoreThanOrEqual(new Date(query.from)) : undefined;
      const before = query.to ? LessThan(new Date(query.to)) : undefined;
      where.createdAt = from && before ? And(from, before) : (from ?? before);
    }
    const [rows, total] = await tx.findAndCount(OrderEntity, { where, order: { createdAt: 'DESC', id: 'DESC' }, skip: offset, take: pageSize });
    return { items: rows.map(orderSummary), page, pageSize, total };
  }

  linesOf(tx: EntityManager, orderId: string): Promise<OrderLineEntity[]> {
    return tx.find(OrderLineEntity, { where: { orderId }, order: { lineNo: 'ASC' } });
  }

  async view(tx: EntityManager, order: OrderEntity): Promise<OrderView> {
    // One query at a time: in a command this is the transaction's one connection.
    const lines = await this.linesOf(tx, order.id);
    const history = await historyOf(tx, 'order', order.id);
    const notices = await tx.find(ShippingNoticeEntity, { where: { orderId: order.id }, order: { createdAt: 'ASC' } });
    return orderView(order, lines, history, notices);
  }

  /** What the credit rules weigh (domain.md §4.4): finance's word on the customer plus credit orders not yet invoiced. */
  private async standingOf(tx: EntityManager, customer: CustomerEntity, terms: PaymentTerms): Promise<CreditStanding> {
    const uninvoiced = terms === 'credit' ? await uninvoicedCreditOrdersFen(tx, customer.id) : 0;
    return {
      grade: customer.creditGrade, limitFen: customer.creditLimitFen, exposureFen: creditExposure(customer.openReceivableFen, uninvoiced),
      overdue: customer.overdueFen > 0, onHold: customer.onHold,
    };
  }
}

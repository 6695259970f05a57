import { Injectable } from '@nestjs/common';
import {
  BalanceNoticeIssued, SalesCatalog, SkuSupplyChanged,
  type BalanceNoticeIssuedData, type EventEnvelope, type OrderView, type ReplacementOrderRequest, type SkuSupplyChangedData, type WrittenConfirmationRequest,
} from '@ops/contracts';
import { businessDate, businessYear } from '@ops/kernel';
import { causedBy } from '@ops/messaging';
import { nextDocumentNumber, rowByKey } from '@ops/persistence';
import { Handles, historyOf, OnEvent, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { balanceNoticed, confirmInWriting, replacementLines, submit } from '../domain/order.js';
import { validPrice } from '../domain/price-list.js';
import { linkReplacementOrder, refuseUnlessMayReplace } from '../domain/service-ticket.js';
import { namedCustomer } from '../infra/persistence/customers.js';
import { ServiceTicketStore } from '../infra/persistence/online-service.stores.js';
import { approvedListsFor } from '../infra/persistence/price-lists.js';
import { OrderEntity, OrderLineEntity, SkuSupplyEntity } from '../infra/persistence/sales.entities.js';
import { OrderStore } from '../infra/persistence/stores.js';
import { OrderCommands } from './order-commands.js';
import { usernameOf } from './outlet-access.js';
import { orderView } from './views.js';

/**
 * Made to order on the sales side (issue 19): which SKUs inventory makes per order, the customer's written
 * confirmation that places such an order, the balance finance told the customer when production finished, and
 * replacement orders raised from a complaint.
 */
@Injectable()
export class MadeToOrderDesk {
  constructor(private readonly orders: OrderStore, private readonly tickets: ServiceTicketStore, private readonly orderCommands: OrderCommands) {}

  /** Supply changes of one SKU may arrive out of order: only a newer revision replaces what is known. */
  @OnEvent(SkuSupplyChanged, 'sku-supply')
  async onSkuSupplyChanged(event: EventEnvelope<SkuSupplyChangedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await tx.query(
      `INSERT INTO sku_supply (sku, made_to_order, lead_days, revision) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sku) DO UPDATE SET made_to_order = EXCLUDED.made_to_order, lead_days = EXCLUDED.lead_days, revision = EXCLUDED.revision
       WHERE sku_supply.revision < EXCLUDED.revision`,
      [d.sku, d.madeToOrder, d.leadDays, d.revision],
    );
  }

  /** Finance told the customer the balance: shown on the order, with a line in its history (once, however often it is heard). */
  @OnEvent(BalanceNoticeIssued, 'order-balance-notice')
  async onBalanceNoticeIssued(event: EventEnvelope<BalanceNoticeIssuedData>, tx: EntityManager): Promise<void> {
    const d = event.data;
    await this.orders.change(tx, d.orderId, (order) => balanceNoticed(order, { balanceFen: d.balanceFen, paidFen: d.paidFen, totalFen: d.totalFen, issuedAt: d.issuedAt }), {
      actor: event.actor, cause: causedBy(event),
    });
  }

  @Handles(SalesCatalog.recordWrittenConfirmation)
  async recordWrittenConfirmation(request: WrittenConfirmationRequest, { tx, actor, cause }: CommandContext): Promise<OrderView> {
    const { row } = await this.orders.change(tx, request.orderId, async (order) => confirmInWriting(order, await this.orderCommands.linesOf(tx, order.id), {
      documentRef: request.documentRef, signedBy: request.signedBy, signedOn: request.signedOn, recordedBy: usernameOf(actor), recordedAt: new Date().toISOString(),
    }), { actor, cause });
    return this.orderCommands.view(tx, row);
  }

  /**
   * A replacement order for a complaint: priced as agreed (free by default), no deposit, waiting for the business
   * manager's approval through the normal order approval. The ticket is locked first, so its list of orders grows one at a time.
   */
  @Handles(SalesCatalog.createReplacementOrder)
  async createReplacementOrder(request: ReplacementOrderRequest, { tx, actor, cause }: CommandContext): Promise<OrderView> {
    const ticket = await this.tickets.get(tx, request.ticketId);
    const customerId = refuseUnlessMayReplace(ticket);
    const customer = await namedCustomer(tx, customerId);
    const original = ticket.orderId ? await rowByKey(tx, OrderEntity, 'id', ticket.orderId, { lock: false }) : null;
    const today = businessDate();
    const skus = request.lines.map((l) => l.sku);
    const lists = await approvedListsFor(tx, skus, today);
    const supply = new Map((await tx.findBy(SkuSupplyEntity, { sku: In(skus) })).map((s) => [s.sku, s]));
    const { lines, totalFen } = replacementLines(request.lines, (sku) => {
      const list = validPrice(lists, sku, today);
      const made = supply.get(sku)?.madeToOrder ?? false;
      return list || supply.has(sku) ? { ...(list ? { list } : {}), madeToOrder: made } : undefined;
    }, ticket.number);
    const id = uuidv7();
    const now = new Date();
    const step = submit({
      id, kind: 'replacement', serviceTicketId: ticket.id, serviceTicketNumber: ticket.number, customerId: customer.id, customerName: customer.name, customerTaxId: customer.taxId,
      paymentTerms: 'prepaid', totalFen, createdBy: actor.userId, salesRep: customer.assignedRep ?? null, region: customer.region, creditTermsDays: null,
      number: await nextDocumentNumber(tx, 'SO', businessYear()),
      // Sent where the original order went; without one, to the customer's contact (the desk completes the address by phone).
      shipTo: original?.shipTo ?? { name: customer.contactName ?? customer.name, phone: customer.phone ?? ticket.customerPhone ?? '', address: '' },
      shippingMethod: original?.shippingMethod ?? 'express', requestedDate: request.requestedDate ?? today,
      createdAt: now, updatedAt: now,
    }, lines, { kind: 'allowed' }, now);
    // Why the parts are replaced goes into the order's first history line, for the business manager who approves it.
    const order = await this.orders.create(tx, { ...step, transitions: step.transitions.map((t) => ({ ...t, reason: `${t.reason} (${request.reason})` })) }, { actor, cause });
    const lineRows = lines.map((line) => tx.create(OrderLineEntity, { orderId: id, ...line, shippedQuantity: 0 }));
    await tx.insert(OrderLineEntity, lineRows);
    await this.tickets.apply(tx, ticket, (t) => linkReplacementOrder(t, { orderId: order.id, orderNumber: order.number }, usernameOf(actor)), { actor, cause });
    return orderView(order, lineRows, await historyOf(tx, 'order', id), []);
  }
}

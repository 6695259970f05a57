import type {
  CreditChangeView, CustomerExposureView, CustomerView, NotificationView, OrderSummaryView, OrderView, PriceListView, ShippingNoticeTaskView, ShippingNoticeView, ShortageView,
} from '@ops/contracts';
import type {
  CreditChangeEntity, CustomerEntity, NotificationEntity, OrderEntity, OrderLineEntity, PriceListEntity, PriceListLineEntity, ShippingNoticeEntity, ShortageEntity,
} from '../infra/persistence/sales.entities.js';
import type { HistoryEntry } from '@ops/service-kit';

const iso = (at: Date | null) => (at ? at.toISOString() : null);

export function customerView(c: CustomerEntity, exposure?: CustomerExposureView): CustomerView {
  return {
    id: c.id, code: c.code, name: c.name, region: c.region, phone: c.phone, contactName: c.contactName, assignedRep: c.assignedRep, taxId: c.taxId,
    credit: {
      grade: c.creditGrade, creditLimitFen: c.creditLimitFen, paymentTermsDays: c.paymentTermsDays,
      openReceivableFen: c.openReceivableFen, overdueFen: c.overdueFen, onHold: c.onHold, holdReason: c.holdReason,
    },
    ...(exposure ? { exposure } : {}),
    createdAt: c.createdAt.toISOString(),
  };
}

export function creditChangeView(c: CreditChangeEntity): CreditChangeView {
  return {
    id: c.id, number: c.number, customerId: c.customerId, status: c.status, proposed: c.proposed, previous: c.previous, reason: c.reason,
    requestedBy: c.requestedBy, requestedAt: c.requestedAt.toISOString(), managerApprovedBy: c.managerApprovedBy, managerApprovedAt: iso(c.managerApprovedAt),
    decidedBy: c.decidedBy, decidedAt: iso(c.decidedAt), decisionNote: c.decisionNote,
  };
}

export function priceListView(p: PriceListEntity, lines: PriceListLineEntity[]): PriceListView {
  return {
    id: p.id, number: p.number, name: p.name, status: p.status, validFrom: p.validFrom, validTo: p.validTo, createdBy: p.createdBy,
    createdAt: p.createdAt.toISOString(), approvedBy: p.approvedBy, approvedAt: iso(p.approvedAt),
    lines: lines.map((l) => ({ sku: l.sku, listPriceFen: l.listPriceFen, floorPriceFen: l.floorPriceFen })),
  };
}

export function shortageView(s: ShortageEntity, order: Pick<OrderEntity, 'number' | 'customerName'>): ShortageView {
  return {
    id: s.id, orderId: s.orderId, orderNumber: order.number, customerName: order.customerName, sku: s.sku, model: s.model, version: s.version,
    requested: s.requested, available: s.available, shortBy: s.requested - s.available, requestedDate: s.requestedDate,
    sequence: s.sequence, registeredAt: s.registeredAt.toISOString(), filledAt: iso(s.filledAt),
  };
}

export function orderSummary(o: OrderEntity): OrderSummaryView {
  return {
    id: o.id,
    number: o.number,
    customerId: o.customerId,
    customerName: o.customerName,
    status: o.status,
    paymentTerms: o.paymentTerms,
    approvalLevel: o.approvalLevel,
    approvalReasons: o.approvalReasons ?? [],
    totalFen: o.totalFen,
    requiredDepositFen: o.requiredDepositFen,
    currency: 'CNY',
    payment: o.payment,
    fulfilment: o.fulfilment,
    stockReserved: !['unreserved', 'backordered'].includes(o.fulfilment),
    paid: o.payment === 'paid',
    requestedDate: o.requestedDate,
    madeToOrder: o.madeToOrder ?? false,
    kind: o.kind ?? 'sale',
    serviceTicketId: o.serviceTicketId ?? null,
    serviceTicketNumber: o.serviceTicketNumber ?? null,
    createdBy: o.createdBy,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function noticeView(n: ShippingNoticeEntity): ShippingNoticeView {
  return {
    shipmentId: n.shipmentId, shippingMethod: n.shippingMethod, carrier: n.carrier, trackingNumber: n.trackingNumber, pieces: n.pieces,
    notifyOn: n.notifyOn, toldAt: iso(n.toldAt), toldBy: n.toldBy, toldVia: n.toldVia, note: n.note,
    deliveredAt: iso(n.deliveredAt), deliverySignedBy: n.deliverySignedBy,
  };
}

export function noticeTaskView(n: ShippingNoticeEntity, o: OrderEntity): ShippingNoticeTaskView {
  return { ...noticeView(n), orderId: o.id, orderNumber: o.number, customerName: o.customerName, shipTo: o.shipTo };
}

export function orderView(o: OrderEntity, lines: OrderLineEntity[], history: ReadonlyArray<Omit<HistoryEntry, 'id'>>, notices: ShippingNoticeEntity[]): OrderView {
  return {
    ...orderSummary(o),
    shipTo: o.shipTo,
    shippingException: o.shippingException ?? null,
    shippingMethod: o.shippingMethod,
    lines: lines.map((l) => ({
      lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, shippedQuantity: l.shippedQuantity, unitPriceFen: l.unitPriceFen, lineTotalFen: l.lineTotalFen,
      listPriceFen: l.listPriceFen ?? null, floorPriceFen: l.floorPriceFen ?? null, priceListNumber: l.priceListNumber ?? null,
      priceBasis: l.priceBasis ?? 'list', promotionId: l.promotionId ?? null, promotionCode: l.promotionCode ?? null, priceHoldId: l.priceHoldId ?? null, priceNote: l.priceNote ?? null,
      madeToOrder: l.madeToOrder ?? false,
    })),
    history: history.map((h) => ({ from: h.fromState, to: h.toState, reason: h.reason, actorId: h.actorId, at: h.at.toISOString() })),
    shippingNotices: notices.map(noticeView),
    writtenConfirmation: o.writtenConfirmation ? { ...o.writtenConfirmation } : null,
    balanceNotice: o.balanceNotice ? { ...o.balanceNotice } : null,
  };
}

export function notificationView(n: NotificationEntity): NotificationView {
  return { id: Number(n.id), kind: n.kind, orderId: n.orderId, message: n.message, createdAt: n.createdAt.toISOString(), readAt: iso(n.readAt) };
}

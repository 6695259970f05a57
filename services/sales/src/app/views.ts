import type { CustomerView, OrderSummaryView, OrderView } from '@ops/contracts';
import type { CustomerEntity, OrderEntity, OrderHistoryEntity, OrderLineEntity, ShippingNoticeEntity } from '../infra/persistence/sales.entities.js';

export function customerView(c: CustomerEntity): CustomerView {
  return { id: c.id, code: c.code, name: c.name, region: c.region, phone: c.phone, createdAt: c.createdAt.toISOString() };
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
    totalFen: o.totalFen,
    currency: 'CNY',
    stockReserved: o.stockReserved,
    paid: o.paid,
    requestedDate: o.requestedDate,
    createdBy: o.createdBy,
    createdAt: o.createdAt.toISOString(),
    updatedAt: o.updatedAt.toISOString(),
  };
}

export function orderView(o: OrderEntity, lines: OrderLineEntity[], history: OrderHistoryEntity[], notices: ShippingNoticeEntity[]): OrderView {
  return {
    ...orderSummary(o),
    shipTo: o.shipTo,
    shippingMethod: o.shippingMethod,
    lines: lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen, lineTotalFen: l.lineTotalFen })),
    history: history.map((h) => ({ from: h.fromStatus, to: h.toStatus, reason: h.reason, actorId: h.actorId, at: h.at.toISOString() })),
    shippingNotices: notices.map((n) => ({
      shipmentId: n.shipmentId,
      shippingMethod: n.shippingMethod,
      carrier: n.carrier,
      trackingNumber: n.trackingNumber,
      pieces: n.pieces,
      notifyOn: n.notifyOn,
    })),
  };
}

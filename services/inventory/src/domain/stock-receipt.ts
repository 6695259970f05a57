import { addDays, businessDate, daysBetween, DomainError, refuseSelfApproval, StateMachine, type DomainEvent, type FieldError, type Step } from '@ops/kernel';
import { PURCHASING_LADDER, RECEIVING, remainingOf, type PurchaseOrder } from './purchase-order.js';

/**
 * A goods receipt (domain.md §6): saving it changes no stock; only its audit, by someone other than the
 * keeper who recorded it, posts the ledger. Audited once.
 *
 * A purchase receipt is a goods receipt that names its supplier (and usually the purchase order it
 * delivers): every carton opened, each line inspected. A line that fails inspection splits its quantity
 * into accepted (to the line's location, sellable) and rejected (to the QUARANTINE warehouse, never
 * sellable, for a purchase return). Both are received from the supplier: the payable and the order's
 * received quantities count the whole line; what goes back lowers them through a purchase return.
 */
export type ReceiptStatus = 'saved' | 'audited';

export const STOCK_RECEIPT = new StateMachine<ReceiptStatus>('goods receipt', { saved: ['audited'], audited: [] });

export type Inspection = 'passed' | 'failed';

export interface ReceiptLine {
  sku: string;
  quantity: number;
  location: string;
  /** '' when the goods carry no batch. */
  batch: string;
  /** The purchase order line delivered, for a receipt against an order. */
  poLineNo?: number | null;
  /** VAT included; the order line's price unless the receipt says otherwise. Supplier receipts only. */
  unitPriceFen?: number | null;
  /** Every carton is opened on a supplier receipt: how many were. */
  cartonsOpened?: number | null;
  inspection?: Inspection | null;
  /** Why the goods failed inspection (required then). */
  inspectionNote?: string | null;
  /** quantity = accepted + rejected; rejected goes to quarantine. */
  acceptedQuantity?: number | null;
  rejectedQuantity?: number | null;
}

export interface StockReceipt {
  number: string;
  status: ReceiptStatus;
  lines: ReceiptLine[];
  createdBy: string;
  auditedBy: string | null;
  auditedAt: Date | null;
  /** Null for receipts without a supplier (opening stock, counts). */
  supplierId?: string | null;
  purchaseOrderId?: string | null;
  /** When the goods arrived (what "late" is measured from); null on receipts from before purchasing. */
  arrivedAt?: Date | null;
}

/** A keeper records what arrived: saved, waiting for another person's audit. */
export function recordReceipt<R extends Omit<StockReceipt, 'status' | 'auditedBy' | 'auditedAt'>>(receipt: R): Step<R & StockReceipt> {
  const state = { ...receipt, status: 'saved' as const, auditedBy: null, auditedAt: null };
  return { state, transitions: [{ from: 'new', to: 'saved', reason: `recorded by ${receipt.createdBy}` }], events: [] };
}

/** The audit counts the goods into stock (the caller posts the ledger); never by the keeper who recorded them. */
export function auditReceipt<R extends StockReceipt>(receipt: R, auditorId: string, at = new Date()): Step<R> {
  if (receipt.status === 'audited') throw new DomainError('conflict', 'receipt-already-audited', `Goods receipt ${receipt.number} is already audited`);
  refuseSelfApproval({ kind: 'goods receipt', number: receipt.number, createdBy: receipt.createdBy }, auditorId);
  return {
    state: { ...receipt, status: 'audited', auditedBy: auditorId, auditedAt: at },
    transitions: [STOCK_RECEIPT.move('saved', 'audited', `audited by ${auditorId}`)],
    events: [],
  };
}

/** A line as the keeper enters it: the purchase fields are optional until the receipt names a supplier. */
export interface EnteredLine {
  sku: string;
  quantity: number;
  location: string;
  batch: string;
  poLineNo?: number;
  unitPriceFen?: number;
  cartonsOpened?: number;
  inspection?: Inspection;
  inspectionNote?: string;
  rejectedQuantity?: number;
}

/**
 * The purchase rules of a receipt's lines, checked when it is recorded. With a supplier: every line
 * says how many cartons were opened (at least one) and how inspection went; a failed line says why and
 * how many were rejected (1 to all of it). Against an order: the receipt is for the order's supplier and
 * warehouse, each line names an order line with the same SKU, and the price defaults to the order's.
 * Without an order a supplier receipt states each price. Answers the lines to store, or refuses with
 * every field error at once.
 */
export function purchaseLines(
  lines: EnteredLine[],
  receipt: { supplierId: string | null; warehouseCode: string; order: PurchaseOrder | null },
): ReceiptLine[] {
  const { supplierId, warehouseCode, order } = receipt;
  const problems: FieldError[] = [];
  if (order) {
    if (order.supplierId !== supplierId) problems.push({ field: 'supplierId', message: `must be the purchase order's supplier (${order.supplierId})` });
    if (!RECEIVING.includes(order.status)) problems.push({ field: 'purchaseOrderId', message: `names a purchase order that is ${order.status.replace(/_/g, ' ')}` });
  }
  const stored = lines.map((l, i): ReceiptLine => {
    const at = (field: string, message: string) => problems.push({ field: `lines[${i}].${field}`, message });
    const base = { sku: l.sku, quantity: l.quantity, location: l.location, batch: l.batch };
    if (!supplierId) {
      if (l.poLineNo !== undefined || l.unitPriceFen !== undefined || l.inspection !== undefined || l.rejectedQuantity !== undefined) {
        at('poLineNo', 'purchase fields need a receipt that names its supplier');
      }
      return base;
    }
    const poLine = order ? order.lines.find((p) => p.lineNo === l.poLineNo) : undefined;
    if (order) {
      if (l.poLineNo === undefined) at('poLineNo', 'names no line of the purchase order');
      else if (!poLine) at('poLineNo', `is not a line of ${order.number}`);
      else {
        if (poLine.sku !== l.sku) at('sku', `must be line ${poLine.lineNo}'s SKU (${poLine.sku})`);
        if (poLine.warehouseCode !== warehouseCode) problems.push({ field: 'warehouseCode', message: `must be line ${poLine.lineNo}'s warehouse (${poLine.warehouseCode})` });
      }
    } else if (l.poLineNo !== undefined) at('poLineNo', 'needs the receipt to name its purchase order');
    const unitPriceFen = l.unitPriceFen ?? poLine?.unitPriceFen;
    if (unitPriceFen === undefined) at('unitPriceFen', 'is required on a supplier receipt without a purchase order');
    if (l.cartonsOpened === undefined || !Number.isInteger(l.cartonsOpened) || l.cartonsOpened < 1) at('cartonsOpened', 'every carton is opened: at least 1');
    if (l.inspection === undefined) at('inspection', 'is required on a supplier receipt (passed or failed)');
    const rejected = l.rejectedQuantity ?? 0;
    if (l.inspection === 'failed') {
      if (!l.inspectionNote?.trim()) at('inspectionNote', 'says why the goods failed inspection');
      if (rejected < 1 || rejected > l.quantity) at('rejectedQuantity', `must be 1 to ${l.quantity} when inspection failed`);
    } else if (rejected !== 0) at('rejectedQuantity', 'only a failed inspection rejects goods');
    return {
      ...base, poLineNo: l.poLineNo ?? null, unitPriceFen: unitPriceFen ?? null, cartonsOpened: l.cartonsOpened ?? null, inspection: l.inspection ?? null,
      inspectionNote: l.inspectionNote?.trim() || null, acceptedQuantity: l.quantity - rejected, rejectedQuantity: rejected,
    };
  });
  if (problems.length) throw new DomainError('rule_violated', 'receipt-does-not-match', 'Some lines do not match the supplier or purchase order', problems);
  return stored;
}

/** The quantities a receipt delivers per purchase order line. */
export function deliveredByLine(lines: readonly ReceiptLine[]): Array<{ lineNo: number; quantity: number }> {
  const by = new Map<number, number>();
  for (const l of lines) if (l.poLineNo != null) by.set(l.poLineNo, (by.get(l.poLineNo) ?? 0) + l.quantity);
  return [...by].map(([lineNo, quantity]) => ({ lineNo, quantity }));
}

/** Lines that would receive more than the order has still to come, with by how much. */
export function overReceived(order: PurchaseOrder, lines: readonly ReceiptLine[]): Array<{ lineNo: number; remaining: number; delivered: number }> {
  return deliveredByLine(lines).flatMap(({ lineNo, quantity }) => {
    const line = order.lines.find((l) => l.lineNo === lineNo);
    const remaining = line ? remainingOf(line) : 0;
    return quantity > remaining ? [{ lineNo, remaining, delivered: quantity }] : [];
  });
}

/** More than the order's remaining quantity is accepted only when a purchasing manager (or higher) audits it. */
export function refuseOverReceipt(order: PurchaseOrder, receipt: Pick<StockReceipt, 'number' | 'lines'>, auditorRoles: readonly string[]): void {
  const over = overReceived(order, receipt.lines);
  if (!over.length || PURCHASING_LADDER.canApprove(auditorRoles, 'purchasing_manager')) return;
  throw new DomainError(
    'forbidden', 'over-receipt-needs-purchasing-manager',
    `${receipt.number} receives more than ${order.number} has still to come (${over.map((o) => `line ${o.lineNo}: ${o.delivered} of ${o.remaining}`).join('; ')}): a purchasing manager must audit it`,
  );
}

/** Stock that enters with the audit: accepted goods to their location, rejected goods to quarantine. */
export function ledgerLinesOf(lines: readonly ReceiptLine[]): { accepted: ReceiptLine[]; rejected: ReceiptLine[] } {
  const accepted = lines.map((l) => ({ sku: l.sku, location: l.location, batch: l.batch, quantity: l.acceptedQuantity ?? l.quantity })).filter((l) => l.quantity > 0);
  const rejected = lines.map((l) => ({ sku: l.sku, location: l.location, batch: l.batch, quantity: l.rejectedQuantity ?? 0 })).filter((l) => l.quantity > 0);
  return { accepted, rejected };
}

/** inventory.receipt.audited for a supplier receipt: each line's quantity × unit price, the amount their sum (the payable). */
export function receiptAudited(
  receipt: StockReceipt & { id: string; warehouseCode: string },
  order: Pick<PurchaseOrder, 'id' | 'number'> | null,
): DomainEvent | null {
  if (!receipt.supplierId) return null;
  const lines = receipt.lines.map((l, i) => ({ lineNo: i + 1, sku: l.sku, quantity: l.quantity, unitPriceFen: l.unitPriceFen ?? 0, amountFen: l.quantity * (l.unitPriceFen ?? 0) }));
  return {
    type: 'inventory.receipt.audited',
    data: {
      receiptId: receipt.id, receiptNumber: receipt.number, supplierId: receipt.supplierId, purchaseOrderId: order?.id ?? null, purchaseOrderNumber: order?.number ?? null,
      warehouseCode: receipt.warehouseCode, lines, amountFen: lines.reduce((sum, l) => sum + l.amountFen, 0), auditedAt: (receipt.auditedAt ?? new Date()).toISOString(),
    },
  };
}

/** Saturday and Sunday; the business calendar has no holiday table yet, so those are the days off. */
export function isWorkingDay(date: string): boolean {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Working days after `from` up to and including `to` (business dates): Friday to Monday is 1. */
export function workingDaysAfter(from: string, to: string): number {
  let count = 0;
  for (let d = addDays(from, 1), n = daysBetween(from, to); n > 0; d = addDays(d, 1), n--) if (isWorkingDay(d)) count++;
  return count;
}

/** Late: recorded more than one working day after the goods arrived (on the Asia/Shanghai calendar). */
export function isLateReceipt(arrivedAt: Date | null | undefined, recordedAt: Date): boolean {
  return !!arrivedAt && workingDaysAfter(businessDate(arrivedAt), businessDate(recordedAt)) > 1;
}

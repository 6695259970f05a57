import { DomainError, StateMachine, type FieldError, type Step } from '@ops/kernel';

/**
 * A material request (domain.md, production: materials): what a released production order needs of one
 * material and the stock does not cover, asked of purchasing. Raised net of stock, so only a shortfall
 * becomes a request; purchasing buys it on a purchase order (`ordered`), and it is `received` when that
 * order has come in full. Cancelled while still open (nobody has ordered it yet), by purchasing or because
 * its production order was cancelled. A cancelled purchase order puts its requests back to open, to be
 * bought elsewhere.
 */
export type MaterialRequestStatus = 'open' | 'ordered' | 'received' | 'cancelled';

export const MATERIAL_REQUEST = new StateMachine<MaterialRequestStatus>('material request', {
  open: ['ordered', 'cancelled'],
  ordered: ['received', 'open'],
  received: [],
  cancelled: [],
});

export interface MaterialRequest {
  id: string;
  number: string;
  productionOrderId: string;
  productionOrderNumber: string;
  sku: string;
  /** What the production order needs of the material: its quantity × the quantity per unit. */
  requiredQuantity: number;
  /** What the stock could give it when the request was raised (see `availableForRequest`). */
  availableQuantity: number;
  /** What purchasing is asked to buy: required less available, at least 1. */
  requestedQuantity: number;
  status: MaterialRequestStatus;
  purchaseOrderId: string | null;
  purchaseOrderNumber: string | null;
  raisedBy: string;
  cancelledBy: string | null;
  cancelReason: string | null;
}

/** A material's figures when a production order is released. */
export interface MaterialPosition {
  sku: string;
  required: number;
  /** On hand less reserved, over the warehouses that sell (quarantine, transit and loans never supply production). */
  free: number;
  /** What open or ordered requests of other production orders already take of that free stock (required − requested each). */
  counted: number;
}

/**
 * What the stock can still give a new production order of a material: the free stock less what earlier
 * requests of other production orders count on. Kept simple on purpose: a production order whose materials
 * the stock covered in full raised no request, so its claim is not seen here until its first step issues
 * the materials; purchasing reads the request with its figures and can buy more.
 */
export function availableForRequest(position: Pick<MaterialPosition, 'free' | 'counted'>): number {
  return Math.max(0, position.free - Math.max(0, position.counted));
}

/** The shortfall of each material, net of stock: none when the stock covers it. Materials named twice are added up first. */
export function shortfalls(positions: ReadonlyArray<MaterialPosition>): Array<{ sku: string; required: number; available: number; requested: number }> {
  const problems: FieldError[] = [];
  positions.forEach((p, i) => {
    if (!Number.isInteger(p.required) || p.required < 1) problems.push({ field: `lines[${i}].quantity`, message: 'must be a whole number of at least 1' });
  });
  if (problems.length) throw new DomainError('rule_violated', 'invalid-material-need', 'The materials needed have fields to correct', problems);
  const by = new Map<string, MaterialPosition>();
  for (const p of positions) {
    const seen = by.get(p.sku);
    by.set(p.sku, seen ? { ...seen, required: seen.required + p.required } : { ...p });
  }
  return [...by.values()].flatMap((p) => {
    const available = availableForRequest(p);
    const requested = p.required - available;
    return requested > 0 ? [{ sku: p.sku, required: p.required, available, requested }] : [];
  });
}

export interface RaisedShortfall {
  id: string;
  number: string;
  productionOrderId: string;
  productionOrderNumber: string;
  sku: string;
  required: number;
  available: number;
  requested: number;
  raisedBy: string;
}

export function raiseMaterialRequest(r: RaisedShortfall): Step<MaterialRequest> {
  if (r.requested < 1 || r.requested > r.required || r.available + r.requested !== r.required) {
    throw new DomainError('rule_violated', 'invalid-material-request', `${r.sku}: ${r.requested} requested of ${r.required} required with ${r.available} available`);
  }
  const state: MaterialRequest = {
    id: r.id, number: r.number, productionOrderId: r.productionOrderId, productionOrderNumber: r.productionOrderNumber, sku: r.sku,
    requiredQuantity: r.required, availableQuantity: r.available, requestedQuantity: r.requested, status: 'open',
    purchaseOrderId: null, purchaseOrderNumber: null, raisedBy: r.raisedBy, cancelledBy: null, cancelReason: null,
  };
  return {
    state,
    transitions: [{ from: 'new', to: 'open', reason: `${r.requested} × ${r.sku} short for ${r.productionOrderNumber} (${r.required} needed, ${r.available} in stock)` }],
    events: [],
  };
}

/**
 * The lines of a purchase order bought for requests: one per SKU (a purchase order takes a SKU once per
 * warehouse), the requests' quantities added up, at one price per SKU. Each request is named once; one no
 * longer open (ordered, received or cancelled meanwhile) is a conflict, not a field to correct.
 */
export function purchaseLinesFor(
  requests: ReadonlyArray<Pick<MaterialRequest, 'id' | 'number' | 'sku' | 'requestedQuantity' | 'status'>>,
  prices: ReadonlyArray<{ materialRequestId: string; unitPriceFen: number }>,
): Array<{ sku: string; quantity: number; unitPriceFen: number; requestIds: string[] }> {
  const taken = prices.flatMap((p, i) => {
    const request = requests.find((r) => r.id === p.materialRequestId);
    return request && request.status !== 'open' ? [{ field: `lines[${i}].materialRequestId`, message: `${request.number} is ${request.status}, not open` }] : [];
  });
  if (taken.length) throw new DomainError('conflict', 'material-request-not-open', 'Some material requests are no longer open', taken);
  const problems: FieldError[] = [];
  const seen = new Set<string>();
  const bySku = new Map<string, { sku: string; quantity: number; unitPriceFen: number; requestIds: string[]; firstLine: number }>();
  prices.forEach((p, i) => {
    const field = `lines[${i}]`;
    if (seen.has(p.materialRequestId)) {
      problems.push({ field: `${field}.materialRequestId`, message: 'is named on an earlier line' });
      return;
    }
    seen.add(p.materialRequestId);
    const request = requests.find((r) => r.id === p.materialRequestId);
    if (!request) {
      problems.push({ field: `${field}.materialRequestId`, message: 'names no material request' });
      return;
    }
    if (!Number.isInteger(p.unitPriceFen) || p.unitPriceFen < 0) problems.push({ field: `${field}.unitPriceFen`, message: 'must be whole fen, not negative' });
    const line = bySku.get(request.sku);
    if (!line) {
      bySku.set(request.sku, { sku: request.sku, quantity: request.requestedQuantity, unitPriceFen: p.unitPriceFen, requestIds: [request.id], firstLine: i });
      return;
    }
    if (line.unitPriceFen !== p.unitPriceFen) {
      problems.push({ field: `${field}.unitPriceFen`, message: `${request.sku} is priced ${line.unitPriceFen} on lines[${line.firstLine}]: one price per SKU on a purchase order` });
    }
    line.quantity += request.requestedQuantity;
    line.requestIds.push(request.id);
  });
  if (problems.length) throw new DomainError('rule_violated', 'invalid-material-purchase', 'The material requests to buy have fields to correct', problems);
  return [...bySku.values()].map(({ firstLine: _firstLine, ...line }) => line);
}

/** Put on a purchase order. */
export function orderMaterialRequest(r: MaterialRequest, order: { id: string; number: string }): Step<MaterialRequest> {
  const transition = MATERIAL_REQUEST.move(r.status, 'ordered', `on ${order.number}`, `Material request ${r.number}`);
  return { state: { ...r, status: 'ordered', purchaseOrderId: order.id, purchaseOrderNumber: order.number }, transitions: [transition], events: [] };
}

/** Its purchase order came in full. */
export function receiveMaterialRequest(r: MaterialRequest, receiptNumber: string): Step<MaterialRequest> {
  const transition = MATERIAL_REQUEST.move(r.status, 'received', `${r.purchaseOrderNumber} received in full (${receiptNumber})`, `Material request ${r.number}`);
  return { state: { ...r, status: 'received' }, transitions: [transition], events: [] };
}

/** Its purchase order was cancelled: open again, to be bought on another order. */
export function reopenMaterialRequest(r: MaterialRequest, reason: string): Step<MaterialRequest> {
  const transition = MATERIAL_REQUEST.move(r.status, 'open', `${r.purchaseOrderNumber} cancelled: ${reason}`, `Material request ${r.number}`);
  return { state: { ...r, status: 'open', purchaseOrderId: null, purchaseOrderNumber: null }, transitions: [transition], events: [] };
}

/** Cancelled with a reason, only while open: once ordered, the purchase order is what is cancelled. */
export function cancelMaterialRequest(r: MaterialRequest, by: string, reason: string): Step<MaterialRequest> {
  const what = `Material request ${r.number}`;
  if (r.status === 'ordered') {
    throw new DomainError('conflict', 'material-request-ordered', `${what} is on ${r.purchaseOrderNumber}: cancel that purchase order instead`);
  }
  const transition = MATERIAL_REQUEST.move(r.status, 'cancelled', `cancelled by ${by}: ${reason}`, what);
  if (!reason.trim()) throw new DomainError('rule_violated', 'reason-required', 'Say why the request is cancelled', [{ field: 'reason', message: 'is required' }]);
  return { state: { ...r, status: 'cancelled', cancelledBy: by, cancelReason: reason.trim() }, transitions: [transition], events: [] };
}

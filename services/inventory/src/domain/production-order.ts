import { addDays, daysBetween, DomainError, note, StateMachine, type BusinessDate, type FieldError, type Step } from '@ops/kernel';
import { checkSample, decide, refuseUnlessMayComplete, type ProductionStep, type QualityDecisionKind, type SampleCheckInput } from './quality-check.js';

/**
 * Made-to-order production (domain.md, production). A SKU's supply says whether it is made to order, in how many
 * days, by which process steps and from which materials. A production order makes one made-to-order line of a
 * customer order; it is issued once finance has confirmed the order's deposit, planned against the date the customer
 * asked for, released in-house or to a contract factory, worked step by step (each with its sample checks, see
 * quality-check.ts), done, and received into stock for that order. Planned or released ones go with their order when
 * it is cancelled; once materials were issued they are finished.
 */
export type ProductionOrderStatus = 'planned' | 'released' | 'in_progress' | 'done' | 'received' | 'cancelled';
export type ProductionRoute = 'in_house' | 'outsourced';

export const PRODUCTION_ORDER = new StateMachine<ProductionOrderStatus>('production order', {
  planned: ['released', 'cancelled'],
  released: ['in_progress', 'cancelled'],
  in_progress: ['done'],
  done: ['received'],
  received: [],
  cancelled: [],
});

// ——— the SKU's supply ———

export interface SupplySpec {
  madeToOrder: boolean;
  leadDays: number;
  steps: Array<{ name: string }>;
  materials: Array<{ sku: string; quantityPerUnit: number }>;
}

/**
 * A supply spec as it may be kept: a made-to-order SKU has at least one step and a lead time of at least a day; each
 * material is a SKU inventory knows, named once, and not the SKU itself. Refuses with every field at once.
 */
export function validSupply(sku: string, spec: SupplySpec, knownSkus: ReadonlySet<string>): SupplySpec {
  const problems: FieldError[] = [];
  if (spec.madeToOrder && !spec.steps.length) problems.push({ field: 'steps', message: 'a made-to-order SKU needs at least one process step' });
  if (spec.madeToOrder && spec.leadDays < 1) problems.push({ field: 'leadDays', message: 'a made-to-order SKU needs at least 1 day' });
  const seen = new Set<string>();
  spec.materials.forEach((m, i) => {
    if (m.sku === sku) problems.push({ field: `materials[${i}].sku`, message: 'is the SKU itself' });
    else if (!knownSkus.has(m.sku)) problems.push({ field: `materials[${i}].sku`, message: `names no SKU (${m.sku})` });
    if (seen.has(m.sku)) problems.push({ field: `materials[${i}].sku`, message: `${m.sku} is on an earlier line` });
    seen.add(m.sku);
  });
  if (problems.length) throw new DomainError('rule_violated', 'invalid-supply', `The supply of ${sku} has fields to correct`, problems);
  return { madeToOrder: spec.madeToOrder, leadDays: spec.leadDays, steps: spec.steps.map((s) => ({ name: s.name })), materials: spec.materials.map((m) => ({ ...m })) };
}

// ——— planning ———

export interface Plan {
  plannedStart: BusinessDate;
  plannedFinish: BusinessDate;
  behindRequestedDate: boolean;
  /** Each step's planned finish, in step order; the last is the order's. */
  stepFinishes: BusinessDate[];
}

/**
 * Planned back from the date the customer asked for: finish on it, start the lead days before. A start before today
 * cannot be kept: it starts today and finishes the lead days later, behind the requested date. The steps' finishes
 * share the window evenly (rounded up), the last one on the order's finish.
 */
export function planProduction(requestedDate: BusinessDate, leadDays: number, stepCount: number, today: BusinessDate): Plan {
  let plannedFinish = requestedDate;
  let plannedStart = addDays(requestedDate, -leadDays);
  let behindRequestedDate = false;
  if (plannedStart < today) {
    plannedStart = today;
    plannedFinish = addDays(today, leadDays);
    behindRequestedDate = plannedFinish > requestedDate;
  }
  const stepFinishes = Array.from({ length: stepCount }, (_, i) => addDays(plannedStart, Math.ceil((leadDays * (i + 1)) / stepCount)));
  return { plannedStart, plannedFinish, behindRequestedDate, stepFinishes };
}

// ——— the production order ———

export interface ProductionMaterial {
  sku: string;
  quantityPerUnit: number;
  /** order quantity × quantity per unit */
  quantity: number;
}

export interface ProductionOrder {
  id: string;
  number: string;
  status: ProductionOrderStatus;
  orderId: string;
  orderNumber: string;
  orderKind: 'sale' | 'replacement';
  /** The after-sales complaint a replacement order answers. */
  serviceTicketNumber: string | null;
  customerId: string;
  /** As sales named the customer when the order was placed: production people may not read the customer register. */
  customerName: string;
  lineNo: number;
  sku: string;
  quantity: number;
  requestedDate: BusinessDate;
  plannedStart: BusinessDate;
  plannedFinish: BusinessDate;
  behindRequestedDate: boolean;
  /** The first production of the customer's design (customer and SKU): it keeps the reference sample later runs are compared with. */
  firstRun: boolean;
  route: ProductionRoute | null;
  factorySupplierId: string | null;
  agreedUnitPriceFen: number | null;
  warehouseCode: string | null;
  materials: ProductionMaterial[];
  materialsIssued: boolean;
  steps: ProductionStep[];
  receiptId: string | null;
  releasedBy: string | null;
  releasedAt: Date | null;
  doneAt: Date | null;
  receivedBy: string | null;
  receivedAt: Date | null;
  cancelReason: string | null;
}

export interface IssueRequest {
  id: string;
  number: string;
  order: { orderId: string; orderNumber: string; kind: 'sale' | 'replacement'; serviceTicketNumber: string | null; customerId: string; customerName: string; requestedDate: BusinessDate };
  line: { lineNo: number; sku: string; quantity: number };
  supply: SupplySpec;
  firstRun: boolean;
  today: BusinessDate;
}

/** Issued for one made-to-order line once the deposit is confirmed: planned, with the steps and materials the SKU's supply says today. */
export function issueProductionOrder(request: IssueRequest): Step<ProductionOrder> {
  const { order, line, supply } = request;
  if (!supply.steps.length) throw new DomainError('conflict', 'no-process-steps', `${line.sku} has no process steps to produce it by`);
  const plan = planProduction(order.requestedDate, supply.leadDays, supply.steps.length, request.today);
  const state: ProductionOrder = {
    id: request.id, number: request.number, status: 'planned', orderId: order.orderId, orderNumber: order.orderNumber, orderKind: order.kind, serviceTicketNumber: order.serviceTicketNumber, customerId: order.customerId, customerName: order.customerName,
    lineNo: line.lineNo, sku: line.sku, quantity: line.quantity, requestedDate: order.requestedDate, plannedStart: plan.plannedStart, plannedFinish: plan.plannedFinish,
    behindRequestedDate: plan.behindRequestedDate, firstRun: request.firstRun, route: null, factorySupplierId: null, agreedUnitPriceFen: null, warehouseCode: null,
    materials: supply.materials.map((m) => ({ ...m, quantity: m.quantityPerUnit * line.quantity })), materialsIssued: false,
    steps: supply.steps.map((s, i) => ({
      stepNo: i + 1, name: s.name, status: 'pending', plannedFinish: plan.stepFinishes[i], passed: false,
      startedBy: null, startedAt: null, completedBy: null, completedAt: null, checks: [], decisions: [],
    })),
    receiptId: null, releasedBy: null, releasedAt: null, doneAt: null, receivedBy: null, receivedAt: null, cancelReason: null,
  };
  const behind = plan.behindRequestedDate ? `, behind the requested ${order.requestedDate}` : '';
  return { state, transitions: [{ from: 'new', to: 'planned', reason: `issued for ${order.orderNumber} line ${line.lineNo}: ${plan.plannedStart} to ${plan.plannedFinish}${behind}` }], events: [] };
}

export interface ReleaseInput {
  route: ProductionRoute;
  factorySupplierId?: string;
  agreedUnitPriceFen?: number;
}

/** The supplier a release names, as purchasing keeps it (null: no such supplier). */
export interface FactoryCandidate {
  id: string;
  code: string;
  kind: string;
  active: boolean;
}

/** Released in-house, or to a contract factory: an active supplier of kind factory, at a price agreed per unit. */
export function releaseProductionOrder(mo: ProductionOrder, input: ReleaseInput, factory: FactoryCandidate | null, by: string, at: Date): Step<ProductionOrder> {
  const what = `Production order ${mo.number}`;
  const transition = PRODUCTION_ORDER.move(mo.status, 'released', '', what);
  const problems: FieldError[] = [];
  if (input.route === 'outsourced') {
    if (!input.factorySupplierId) problems.push({ field: 'factorySupplierId', message: 'is required to outsource' });
    else if (!factory) problems.push({ field: 'factorySupplierId', message: 'names no supplier' });
    else if (factory.kind !== 'factory') problems.push({ field: 'factorySupplierId', message: `names ${factory.code}, a supplier of kind ${factory.kind}, not a factory` });
    else if (!factory.active) problems.push({ field: 'factorySupplierId', message: `names ${factory.code}, which is inactive` });
    if (input.agreedUnitPriceFen === undefined) problems.push({ field: 'agreedUnitPriceFen', message: 'is required to outsource' });
    else if (!Number.isInteger(input.agreedUnitPriceFen) || input.agreedUnitPriceFen < 0) problems.push({ field: 'agreedUnitPriceFen', message: 'must be whole fen, not negative' });
  } else {
    if (input.factorySupplierId !== undefined) problems.push({ field: 'factorySupplierId', message: 'is only for an outsourced release' });
    if (input.agreedUnitPriceFen !== undefined) problems.push({ field: 'agreedUnitPriceFen', message: 'is only for an outsourced release' });
  }
  if (problems.length) throw new DomainError('rule_violated', 'invalid-release', `${what} cannot be released so`, problems);
  const outsourced = input.route === 'outsourced';
  const state: ProductionOrder = {
    ...mo, status: 'released', route: input.route, factorySupplierId: outsourced ? factory!.id : null, agreedUnitPriceFen: outsourced ? input.agreedUnitPriceFen! : null,
    releasedBy: by, releasedAt: at,
  };
  const how = outsourced ? `to factory ${factory!.code} at ${(input.agreedUnitPriceFen! / 100).toFixed(2)} CNY a unit` : 'in-house';
  return { state, transitions: [{ ...transition, reason: `released ${how} by ${by}` }], events: [] };
}

function stepOf(mo: ProductionOrder, stepNo: number): ProductionStep {
  const step = mo.steps.find((s) => s.stepNo === stepNo);
  if (!step) throw new DomainError('not_found', 'step-not-found', `Production order ${mo.number} has no step ${stepNo}`);
  return step;
}

const withStep = (mo: ProductionOrder, step: ProductionStep): ProductionOrder => ({ ...mo, steps: mo.steps.map((s) => (s.stepNo === step.stepNo ? step : s)) });

function refuseUnlessWorkable(mo: ProductionOrder): void {
  if (mo.status !== 'released' && mo.status !== 'in_progress') {
    throw new DomainError('conflict', 'production-order-not-in-work', `Production order ${mo.number} is ${mo.status.replace(/_/g, ' ')}: its steps cannot be worked`);
  }
}

/**
 * Steps start in order, each once the one before it is completed. The first start puts the order in progress, and
 * its materials must be issued from stock in the same transaction (the caller issues them: `materialsIssued`).
 */
export function startStep(mo: ProductionOrder, stepNo: number, by: string, at: Date): Step<ProductionOrder> {
  refuseUnlessWorkable(mo);
  const step = stepOf(mo, stepNo);
  if (step.status !== 'pending') throw new DomainError('conflict', 'step-already-started', `Step ${stepNo} of ${mo.number} has started already`);
  const before = mo.steps.find((s) => s.stepNo === stepNo - 1);
  if (before && before.status !== 'completed') {
    throw new DomainError('conflict', 'step-out-of-order', `Step ${stepNo} of ${mo.number} starts after step ${before.stepNo} (${before.name}) is completed`);
  }
  const started = withStep(mo, { ...step, status: 'in_progress', startedBy: by, startedAt: at.toISOString() });
  const reason = `step ${stepNo} (${step.name}) started by ${by}`;
  if (mo.status === 'released') {
    return { state: { ...started, status: 'in_progress', materialsIssued: true }, transitions: [PRODUCTION_ORDER.move(mo.status, 'in_progress', reason)], events: [] };
  }
  return { state: started, transitions: [note(mo.status, reason)], events: [] };
}

/** A sample check on a step; see quality-check.ts. `repeatRun`: a reference sample of the customer's design is kept (not by this order). */
export function recordSampleCheck(mo: ProductionOrder, stepNo: number, input: SampleCheckInput, context: { repeatRun: boolean; inspector: string; at: Date }): Step<ProductionOrder> {
  refuseUnlessWorkable(mo);
  const checked = checkSample(stepOf(mo, stepNo), input, context);
  const check = checked.checks.at(-1)!;
  const outcome = check.counts === 'pass' ? 'passed' : check.result === 'pass' ? 'differs from the reference sample: step stopped' : 'failed: step stopped';
  return { state: withStep(mo, checked), transitions: [note(mo.status, `step ${stepNo} sample check ${check.checkNo} by ${context.inspector} ${outcome}`)], events: [] };
}

export function decideStep(
  mo: ProductionOrder, stepNo: number, input: { decision: QualityDecisionKind; note: string; scrappedQuantity?: number }, by: { userId: string; roles: readonly string[] }, at: Date,
): Step<ProductionOrder> {
  refuseUnlessWorkable(mo);
  const decided = decide(stepOf(mo, stepNo), input, by, at);
  return { state: withStep(mo, decided), transitions: [note(mo.status, `step ${stepNo}: ${input.decision} decided by ${by.userId}: ${input.note.trim()}`)], events: [] };
}

/**
 * A step is completed with a passing check (or a concession) since it last stopped. The last step makes the order
 * done — but a first run only once its reference sample is registered, since every later run is compared with it.
 */
export function completeStep(mo: ProductionOrder, stepNo: number, context: { by: string; at: Date; referenceSampleKept: boolean }): Step<ProductionOrder> {
  refuseUnlessWorkable(mo);
  const step = stepOf(mo, stepNo);
  refuseUnlessMayComplete(step);
  const last = mo.steps.every((s) => s.stepNo === stepNo || s.status === 'completed');
  if (last && mo.firstRun && !context.referenceSampleKept) {
    throw new DomainError('conflict', 'reference-sample-missing', `${mo.number} is the first run of the customer's design: register its reference sample before the last step is completed`);
  }
  const completed = withStep(mo, { ...step, status: 'completed', completedBy: context.by, completedAt: context.at.toISOString() });
  const reason = `step ${stepNo} (${step.name}) completed by ${context.by}`;
  if (!last) return { state: completed, transitions: [note(mo.status, reason)], events: [] };
  return { state: { ...completed, status: 'done', doneAt: context.at }, transitions: [PRODUCTION_ORDER.move(mo.status, 'done', `${reason}: all steps done`)], events: [] };
}

/** A reference sample is kept from a first run, once per design, while the order is not cancelled. */
export function refuseReferenceSample(mo: ProductionOrder, kept: { productionOrderNumber: string } | null): void {
  if (!mo.firstRun) throw new DomainError('conflict', 'not-a-first-run', `${mo.number} repeats the customer's design: its reference sample was kept from an earlier run`);
  if (mo.status === 'cancelled') throw new DomainError('conflict', 'production-order-cancelled', `${mo.number} is cancelled`);
  if (kept) throw new DomainError('conflict', 'reference-sample-exists', `The reference sample of this design was registered on ${kept.productionOrderNumber}`);
}

/** Received into stock: in-house into the ledger, outsourced by a goods receipt from the factory (`receiptId`). */
export function receiveProductionOrder(mo: ProductionOrder, context: { by: string; at: Date; warehouseCode: string; receiptNumber: string | null; receiptId: string | null }): Step<ProductionOrder> {
  const how = context.receiptNumber ? ` by goods receipt ${context.receiptNumber}` : '';
  const transition = PRODUCTION_ORDER.move(mo.status, 'received', `${mo.quantity} × ${mo.sku} received into ${context.warehouseCode}${how} by ${context.by}`, `Production order ${mo.number}`);
  return {
    state: { ...mo, status: 'received', warehouseCode: context.warehouseCode, receiptId: context.receiptId, receivedBy: context.by, receivedAt: context.at },
    transitions: [transition], events: [],
  };
}

/** Cancelled with its customer order while nothing was issued for it; one in progress or done is finished and kept. */
export function cancelProductionOrder(mo: ProductionOrder, reason: string): Step<ProductionOrder> | null {
  if (mo.status !== 'planned' && mo.status !== 'released') return null;
  return { state: { ...mo, status: 'cancelled', cancelReason: reason }, transitions: [PRODUCTION_ORDER.move(mo.status, 'cancelled', reason)], events: [] };
}

// ——— materials ———

export interface MaterialLot {
  sku: string;
  location: string;
  batch: string;
  onHand: number;
}

export interface MaterialIssueLine {
  sku: string;
  location: string;
  batch: string;
  quantity: number;
}

/**
 * The lots a production order's materials leave, oldest first, from what no customer order holds (`free`: on hand less
 * reserved in the warehouse). All or none: any material short refuses with each short one named.
 */
export function planMaterialIssue(mo: Pick<ProductionOrder, 'number' | 'materials'>, free: ReadonlyMap<string, number>, lots: readonly MaterialLot[]): MaterialIssueLine[] {
  const problems: FieldError[] = [];
  const lines: MaterialIssueLine[] = [];
  mo.materials.forEach((m, i) => {
    const canTake = Math.min(Math.max(0, free.get(m.sku) ?? 0), lots.filter((l) => l.sku === m.sku).reduce((n, l) => n + Math.max(0, l.onHand), 0));
    if (canTake < m.quantity) {
      problems.push({ field: `materials[${i}]`, message: `${m.sku}: needs ${m.quantity}, ${canTake} free in stock, short by ${m.quantity - canTake}` });
      return;
    }
    let want = m.quantity;
    for (const lot of lots) {
      if (!want) break;
      if (lot.sku !== m.sku || lot.onHand <= 0) continue;
      const n = Math.min(want, lot.onHand);
      lines.push({ sku: m.sku, location: lot.location, batch: lot.batch, quantity: n });
      want -= n;
    }
  });
  if (problems.length) throw new DomainError('conflict', 'materials-short', `The materials of ${mo.number} are not all in stock`, problems);
  return lines;
}

// ——— late steps ———

export interface LateStep {
  step: ProductionStep;
  daysLate: number;
}

/**
 * The steps late on `on`: not completed, of an order still to be made, and planned to finish before that day. A step
 * is listed from the day after its planned finish (1 day late), every day until it is completed.
 */
export function lateSteps(mo: Pick<ProductionOrder, 'status' | 'steps'>, on: BusinessDate): LateStep[] {
  if (!['planned', 'released', 'in_progress'].includes(mo.status)) return [];
  return mo.steps.filter((s) => s.status !== 'completed' && s.plannedFinish < on).map((step) => ({ step, daysLate: daysBetween(step.plannedFinish, on) }));
}

/** Whether every production order of a customer order has been received: then the order is reserved and finance is told. */
export function allReceived(orders: ReadonlyArray<Pick<ProductionOrder, 'status'>>): boolean {
  const live = orders.filter((o) => o.status !== 'cancelled');
  return live.length > 0 && live.every((o) => o.status === 'received');
}

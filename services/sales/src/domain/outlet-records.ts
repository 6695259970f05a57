import { addDays, DomainError, monthStart, addMonths, note, StateMachine, type DomainEvent, type Step } from '@ops/kernel';

/**
 * An outlet's records besides its rota (店长, 吧台主管): waste and breakage approved by a supervisor other than
 * whoever recorded it and then costed by finance; customer complaints assigned and resolved by the supervisor;
 * replenishment requests answered by inventory's transfers; and the attainment of the outlet's targets.
 */

// ---- waste ----

export type WasteStatus = 'recorded' | 'approved' | 'rejected';
export const OUTLET_WASTE = new StateMachine<WasteStatus>('outlet waste', { recorded: ['approved', 'rejected'], approved: [], rejected: [] });

export interface WasteLine {
  lineNo: number;
  sku: string;
  quantity: number;
  kind: 'waste' | 'breakage' | 'expired' | 'spillage';
  floorPriceFen: number;
  unitCostFen: number | null;
  costFen: number | null;
  costBasis: string | null;
}

export interface OutletWaste {
  id: string;
  number: string;
  outletId: string;
  outletCode: string;
  warehouseCode: string;
  status: WasteStatus;
  businessDate: string;
  lines: WasteLine[];
  note: string;
  recordedBy: string;
  recordedAt: Date;
  decidedBy: string | null;
  decidedAt: Date | null;
  rejectReason: string | null;
  costFen: number | null;
  journalEntryNumber: string | null;
}

export function recordWaste(waste: Omit<OutletWaste, 'status' | 'decidedBy' | 'decidedAt' | 'rejectReason' | 'costFen' | 'journalEntryNumber'>): Step<OutletWaste> {
  const state: OutletWaste = { ...waste, status: 'recorded', decidedBy: null, decidedAt: null, rejectReason: null, costFen: null, journalEntryNumber: null };
  const units = waste.lines.reduce((n, l) => n + l.quantity, 0);
  return { state, transitions: [{ from: 'new', to: 'recorded', reason: `${units} unit(s) recorded by ${waste.recordedBy}: ${waste.note}` }], events: [] };
}

/** The supervisor approves; never the person who recorded it (403 `waste-own-record`). Tells inventory and finance. */
export function approveWaste<W extends OutletWaste>(waste: W, by: string, at: Date): Step<W> {
  if (by === waste.recordedBy) throw new DomainError('forbidden', 'waste-own-record', `${by} recorded ${waste.number}: another supervisor approves it`);
  const t = OUTLET_WASTE.move(waste.status, 'approved', `Approved by ${by}`, 'Waste');
  const state = { ...waste, status: 'approved' as const, decidedBy: by, decidedAt: at };
  const event: DomainEvent = {
    type: 'sales.outlet-waste.approved',
    data: {
      wasteId: waste.id, number: waste.number, outletId: waste.outletId, outletCode: waste.outletCode, warehouseCode: waste.warehouseCode, businessDate: waste.businessDate,
      lines: waste.lines.map((l) => ({ lineNo: l.lineNo, sku: l.sku, quantity: l.quantity, kind: l.kind, floorPriceFen: l.floorPriceFen })),
      recordedBy: waste.recordedBy, approvedBy: by, approvedAt: at.toISOString(),
    },
  };
  return { state, transitions: [t], events: [event] };
}

export function rejectWaste<W extends OutletWaste>(waste: W, by: string, reason: string, at: Date): Step<W> {
  const t = OUTLET_WASTE.move(waste.status, 'rejected', `Rejected by ${by}: ${reason}`, 'Waste');
  return { state: { ...waste, status: 'rejected' as const, decidedBy: by, decidedAt: at, rejectReason: reason }, transitions: [t], events: [] };
}

export interface WasteCost {
  lines: Array<{ lineNo: number; unitCostFen: number; costBasis: string }>;
  costFen: number;
  /** Null when the waste cost nothing (no entry booked). */
  journalEntryNumber: string | null;
}

/** Finance's cost of approved waste, given once: a repeat changes nothing. */
export function costWaste<W extends OutletWaste>(waste: W, cost: WasteCost): Step<W> {
  if (waste.costFen !== null) return { state: waste, transitions: [], events: [] };
  if (waste.status !== 'approved') throw new DomainError('conflict', 'waste-not-approved', `${waste.number} is ${waste.status}: only approved waste is costed`);
  const lines = waste.lines.map((l) => {
    const c = cost.lines.find((x) => x.lineNo === l.lineNo);
    return c ? { ...l, unitCostFen: c.unitCostFen, costFen: c.unitCostFen * l.quantity, costBasis: c.costBasis } : l;
  });
  return {
    state: { ...waste, lines, costFen: cost.costFen, journalEntryNumber: cost.journalEntryNumber },
    transitions: [note(waste.status, `Costed ${cost.costFen} fen${cost.journalEntryNumber ? ` (${cost.journalEntryNumber})` : ''}`)],
    events: [],
  };
}

// ---- complaints ----

export type ComplaintStatus = 'open' | 'assigned' | 'resolved';
export const OUTLET_COMPLAINT = new StateMachine<ComplaintStatus>('outlet complaint', { open: ['assigned', 'resolved'], assigned: ['assigned', 'resolved'], resolved: [] });
export const COMPLAINT_OVERDUE_DAYS = 3;

export interface OutletComplaint {
  id: string;
  number: string;
  outletId: string;
  outletCode: string;
  status: ComplaintStatus;
  customerName: string;
  contact: string | null;
  ticketNumber: string | null;
  category: string;
  description: string;
  loggedBy: string;
  loggedAt: Date;
  assignedTo: string | null;
  resolution: string | null;
  outcome: string | null;
  resolvedBy: string | null;
  resolvedAt: Date | null;
}

export function logComplaint(c: Omit<OutletComplaint, 'status' | 'assignedTo' | 'resolution' | 'outcome' | 'resolvedBy' | 'resolvedAt'>): Step<OutletComplaint> {
  const state: OutletComplaint = { ...c, status: 'open', assignedTo: null, resolution: null, outcome: null, resolvedBy: null, resolvedAt: null };
  return { state, transitions: [{ from: 'new', to: 'open', reason: `${c.category} complaint from ${c.customerName}, logged by ${c.loggedBy}` }], events: [] };
}

export function assignComplaint<C extends OutletComplaint>(c: C, assignee: string, by: string): Step<C> {
  const t = OUTLET_COMPLAINT.move(c.status, 'assigned', `Assigned to ${assignee} by ${by}`, 'A complaint');
  return { state: { ...c, status: 'assigned' as const, assignedTo: assignee }, transitions: [t], events: [] };
}

export function resolveComplaint<C extends OutletComplaint>(c: C, resolution: string, outcome: string, by: string, at: Date): Step<C> {
  const t = OUTLET_COMPLAINT.move(c.status, 'resolved', `Resolved by ${by} (${outcome}): ${resolution}`, 'A complaint');
  return { state: { ...c, status: 'resolved' as const, resolution, outcome, resolvedBy: by, resolvedAt: at }, transitions: [t], events: [] };
}

/** Still open (or assigned) more than three days after it was logged. */
export const isOverdue = (c: Pick<OutletComplaint, 'status' | 'loggedAt'>, now: Date): boolean =>
  c.status !== 'resolved' && now.getTime() - new Date(c.loggedAt).getTime() > COMPLAINT_OVERDUE_DAYS * 86_400_000;

// ---- replenishment ----

export type ReplenishmentStatus = 'requested' | 'transfer-raised';
export const REPLENISHMENT = new StateMachine<ReplenishmentStatus>('replenishment request', { requested: ['transfer-raised'], 'transfer-raised': [] });

export interface Replenishment {
  id: string;
  number: string;
  outletId: string;
  outletCode: string;
  status: ReplenishmentStatus;
  fromWarehouseCode: string;
  toWarehouseCode: string;
  lines: Array<{ sku: string; quantity: number }>;
  note: string | null;
  requestedBy: string;
  requestedAt: Date;
  transferId: string | null;
  transferNumber: string | null;
}

/** Lines of one SKU are one line; the outlet's own warehouse cannot replenish it (422 `replenish-from-self`). */
export function requestReplenishment(r: Omit<Replenishment, 'status' | 'transferId' | 'transferNumber'>): Step<Replenishment> {
  if (r.fromWarehouseCode === r.toWarehouseCode) throw new DomainError('rule_violated', 'replenish-from-self', `${r.toWarehouseCode} is the outlet's own warehouse`, [{ field: 'fromWarehouseCode', message: 'must be another warehouse' }]);
  const merged = new Map<string, number>();
  for (const l of r.lines) merged.set(l.sku, (merged.get(l.sku) ?? 0) + l.quantity);
  const lines = [...merged].map(([sku, quantity]) => ({ sku, quantity }));
  const state: Replenishment = { ...r, lines, status: 'requested', transferId: null, transferNumber: null };
  const event: DomainEvent = {
    type: 'sales.replenishment.requested',
    data: { requestId: r.id, number: r.number, outletCode: r.outletCode, toWarehouseCode: r.toWarehouseCode, fromWarehouseCode: r.fromWarehouseCode, lines, requestedBy: r.requestedBy, note: r.note },
  };
  return { state, transitions: [{ from: 'new', to: 'requested', reason: `Asked ${r.fromWarehouseCode} for ${lines.length} SKU(s)` }], events: [event] };
}

/** Inventory raised the transfer; a repeat of the same transfer changes nothing. */
export function transferRaised<R extends Replenishment>(r: R, transferId: string, transferNumber: string): Step<R> {
  if (r.transferId === transferId) return { state: r, transitions: [], events: [] };
  const t = REPLENISHMENT.move(r.status, 'transfer-raised', `Transfer ${transferNumber} raised`, 'A replenishment request');
  return { state: { ...r, status: 'transfer-raised' as const, transferId, transferNumber }, transitions: [t], events: [] };
}

// ---- targets and attainment ----

export interface Period {
  from: string;
  to: string;
}

/** The day itself, its week (Monday to Sunday) and its calendar month. */
export function periodsOf(date: string): { day: Period; week: Period; month: Period } {
  const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
  const monday = addDays(date, -((weekday + 6) % 7));
  const first = monthStart(date);
  return { day: { from: date, to: date }, week: { from: monday, to: addDays(monday, 6) }, month: { from: first, to: addDays(addMonths(first, 1), -1) } };
}

export interface Attainment extends Period {
  targetFen: number | null;
  actualFen: number;
  percent: number | null;
}

/** actual / target as a percentage with one decimal (rounded half up); null without a target or with a zero one. */
export function attainment(period: Period, targetFen: number | null, actualFen: number): Attainment {
  const percent = targetFen ? Math.round((actualFen * 1000) / targetFen) / 10 : null;
  return { ...period, targetFen, actualFen, percent };
}

/**
 * The actual of a period from the outlet's tickets: the totals of the paid ones whose business date falls in it
 * (a voided ticket no longer counts, an open one not yet).
 */
export function actualOf(tickets: Array<{ status: string; businessDate: string; totalFen: number }>, period: Period): number {
  return tickets.filter((t) => t.status === 'paid' && t.businessDate >= period.from && t.businessDate <= period.to).reduce((n, t) => n + t.totalFen, 0);
}

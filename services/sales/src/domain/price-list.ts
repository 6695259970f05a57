import { DomainError, refuseSelfApproval, StateMachine, type Person, type Step } from '@ops/kernel';

/**
 * Price lists (domain.md §4.1, §4.3): valid between two business dates, with a list and a floor price per
 * SKU; a list takes effect only once a finance manager or the sales VP approves it, never its author.
 */
export interface PriceListLine {
  sku: string;
  listPriceFen: number;
  floorPriceFen: number;
}

export interface PriceList {
  id: string;
  number: string;
  status: 'draft' | 'approved';
  validFrom: string;
  validTo: string | null;
  createdBy: string;
  approvedAt: Date | null;
  lines: PriceListLine[];
}

export const PRICE_LIST = new StateMachine<PriceList['status']>('price list', { draft: ['approved'], approved: [] });

export const PRICE_LIST_APPROVERS = ['finance_manager', 'sales_vp', 'general_manager'] as const;

export function checkPriceListDraft(draft: { validFrom: string; validTo: string | null; lines: PriceListLine[] }): void {
  const errors: Array<{ field: string; message: string }> = [];
  if (draft.validTo !== null && draft.validTo < draft.validFrom) errors.push({ field: 'validTo', message: 'must not be before validFrom' });
  const seen = new Set<string>();
  draft.lines.forEach((line, i) => {
    if (line.floorPriceFen > line.listPriceFen) errors.push({ field: `lines[${i}].floorPriceFen`, message: 'must not be above the list price' });
    if (seen.has(line.sku)) errors.push({ field: `lines[${i}].sku`, message: 'appears on an earlier line' });
    seen.add(line.sku);
  });
  if (errors.length) throw new DomainError('invalid', 'price-list-invalid', 'The price list is not consistent', errors);
}

/** A new list is a draft: it prices nothing until approved. */
export function draftPriceList<P extends Omit<PriceList, 'status' | 'lines'>>(list: P, draft: { validFrom: string; validTo: string | null; lines: PriceListLine[] }): Step<P & { status: PriceList['status'] }> {
  checkPriceListDraft(draft);
  return { state: { ...list, status: 'draft' }, transitions: [{ from: 'new', to: 'draft', reason: 'drafted' }], events: [] };
}

export function approvePriceList<P extends PriceList & { approvedBy?: string | null }>(list: P, approver: Person, at: Date): Step<P> {
  if (list.status !== 'draft') throw new DomainError('conflict', 'price-list-decided', `Price list ${list.number} is already ${list.status}`);
  refuseSelfApproval({ kind: 'price list', number: list.number, createdBy: list.createdBy }, approver.userId);
  if (!approver.roles.some((role) => (PRICE_LIST_APPROVERS as readonly string[]).includes(role))) {
    throw new DomainError('forbidden', 'approval-level', `Price list ${list.number} takes effect only when a finance manager or the sales VP approves it`);
  }
  const t = PRICE_LIST.move(list.status, 'approved', `approved by ${approver.userId}`);
  return { state: { ...list, status: t.to, approvedAt: at, approvedBy: approver.userId }, transitions: [t], events: [] };
}

export function coversDate(list: Pick<PriceList, 'validFrom' | 'validTo'>, date: string): boolean {
  return list.validFrom <= date && (list.validTo === null || date <= list.validTo);
}

/** The price of a SKU on a date: from the approved list valid that day, the most recently approved winning. */
export function validPrice(lists: readonly PriceList[], sku: string, date: string): (PriceListLine & { priceListNumber: string }) | undefined {
  const candidates = lists
    .filter((list) => list.status === 'approved' && coversDate(list, date))
    .sort((a, b) => b.approvedAt!.getTime() - a.approvedAt!.getTime());
  for (const list of candidates) {
    const line = list.lines.find((l) => l.sku === sku);
    if (line) return { ...line, priceListNumber: list.number };
  }
  return undefined;
}

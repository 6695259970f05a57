import { DomainError, type FieldError } from '@ops/kernel';

/**
 * Stock is kept per warehouse, location and batch (domain.md §6). Orders reserve at warehouse level; the
 * keeper who picks takes the units from lots, naming them or letting the oldest batch go first (FIFO).
 */
export interface Lot {
  sku: string;
  location: string;
  /** '' when the goods carry no batch. */
  batch: string;
  onHand: number;
  /** When the lot first received goods: FIFO order. */
  since: Date;
}

export interface LotPick {
  sku: string;
  location: string;
  batch: string;
  quantity: number;
}

export interface PickCount {
  sku: string;
  quantity: number;
  location?: string;
  batch?: string;
}

const lotKey = (l: { sku: string; location: string; batch: string }) => `${l.sku}@${l.location}#${l.batch}`;

/**
 * Turns a keeper's counts (already checked against the order per SKU) into picks from lots. Counts that
 * name a location or batch take from those lots; the rest comes from the oldest lots first. A pick that
 * lots cannot cover is refused, naming the line.
 */
export function allocatePicks(counts: PickCount[], lots: Lot[]): LotPick[] {
  const left = new Map(lots.map((l) => [lotKey(l), l.onHand]));
  const picks = new Map<string, LotPick>();
  const take = (lot: Lot, quantity: number) => {
    left.set(lotKey(lot), (left.get(lotKey(lot)) ?? 0) - quantity);
    const key = lotKey(lot);
    const pick = picks.get(key) ?? { sku: lot.sku, location: lot.location, batch: lot.batch, quantity: 0 };
    pick.quantity += quantity;
    picks.set(key, pick);
  };
  const problems: FieldError[] = [];
  // Named lots first, so that FIFO does not take what a keeper said they picked.
  const ordered = [...counts.entries()].sort(([, a], [, b]) => Number(named(b)) - Number(named(a)));
  for (const [i, count] of ordered) {
    if (count.quantity === 0) continue;
    const candidates = lots
      .filter((l) => l.sku === count.sku && (count.location === undefined || l.location === count.location) && (count.batch === undefined || l.batch === count.batch))
      .sort((a, b) => a.since.getTime() - b.since.getTime() || a.batch.localeCompare(b.batch) || a.location.localeCompare(b.location));
    let wanted = count.quantity;
    for (const lot of candidates) {
      const n = Math.min(wanted, left.get(lotKey(lot)) ?? 0);
      if (n > 0) take(lot, n);
      wanted -= n;
      if (wanted === 0) break;
    }
    if (wanted > 0) {
      const where = [count.location && `location ${count.location}`, count.batch !== undefined && `batch ${count.batch || '(none)'}`].filter(Boolean).join(', ');
      problems.push({ field: `lines[${i}]`, message: `${wanted} of ${count.sku} not on hand${where ? ` in ${where}` : ''}` });
    }
  }
  if (problems.length) throw new DomainError('rule_violated', 'lot-short', 'The picked goods are not on hand where the pick says', problems);
  return [...picks.values()].sort((a, b) => lotKey(a).localeCompare(lotKey(b)));
}

function named(count: PickCount): boolean {
  return count.location !== undefined || count.batch !== undefined;
}

/**
 * The verifier checks the batches as well as the quantities (domain.md §6): for every batch picked, the
 * verifier's count of that SKU and batch must agree.
 */
export function batchProblems(picks: LotPick[], counted: PickCount[]): FieldError[] {
  const batched = picks.filter((p) => p.batch !== '');
  if (batched.length === 0) return [];
  const want = new Map<string, number>();
  for (const p of batched) want.set(`${p.sku}/${p.batch}`, (want.get(`${p.sku}/${p.batch}`) ?? 0) + p.quantity);
  const got = new Map<string, number>();
  for (const c of counted) if (c.batch) got.set(`${c.sku}/${c.batch}`, (got.get(`${c.sku}/${c.batch}`) ?? 0) + c.quantity);
  const problems: FieldError[] = [];
  for (const [key, quantity] of want) {
    const n = got.get(key) ?? 0;
    if (n !== quantity) problems.push({ field: `lines[${key}].quantity`, message: `counted ${n} of batch ${key.split('/')[1]}, the pick took ${quantity}` });
  }
  for (const key of got.keys()) if (!want.has(key)) problems.push({ field: `lines[${key}]`, message: 'this batch was not picked' });
  return problems;
}

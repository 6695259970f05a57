import { addDays, addMonths, formatFen, type BusinessDate } from '@ops/kernel';
import { atLeast, stageOf, type CollectionStage, type WriteOff } from './collection-ladder.js';

/**
 * Commission on collected money (collection rules 9-07, domain.md §5), per rep and month, from the credit
 * sales of the customers assigned to the rep. What there was to collect in the month is what was still owed
 * at its start (or when invoiced, if later) on the rep's receivables due by its end; collected is what came
 * in on them during the month. Then: 100 % collected with no bad debt earns 0.12 % of collected; 98 % to
 * below 100 % earns 0.06 % (as does 100 % with a doubtful or written-off receivable); below 98 % nothing;
 * below 95 % a penalty of 1 % of what was not collected. Rates compare in whole fen, never in floats.
 */
export interface CommissionLine {
  /** Owed at the month's start (or on invoicing within it) on a receivable due by the month's end. */
  collectibleFen: number;
  /** Received on it during the month (never more than was collectible). */
  collectedFen: number;
  /** Doubtful or written off by the month's end. */
  badDebt: boolean;
}

export type CommissionTier = 'full' | 'partial' | 'none' | 'penalty';

export interface Commission {
  collectibleFen: number;
  collectedFen: number;
  uncollectedFen: number;
  /** Hundredths of a percent, rounded down. */
  collectionRateBp: number;
  badDebt: boolean;
  tier: CommissionTier;
  commissionFen: number;
  penaltyFen: number;
  netFen: number;
  explanation: string;
}

/** `fen × numerator / denominator`, rounded half up to the fen. */
const share = (fen: number, numerator: number, denominator: number) => Math.floor((fen * numerator * 2 + denominator) / (denominator * 2));

const percent = (bp: number) => `${Math.floor(bp / 100)}.${String(bp % 100).padStart(2, '0')} %`;

export function commissionOf(lines: readonly CommissionLine[]): Commission {
  const collectibleFen = lines.reduce((sum, l) => sum + l.collectibleFen, 0);
  const collectedFen = lines.reduce((sum, l) => sum + Math.min(l.collectedFen, l.collectibleFen), 0);
  const uncollectedFen = collectibleFen - collectedFen;
  const badDebt = lines.some((l) => l.badDebt);
  const collectionRateBp = collectibleFen === 0 ? 10_000 : Math.floor((collectedFen * 10_000) / collectibleFen);
  const atLeast = (percentage: number) => collectedFen * 100 >= collectibleFen * percentage;

  let tier: CommissionTier;
  if (collectedFen === collectibleFen && !badDebt) tier = 'full';
  else if (atLeast(98)) tier = 'partial';
  else if (atLeast(95)) tier = 'none';
  else tier = 'penalty';

  const commissionFen = tier === 'full' ? share(collectedFen, 12, 10_000) : tier === 'partial' ? share(collectedFen, 6, 10_000) : 0;
  const penaltyFen = tier === 'penalty' ? share(uncollectedFen, 1, 100) : 0;
  const figures = `collected ${formatFen(collectedFen)} of ${formatFen(collectibleFen)} (${percent(collectionRateBp)})`;
  const explanation = {
    full: `${figures}, no bad debt: 0.12 % of collected = ${formatFen(commissionFen)}`,
    partial: `${figures}${collectedFen === collectibleFen ? ' but with bad debt' : ''}: 98 % to below 100 % earns 0.06 % of collected = ${formatFen(commissionFen)}`,
    none: `${figures}: below 98 % earns no commission`,
    penalty: `${figures}: below 95 % earns none, and 1 % of the ${formatFen(uncollectedFen)} not collected is deducted = ${formatFen(penaltyFen)}`,
  }[tier];
  return { collectibleFen, collectedFen, uncollectedFen, collectionRateBp, badDebt, tier, commissionFen, penaltyFen, netFen: commissionFen - penaltyFen, explanation };
}

/** The first and last business dates of a month `YYYY-MM`. */
export function monthBounds(month: string): { from: BusinessDate; to: BusinessDate } {
  const from = `${month}-01`;
  return { from, to: addDays(addMonths(from, 1), -1) };
}

/** One receivable of a rep as the month's figures need it: settled in all, and settled in and since the month. */
export interface ReceivableInMonth {
  amountFen: number;
  settledFen: number;
  /** Settled on or after the month's first day (so what was settled before it is the rest). */
  settledSinceFen: number;
  settledInFen: number;
  dueDate: BusinessDate;
  doubtfulReason: string | null;
  writeOff: Pick<WriteOff, 'writtenOffOn' | 'recoveredOn'> | null;
}

/**
 * What one receivable (due by the month's end, invoiced by then, not voided) counts for the month: what
 * there was to collect, what came in, whether it is bad debt at the month's end, and its stage then
 * (null once nothing is owed). Null when it does not count: written off before the month and never
 * recovered, or nothing to collect and no bad debt.
 */
export function commissionLineOf(r: ReceivableInMonth, month: string): (CommissionLine & { stageAtEnd: CollectionStage | null }) | null {
  const { from, to } = monthBounds(month);
  const writtenOffOn = r.writeOff?.writtenOffOn ?? null;
  if (writtenOffOn && writtenOffOn < from && !r.writeOff?.recoveredOn) return null;
  const collectibleFen = Math.max(0, r.amountFen - (r.settledFen - r.settledSinceFen));
  const collectedFen = Math.min(r.settledInFen, collectibleFen);
  const stage = stageOf({ status: writtenOffOn && writtenOffOn <= to ? 'written_off' : 'open', dueDate: r.dueDate, doubtfulReason: r.doubtfulReason }, to);
  const stillCounted = collectibleFen - collectedFen > 0 || stage === 'written_off';
  const badDebt = atLeast(stage, 'doubtful') && stillCounted;
  if (collectibleFen === 0 && !badDebt) return null;
  return { collectibleFen, collectedFen, badDebt, stageAtEnd: stillCounted ? stage : null };
}

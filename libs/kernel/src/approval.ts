import type { BusinessDate } from './calendar.js';
import { DomainError } from './errors.js';

/**
 * An approval ladder: levels from lowest to highest, and the roles that act at each. A person at a
 * level may approve that level and every level below it ("a higher role may approve a lower level").
 * Sales, purchasing and returns each declare their own ladder; the rules of climbing it are here once.
 */
export class ApprovalLadder<L extends string> {
  private readonly rank: ReadonlyMap<string, number>;

  /**
   * @param levels lowest first
   * @param actsAt the level each role acts at; a role not named acts at none
   */
  constructor(readonly levels: readonly L[], private readonly actsAt: Readonly<Partial<Record<string, L>>> = Object.fromEntries(levels.map((l) => [l, l]))) {
    this.rank = new Map(levels.map((level, i) => [level, i]));
  }

  /** The higher of two levels; `none` is below every level. */
  higher(a: L | 'none', b: L | 'none'): L | 'none' {
    return this.rankOf(b) > this.rankOf(a) ? b : a;
  }

  /** The highest level any rule asks for, with each rule's reason (a single approval at it covers the rest). */
  highest(asks: ReadonlyArray<{ level: L | 'none'; reason: string }>): { level: L | 'none'; reasons: string[] } {
    const needed = asks.filter((ask) => ask.level !== 'none');
    return { level: needed.reduce<L | 'none'>((level, ask) => this.higher(level, ask.level), 'none'), reasons: needed.map((ask) => ask.reason) };
  }

  /** The highest level any of `roles` acts at, or `none`. */
  levelOf(roles: readonly string[]): L | 'none' {
    return roles.reduce<L | 'none'>((level, role) => this.higher(level, this.actsAt[role] ?? 'none'), 'none');
  }

  canApprove(roles: readonly string[], required: L | 'none'): boolean {
    return required === 'none' || this.rankOf(this.levelOf(roles)) >= this.rankOf(required);
  }

  /** Refuses with a 403 that names the level needed, `what` being the document in words ("Order SO-…"). */
  refuseUnlessCanApprove(roles: readonly string[], required: L | 'none', what: string): void {
    if (!this.canApprove(roles, required)) {
      throw new DomainError('forbidden', 'approval-level', `${what} needs approval by a ${required.replace(/_/g, ' ')} or higher`);
    }
  }

  private rankOf(level: L | 'none'): number {
    return level === 'none' ? -1 : (this.rank.get(level) ?? -1);
  }
}

/** One version of a set of thresholds, in force from a business date until a later version starts. */
export interface Dated<T> {
  effectiveFrom: BusinessDate;
  value: T;
}

/**
 * The version in force on `date`. Thresholds are data with an effective date, so a change of policy is
 * a new version that starts on its day, and documents decided before it are still explained by the old.
 */
export function inForceOn<T>(versions: ReadonlyArray<Dated<T>>, date: BusinessDate): T {
  const current = versions.filter((v) => v.effectiveFrom <= date).sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))[0];
  if (!current) throw new Error(`No version is in force on ${date}`);
  return current.value;
}

/** Amount tiers: from `fromFen` (inclusive) upward, `level` must approve. Boundaries belong to the higher tier. */
export type AmountTiers<L extends string> = ReadonlyArray<{ fromFen: number; level: L }>;

export function levelForAmount<L extends string>(tiers: AmountTiers<L>, amountFen: number): L | 'none' {
  return [...tiers].sort((a, b) => b.fromFen - a.fromFen).find((tier) => amountFen >= tier.fromFen)?.level ?? 'none';
}

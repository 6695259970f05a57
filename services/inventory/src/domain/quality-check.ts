import { DomainError } from '@ops/kernel';

/**
 * Quality on a production order's process steps (domain.md, production): each step records sample checks by an
 * inspector. A failed check — or a sample that differs from the customer's reference sample — stops the step; nothing
 * more happens on it until the quality manager decides: rework or scrap send it back to work and need a new passing
 * check, a concession accepts it as it is. A step is completed only with a passing check (or a concession) since it
 * last stopped.
 */
export type StepStatus = 'pending' | 'in_progress' | 'stopped' | 'completed';
export type CheckResult = 'pass' | 'fail';
export type ReferenceComparison = 'matches' | 'differs';
export type QualityDecisionKind = 'rework' | 'scrap' | 'concession';

export interface SampleDefect {
  description: string;
  quantity: number;
}

export interface SampleCheck {
  checkNo: number;
  result: CheckResult;
  /** What counts: a pass whose sample differs from the reference sample is a fail. */
  counts: CheckResult;
  sampleSize: number;
  defects: SampleDefect[];
  referenceComparison: ReferenceComparison | null;
  inspector: string;
  checkedAt: string;
}

export interface QualityDecision {
  decision: QualityDecisionKind;
  note: string;
  scrappedQuantity: number | null;
  decidedBy: string;
  decidedAt: string;
}

export interface ProductionStep {
  stepNo: number;
  name: string;
  status: StepStatus;
  plannedFinish: string;
  /** A passing check or a concession since the step last stopped (or started). */
  passed: boolean;
  startedBy: string | null;
  startedAt: string | null;
  completedBy: string | null;
  completedAt: string | null;
  checks: SampleCheck[];
  decisions: QualityDecision[];
}

export interface SampleCheckInput {
  result: CheckResult;
  sampleSize: number;
  defects: SampleDefect[];
  referenceComparison?: ReferenceComparison;
}

const label = (step: ProductionStep) => `Step ${step.stepNo} (${step.name})`;

function refuseUnlessWorking(step: ProductionStep): void {
  if (step.status === 'stopped') {
    throw new DomainError('conflict', 'step-stopped', `${label(step)} is stopped by a failed sample check: the quality manager decides first`);
  }
  if (step.status !== 'in_progress') {
    throw new DomainError('conflict', 'step-not-in-progress', `${label(step)} is ${step.status.replace(/_/g, ' ')}, not in progress`);
  }
}

/**
 * A sample check on a step in progress. On a repeat of a customer's design (`repeatRun`: a reference sample of it is
 * kept) the check must compare the sample with it, and `differs` counts as a fail however the rest looked.
 */
export function checkSample(step: ProductionStep, input: SampleCheckInput, context: { repeatRun: boolean; inspector: string; at: Date }): ProductionStep {
  refuseUnlessWorking(step);
  const problems = [];
  if (context.repeatRun && !input.referenceComparison) {
    problems.push({ field: 'referenceComparison', message: 'is required: the customer\'s design has a reference sample to compare with' });
  }
  if (!Number.isInteger(input.sampleSize) || input.sampleSize < 1) problems.push({ field: 'sampleSize', message: 'must be a whole number of at least 1' });
  if (input.result === 'pass' && input.defects.reduce((n, d) => n + d.quantity, 0) > input.sampleSize) {
    problems.push({ field: 'defects', message: 'count more defective units than the sample holds' });
  }
  if (problems.length) throw new DomainError('rule_violated', problems[0].field === 'referenceComparison' ? 'reference-comparison-required' : 'invalid-sample-check', 'The sample check has fields to correct', problems);
  const counts: CheckResult = input.result === 'pass' && input.referenceComparison !== 'differs' ? 'pass' : 'fail';
  const check: SampleCheck = {
    checkNo: step.checks.length + 1, result: input.result, counts, sampleSize: input.sampleSize, defects: input.defects.map((d) => ({ ...d })),
    referenceComparison: input.referenceComparison ?? null, inspector: context.inspector, checkedAt: context.at.toISOString(),
  };
  return { ...step, status: counts === 'pass' ? 'in_progress' : 'stopped', passed: counts === 'pass', checks: [...step.checks, check] };
}

/** The quality manager's decision on a stopped step; nobody else decides (the route admits only them, and so does this). */
export function decide(
  step: ProductionStep,
  input: { decision: QualityDecisionKind; note: string; scrappedQuantity?: number },
  by: { userId: string; roles: readonly string[] },
  at: Date,
): ProductionStep {
  if (!by.roles.includes('quality_manager')) {
    throw new DomainError('forbidden', 'quality-manager-only', `Only the quality manager decides on ${label(step).toLowerCase()}`);
  }
  if (step.status !== 'stopped') throw new DomainError('conflict', 'step-not-stopped', `${label(step)} is not stopped: there is nothing to decide`);
  if (!input.note.trim()) throw new DomainError('rule_violated', 'note-required', 'Say why', [{ field: 'note', message: 'is required' }]);
  if (input.scrappedQuantity !== undefined && input.decision !== 'scrap') {
    throw new DomainError('rule_violated', 'invalid-decision', 'Only scrap throws units away', [{ field: 'scrappedQuantity', message: 'is only for a scrap decision' }]);
  }
  const decision: QualityDecision = {
    decision: input.decision, note: input.note.trim(), scrappedQuantity: input.decision === 'scrap' ? input.scrappedQuantity ?? 0 : null, decidedBy: by.userId, decidedAt: at.toISOString(),
  };
  // Rework and scrap put the step back to work, to be checked again; a concession accepts what was found.
  return { ...step, status: 'in_progress', passed: input.decision === 'concession', decisions: [...step.decisions, decision] };
}

/** Whether the step may be completed now; refuses with why not. */
export function refuseUnlessMayComplete(step: ProductionStep): void {
  refuseUnlessWorking(step);
  if (!step.passed) {
    throw new DomainError('conflict', 'sample-check-required', `${label(step)} needs a passing sample check (or the quality manager's concession) before it is completed`);
  }
}

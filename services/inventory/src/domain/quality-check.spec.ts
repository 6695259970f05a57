import { checkSample, decide, refuseUnlessMayComplete, type ProductionStep } from './quality-check.js';

describe('quality checks of a process step', () => {
  const at = new Date('2026-12-01T02:00:00Z');
  const step: ProductionStep = {
    stepNo: 1, name: 'Cutting', status: 'in_progress', plannedFinish: '2026-12-05', passed: false,
    startedBy: 'planner', startedAt: at.toISOString(), completedBy: null, completedAt: null, checks: [], decisions: [],
  };
  const context = { repeatRun: false, inspector: 'qc', at };
  const qm = { userId: 'qm', roles: ['quality_manager'] };

  it('numbers the checks and keeps who checked; a pass may be completed', () => {
    const once = checkSample(step, { result: 'pass', sampleSize: 3, defects: [] }, context);
    const twice = checkSample(once, { result: 'pass', sampleSize: 3, defects: [{ description: 'scratch', quantity: 1 }] }, context);
    expect(twice.checks.map((c) => [c.checkNo, c.counts, c.inspector])).toEqual([[1, 'pass', 'qc'], [2, 'pass', 'qc']]);
    expect(() => refuseUnlessMayComplete(twice)).not.toThrow();
  });

  it('refuses a pass with more defective units than the sample, and a check on a step not in progress', () => {
    expect(() => checkSample(step, { result: 'pass', sampleSize: 1, defects: [{ description: 'scratch', quantity: 2 }] }, context))
      .toThrow(expect.objectContaining({ code: 'invalid-sample-check', errors: [{ field: 'defects', message: expect.any(String) }] }) as Error);
    expect(() => checkSample({ ...step, status: 'pending' }, { result: 'pass', sampleSize: 1, defects: [] }, context)).toThrow(expect.objectContaining({ code: 'step-not-in-progress' }) as Error);
    expect(() => checkSample({ ...step, status: 'completed' }, { result: 'pass', sampleSize: 1, defects: [] }, context)).toThrow(expect.objectContaining({ status: 409 }) as Error);
  });

  it('a later failure stops a step that had passed', () => {
    const passed = checkSample(step, { result: 'pass', sampleSize: 3, defects: [] }, context);
    const failed = checkSample(passed, { result: 'fail', sampleSize: 3, defects: [{ description: 'split', quantity: 3 }] }, context);
    expect(failed).toMatchObject({ status: 'stopped', passed: false });
    expect(() => refuseUnlessMayComplete(failed)).toThrow(expect.objectContaining({ code: 'step-stopped' }) as Error);
  });

  it('scrap records the units thrown away and needs a new check; the quantity is only for scrap; a note is required', () => {
    const stopped = checkSample(step, { result: 'fail', sampleSize: 3, defects: [] }, context);
    const scrapped = decide(stopped, { decision: 'scrap', note: 'Cut wrong', scrappedQuantity: 2 }, qm, at);
    expect(scrapped).toMatchObject({ status: 'in_progress', passed: false, decisions: [{ decision: 'scrap', scrappedQuantity: 2, decidedBy: 'qm' }] });
    expect(() => decide(stopped, { decision: 'rework', note: 'x', scrappedQuantity: 1 }, qm, at)).toThrow(expect.objectContaining({ errors: [{ field: 'scrappedQuantity', message: expect.any(String) }] }) as Error);
    expect(() => decide(stopped, { decision: 'rework', note: ' ' }, qm, at)).toThrow(expect.objectContaining({ code: 'note-required' }) as Error);
  });
});

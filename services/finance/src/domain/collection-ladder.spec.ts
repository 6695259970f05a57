import { DomainError } from '@ops/kernel';
import {
  advanceStage, approveWriteOff, calendarStage, clearStage, COLLECTION_STAGES, declareDoubtful, dueBeforeForStage, dunningPlanMissingCutoff, fileDunningPlan, fileProblemReport,
  collectionFacts, recoverWrittenOff, stageBegins, stageOf, stopsSupply, type CollectionStage,
} from './collection-ladder.js';
import type { Receivable } from './receivable.js';

const receivable = (patch: Partial<Receivable> = {}): Receivable => ({
  id: 'r-1', invoiceId: 'i-1', orderId: 'o-1', customerId: 'c-1', amountFen: 100_000, settledFen: 0, dueDate: '2026-11-15', status: 'open', invoiceDate: '2026-10-16',
  stage: 'current', stageRevision: 0, doubtfulReason: null, dunningPlan: null, problemReport: null, writeOff: null, ...patch,
});
const fm = { userId: 'fm-1', roles: ['finance_manager'] };
const vp = { userId: 'vp-1', roles: ['sales_vp'] };

describe('the collection ladder', () => {
  it('climbs with the calendar: unpaid on the 5th after the due month, dunning a month later, supply stopped 20 days on, doubtful over a month after that', () => {
    const due = '2026-11-15';
    expect([stageBegins(due, 'unpaid'), stageBegins(due, 'dunning'), stageBegins(due, 'supply_stopped'), stageBegins(due, 'doubtful')]).toEqual(['2026-12-05', '2027-01-05', '2027-01-25', '2027-02-26']);
    const on = (today: string) => calendarStage(due, today);
    expect([on('2026-12-04'), on('2026-12-05'), on('2027-01-04'), on('2027-01-05'), on('2027-01-24'), on('2027-01-25'), on('2027-02-25'), on('2027-02-26')])
      .toEqual(['current', 'unpaid', 'unpaid', 'dunning', 'dunning', 'supply_stopped', 'supply_stopped', 'doubtful']);
  });

  it('gives queries a due-date cutoff for each stage that agrees with the calendar on every day of two years', () => {
    const dues = ['2025-12-31', '2026-01-05', '2026-01-31', '2026-02-28', '2026-03-01', '2026-06-30', '2026-11-15', '2026-12-31'];
    const stages = ['unpaid', 'dunning', 'supply_stopped', 'doubtful'] as const;
    for (let t = Date.parse('2026-01-01T00:00:00Z'); t <= Date.parse('2027-12-31T00:00:00Z'); t += 86_400_000) {
      const today = new Date(t).toISOString().slice(0, 10);
      for (const due of dues) {
        const rank = COLLECTION_STAGES.indexOf(calendarStage(due, today));
        for (const stage of stages) expect([today, due, stage, rank >= COLLECTION_STAGES.indexOf(stage)]).toEqual([today, due, stage, due < dueBeforeForStage(stage, today)]);
        const missing = today > stageBegins(due, 'dunning').replace(/-05$/, '-10');
        expect([today, due, 'plan missing', missing]).toEqual([today, due, 'plan missing', due < dunningPlanMissingCutoff(today)]);
      }
    }
  });

  it('announces each stage once, with a growing revision, and says nothing when the stage has not moved', () => {
    const unpaid = advanceStage(receivable(), '2026-12-05');
    expect(unpaid.events).toEqual([{ type: 'finance.receivable.stage-changed', data: expect.objectContaining({ stage: 'unpaid', previousStage: 'current', revision: 1, openFen: 100_000 }) }]);
    expect(advanceStage(unpaid.state, '2026-12-20').events).toEqual([]);
    const stopped = advanceStage(unpaid.state, '2027-01-25');
    expect(stopped.state).toMatchObject({ stage: 'supply_stopped', stageRevision: 2 });
    expect(stopped.transitions[0].reason).toBe('collection stage unpaid → supply stopped on 2027-01-25');
    expect(advanceStage(receivable({ status: 'settled', settledFen: 100_000 }), '2027-01-25').events).toEqual([]);
  });

  it('stops supply at supply stopped or doubtful, not before', () => {
    expect(stopsSupply(['current', 'unpaid', 'dunning', 'cleared'])).toBe(false);
    expect(stopsSupply(['unpaid', 'supply_stopped'])).toBe(true);
    expect(stopsSupply(['doubtful'])).toBe(true);
  });

  it('clears the stage when paid, only if a stage beyond current was announced', () => {
    expect(clearStage(receivable(), 'paid').events).toEqual([]);
    const cleared = clearStage(receivable({ stage: 'supply_stopped', stageRevision: 3, status: 'settled', settledFen: 100_000 }), 'paid by receipt RC-1');
    expect(cleared.events[0].data).toMatchObject({ stage: 'cleared', previousStage: 'supply_stopped', revision: 4, openFen: 0 });
  });

  it('makes every open receivable doubtful at once when the customer is declared bankrupt', () => {
    const step = declareDoubtful(receivable(), 'bankrupt: case 12', '2026-11-20');
    expect(stageOf(step.state, '2026-11-20')).toBe('doubtful');
    expect(step.events[0].data).toMatchObject({ stage: 'doubtful', previousStage: 'current' });
    expect(() => declareDoubtful(receivable({ status: 'settled' }), 'bankrupt', '2026-11-20')).toThrow(DomainError);
  });

  it('takes a dunning plan only in dunning or beyond, and lists it missing after its 5 days', () => {
    expect(() => fileDunningPlan(receivable(), { reasons: 'r', plan: 'p' }, 'sm-1', '2027-01-04')).toThrow(/in dunning or beyond; this one is unpaid/);
    expect(collectionFacts(receivable(), '2027-01-10')).toMatchObject({ stage: 'dunning', dunningPlanDue: '2027-01-10', dunningPlanMissing: false });
    expect(collectionFacts(receivable(), '2027-01-11')).toMatchObject({ dunningPlanMissing: true });
    const filed = fileDunningPlan(receivable(), { reasons: 'cash short', plan: 'half by the 15th' }, 'sm-1', '2027-01-11');
    expect(filed.state.dunningPlan).toEqual({ reasons: 'cash short', plan: 'half by the 15th', filedBy: 'sm-1', filedOn: '2027-01-11' });
    expect(filed.transitions[0].reason).toBe('dunning plan filed by sm-1 (due 2027-01-10)');
    expect(collectionFacts(filed.state, '2027-01-11')).toMatchObject({ dunningPlanMissing: false });
  });

  it('makes a receivable open three months after invoicing a problem account, whose report is due 5 days later', () => {
    expect(collectionFacts(receivable(), '2027-01-15')).toMatchObject({ problemAccount: false, problemFrom: '2027-01-16', problemReportDue: '2027-01-21' });
    expect(collectionFacts(receivable(), '2027-01-16')).toMatchObject({ problemAccount: true, problemReportMissing: false });
    expect(collectionFacts(receivable(), '2027-01-22')).toMatchObject({ problemReportMissing: true });
    expect(() => fileProblemReport(receivable(), 'report', 'rep-1', '2027-01-15')).toThrow(/problem account on 2027-01-16/);
    expect(fileProblemReport(receivable(), 'report', 'rep-1', '2027-01-16').state.problemReport).toEqual({ text: 'report', filedBy: 'rep-1', filedOn: '2027-01-16' });
  });

  describe('a write-off', () => {
    const doubtful = () => receivable({ settledFen: 30_000, stage: 'doubtful', stageRevision: 4 });
    const day = '2027-03-01';

    it('needs a doubtful receivable', () => {
      expect(() => approveWriteOff(receivable(), fm, 'gone', '2026-12-20')).toThrow(/Only a doubtful receivable is written off; this one is unpaid/);
    });

    it('changes nothing on the books with one approval, and refuses the same person or the same side again', () => {
      const first = approveWriteOff(doubtful(), fm, 'bankrupt estate pays nothing', day);
      expect(first.state).toMatchObject({ status: 'open', writeOff: { financeApprovedBy: 'fm-1', salesApprovedBy: null, writtenOffOn: null } });
      expect(first.writtenOffFen).toBe(0);
      expect(first.events).toEqual([]);
      expect(() => approveWriteOff(first.state, fm, 'again', day)).toThrow(expect.objectContaining({ kind: 'forbidden', code: 'same-approver' }));
      expect(() => approveWriteOff(first.state, { userId: 'fm-2', roles: ['finance_manager'] }, 'again', day)).toThrow(expect.objectContaining({ code: 'write-off-side-approved' }));
      expect(() => approveWriteOff(doubtful(), { userId: 'x', roles: ['accountant'] }, 'r', day)).toThrow(expect.objectContaining({ code: 'write-off-side-approved' }));
    });

    it('writes off what is still owed with the second, the other side, and is reversed when money comes later', () => {
      const second = approveWriteOff(approveWriteOff(doubtful(), vp, 'bankrupt', day).state, fm, 'ignored: the first reason stands', day);
      expect(second.writtenOffFen).toBe(70_000);
      expect(second.state).toMatchObject({ status: 'written_off', stage: 'written_off', stageRevision: 5, writeOff: { reason: 'bankrupt', financeApprovedBy: 'fm-1', salesApprovedBy: 'vp-1', writtenOffOn: day, writtenOffFen: 70_000 } });
      expect(second.transitions[0]).toMatchObject({ from: 'open', to: 'written_off' });
      expect(second.events[0].data).toMatchObject({ stage: 'written_off', previousStage: 'doubtful' });
      const recovered = recoverWrittenOff(second.state, 'receipt RC-9', '2027-04-02');
      expect(recovered.reinstatedFen).toBe(70_000);
      expect(recovered.state).toMatchObject({ status: 'open', stage: 'doubtful', writeOff: { recoveredOn: '2027-04-02' } });
      expect(() => recoverWrittenOff(receivable(), 'x', day)).toThrow(DomainError);
    });
  });

  it.each<[string, CollectionStage | null]>([
    ['2026-11-30', 'current'], ['2026-12-05', 'unpaid'], ['2027-01-05', 'dunning'], ['2027-01-25', 'supply_stopped'], ['2027-02-26', 'doubtful'],
  ])('puts a receivable due 2026-11-15 at the right stage on %s', (today, stage) => {
    expect(stageOf(receivable(), today)).toBe(stage);
  });
});

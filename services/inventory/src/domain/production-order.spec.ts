import {
  allReceived, cancelProductionOrder, completeStep, decideStep, issueProductionOrder, lateSteps, planMaterialIssue, planProduction, receiveProductionOrder,
  recordSampleCheck, refuseReferenceSample, releaseProductionOrder, startStep, validSupply, type ProductionOrder, type SupplySpec,
} from './production-order.js';

describe('production order', () => {
  const at = new Date('2026-12-01T02:00:00Z');
  const supply: SupplySpec = { madeToOrder: true, leadDays: 10, steps: [{ name: 'Cutting' }, { name: 'Sewing' }], materials: [{ sku: 'FAB', quantityPerUnit: 2 }] };
  const issue = (over: Partial<{ requestedDate: string; firstRun: boolean; today: string }> = {}): ProductionOrder => issueProductionOrder({
    id: 'mo1', number: 'MO-2026-000001',
    order: { orderId: 'o1', orderNumber: 'SO-2026-000001', kind: 'sale', serviceTicketNumber: null, customerId: 'c1', customerName: '晨光贸易', requestedDate: over.requestedDate ?? '2026-12-20' },
    line: { lineNo: 1, sku: 'SUIT', quantity: 5 }, supply, firstRun: over.firstRun ?? false, today: over.today ?? '2026-12-01',
  }).state;
  const qm = { userId: 'qm', roles: ['quality_manager'] };
  const inspector = { repeatRun: false, inspector: 'qc', at };
  const pass = { result: 'pass' as const, sampleSize: 5, defects: [] };
  const fail = { result: 'fail' as const, sampleSize: 5, defects: [{ description: 'loose threads', quantity: 2 }] };
  const inWork = (mo = issue()) => startStep(releaseProductionOrder(mo, { route: 'in_house' }, null, 'planner', at).state, 1, 'planner', at).state;

  describe('supply', () => {
    it('needs steps and a lead time when made to order, and known materials once each', () => {
      expect(validSupply('SUIT', supply, new Set(['FAB']))).toEqual(supply);
      expect(validSupply('TEA', { madeToOrder: false, leadDays: 0, steps: [], materials: [] }, new Set())).toMatchObject({ madeToOrder: false });
      expect(() => validSupply('SUIT', { madeToOrder: true, leadDays: 0, steps: [], materials: [{ sku: 'SUIT', quantityPerUnit: 1 }, { sku: 'X', quantityPerUnit: 1 }, { sku: 'X', quantityPerUnit: 1 }] }, new Set())).toThrow(
        expect.objectContaining({
          code: 'invalid-supply',
          errors: [
            { field: 'steps', message: expect.any(String) }, { field: 'leadDays', message: expect.any(String) }, { field: 'materials[0].sku', message: 'is the SKU itself' },
            { field: 'materials[1].sku', message: 'names no SKU (X)' }, { field: 'materials[2].sku', message: 'names no SKU (X)' }, { field: 'materials[2].sku', message: 'X is on an earlier line' },
          ],
        }) as Error,
      );
    });
  });

  describe('planning', () => {
    it('finishes on the requested date and starts the lead days before, the steps sharing the window', () => {
      expect(planProduction('2026-12-20', 10, 2, '2026-12-01')).toEqual({ plannedStart: '2026-12-10', plannedFinish: '2026-12-20', behindRequestedDate: false, stepFinishes: ['2026-12-15', '2026-12-20'] });
      expect(planProduction('2026-12-20', 10, 3, '2026-12-01').stepFinishes).toEqual(['2026-12-14', '2026-12-17', '2026-12-20']);
    });

    it('starts today and finishes behind the requested date when the lead time does not fit', () => {
      expect(planProduction('2026-12-05', 10, 2, '2026-12-01')).toEqual({ plannedStart: '2026-12-01', plannedFinish: '2026-12-11', behindRequestedDate: true, stepFinishes: ['2026-12-06', '2026-12-11'] });
    });

    it('is issued planned with the steps and the materials for its quantity', () => {
      expect(issue()).toMatchObject({
        status: 'planned', plannedStart: '2026-12-10', plannedFinish: '2026-12-20', behindRequestedDate: false, materials: [{ sku: 'FAB', quantityPerUnit: 2, quantity: 10 }],
        steps: [{ stepNo: 1, name: 'Cutting', status: 'pending', plannedFinish: '2026-12-15' }, { stepNo: 2, name: 'Sewing', status: 'pending', plannedFinish: '2026-12-20' }],
      });
    });
  });

  describe('release', () => {
    const factory = { id: 'f1', code: 'SUP-FAB', kind: 'factory', active: true };
    it('outsources to an active factory at the agreed price', () => {
      const mo = releaseProductionOrder(issue(), { route: 'outsourced', factorySupplierId: 'f1', agreedUnitPriceFen: 45_000 }, factory, 'planner', at).state;
      expect(mo).toMatchObject({ status: 'released', route: 'outsourced', factorySupplierId: 'f1', agreedUnitPriceFen: 45_000, releasedBy: 'planner' });
    });

    it('refuses a supplier that is no active factory, or no price, field by field', () => {
      expect(() => releaseProductionOrder(issue(), { route: 'outsourced', factorySupplierId: 'f1' }, { ...factory, kind: 'goods' }, 'planner', at)).toThrow(expect.objectContaining({
        code: 'invalid-release',
        errors: [{ field: 'factorySupplierId', message: expect.stringContaining('not a factory') }, { field: 'agreedUnitPriceFen', message: 'is required to outsource' }],
      }) as Error);
      expect(() => releaseProductionOrder(issue(), { route: 'outsourced', factorySupplierId: 'f1', agreedUnitPriceFen: 1 }, { ...factory, active: false }, 'planner', at))
        .toThrow(expect.objectContaining({ errors: [{ field: 'factorySupplierId', message: expect.stringContaining('inactive') }] }) as Error);
    });

    it('is released once', () => {
      const mo = releaseProductionOrder(issue(), { route: 'in_house' }, null, 'planner', at).state;
      expect(() => releaseProductionOrder(mo, { route: 'in_house' }, null, 'planner', at)).toThrow(expect.objectContaining({ status: 409 }) as Error);
    });
  });

  describe('steps', () => {
    it('start in order; the first puts the order in progress with its materials issued', () => {
      const released = releaseProductionOrder(issue(), { route: 'in_house' }, null, 'planner', at).state;
      expect(() => startStep(issue(), 1, 'planner', at)).toThrow(expect.objectContaining({ code: 'production-order-not-in-work' }) as Error);
      expect(() => startStep(released, 2, 'planner', at)).toThrow(expect.objectContaining({ code: 'step-out-of-order' }) as Error);
      const started = startStep(released, 1, 'planner', at);
      expect(started.state).toMatchObject({ status: 'in_progress', materialsIssued: true, steps: [{ status: 'in_progress', startedBy: 'planner' }, { status: 'pending' }] });
      expect(started.transitions).toEqual([{ from: 'released', to: 'in_progress', reason: 'step 1 (Cutting) started by planner' }]);
    });

    it('a failed sample stops the step until the quality manager decides; rework needs a new passing check', () => {
      let mo = inWork();
      expect(() => completeStep(mo, 1, { by: 'planner', at, referenceSampleKept: false })).toThrow(expect.objectContaining({ code: 'sample-check-required', status: 409 }) as Error);
      mo = recordSampleCheck(mo, 1, fail, inspector).state;
      expect(mo.steps[0]).toMatchObject({ status: 'stopped', passed: false, checks: [{ checkNo: 1, result: 'fail', counts: 'fail', inspector: 'qc' }] });
      expect(() => recordSampleCheck(mo, 1, pass, inspector)).toThrow(expect.objectContaining({ code: 'step-stopped' }) as Error);
      expect(() => completeStep(mo, 1, { by: 'planner', at, referenceSampleKept: false })).toThrow(expect.objectContaining({ code: 'step-stopped' }) as Error);
      expect(() => decideStep(mo, 1, { decision: 'rework', note: 'resew' }, { userId: 'qc', roles: ['qc_inspector'] }, at)).toThrow(expect.objectContaining({ status: 403 }) as Error);
      mo = decideStep(mo, 1, { decision: 'rework', note: 'resew' }, qm, at).state;
      expect(mo.steps[0]).toMatchObject({ status: 'in_progress', passed: false, decisions: [{ decision: 'rework', decidedBy: 'qm', scrappedQuantity: null }] });
      expect(() => completeStep(mo, 1, { by: 'planner', at, referenceSampleKept: false })).toThrow(expect.objectContaining({ code: 'sample-check-required' }) as Error);
      mo = recordSampleCheck(mo, 1, pass, inspector).state;
      mo = completeStep(mo, 1, { by: 'planner', at, referenceSampleKept: false }).state;
      expect(mo.steps[0]).toMatchObject({ status: 'completed', completedBy: 'planner' });
      expect(mo.status).toBe('in_progress');
    });

    it('a concession lets the stopped step be completed; only a stopped step is decided on', () => {
      let mo = inWork();
      expect(() => decideStep(mo, 1, { decision: 'concession', note: 'fine' }, qm, at)).toThrow(expect.objectContaining({ code: 'step-not-stopped' }) as Error);
      mo = recordSampleCheck(mo, 1, fail, inspector).state;
      mo = decideStep(mo, 1, { decision: 'concession', note: 'customer accepts the shade' }, qm, at).state;
      expect(completeStep(mo, 1, { by: 'planner', at, referenceSampleKept: false }).state.steps[0].status).toBe('completed');
    });

    it('the last step makes the order done; a first run only with its reference sample', () => {
      const run = (mo: ProductionOrder, kept: boolean) => {
        let m = recordSampleCheck(mo, 1, pass, inspector).state;
        m = completeStep(m, 1, { by: 'planner', at, referenceSampleKept: kept }).state;
        m = startStep(m, 2, 'planner', at).state;
        m = recordSampleCheck(m, 2, pass, inspector).state;
        return completeStep(m, 2, { by: 'planner', at, referenceSampleKept: kept });
      };
      const done = run(inWork(), false);
      expect(done.state).toMatchObject({ status: 'done', doneAt: at });
      expect(done.transitions).toEqual([{ from: 'in_progress', to: 'done', reason: 'step 2 (Sewing) completed by planner: all steps done' }]);
      expect(() => run(inWork(issue({ firstRun: true })), false)).toThrow(expect.objectContaining({ code: 'reference-sample-missing', status: 409 }) as Error);
      expect(run(inWork(issue({ firstRun: true })), true).state.status).toBe('done');
    });

    it('on a repeat run every check compares with the reference sample, and differs counts as a fail', () => {
      const mo = inWork();
      const repeat = { ...inspector, repeatRun: true };
      expect(() => recordSampleCheck(mo, 1, pass, repeat)).toThrow(expect.objectContaining({
        code: 'reference-comparison-required', status: 422, errors: [{ field: 'referenceComparison', message: expect.any(String) }],
      }) as Error);
      expect(recordSampleCheck(mo, 1, { ...pass, referenceComparison: 'differs' }, repeat).state.steps[0]).toMatchObject({ status: 'stopped', checks: [{ result: 'pass', counts: 'fail' }] });
      expect(recordSampleCheck(mo, 1, { ...pass, referenceComparison: 'matches' }, repeat).state.steps[0]).toMatchObject({ status: 'in_progress', passed: true });
    });

    it('a reference sample is kept from a first run, once', () => {
      expect(() => refuseReferenceSample(issue(), null)).toThrow(expect.objectContaining({ code: 'not-a-first-run' }) as Error);
      expect(() => refuseReferenceSample(issue({ firstRun: true }), { productionOrderNumber: 'MO-2026-000009' })).toThrow(expect.objectContaining({ code: 'reference-sample-exists' }) as Error);
      expect(() => refuseReferenceSample(issue({ firstRun: true }), null)).not.toThrow();
    });
  });

  describe('materials', () => {
    const mo = { number: 'MO-2026-000001', materials: [{ sku: 'FAB', quantityPerUnit: 2, quantity: 10 }, { sku: 'BTN', quantityPerUnit: 4, quantity: 20 }] };
    it('leave the oldest lots of what no order holds', () => {
      const lots = [{ sku: 'BTN', location: 'STOCK', batch: '', onHand: 50 }, { sku: 'FAB', location: 'A', batch: 'b1', onHand: 6 }, { sku: 'FAB', location: 'B', batch: '', onHand: 9 }];
      expect(planMaterialIssue(mo, new Map([['FAB', 15], ['BTN', 50]]), lots)).toEqual([
        { sku: 'FAB', location: 'A', batch: 'b1', quantity: 6 }, { sku: 'FAB', location: 'B', batch: '', quantity: 4 }, { sku: 'BTN', location: 'STOCK', batch: '', quantity: 20 },
      ]);
    });

    it('are refused all at once with each short material named', () => {
      expect(() => planMaterialIssue(mo, new Map([['FAB', 4]]), [{ sku: 'FAB', location: 'A', batch: '', onHand: 9 }])).toThrow(expect.objectContaining({
        code: 'materials-short', status: 409,
        errors: [{ field: 'materials[0]', message: 'FAB: needs 10, 4 free in stock, short by 6' }, { field: 'materials[1]', message: 'BTN: needs 20, 0 free in stock, short by 20' }],
      }) as Error);
    });
  });

  it('lists a step late from the day after its planned finish until it is completed', () => {
    const mo = issue();
    expect(lateSteps(mo, '2026-12-15')).toEqual([]);
    expect(lateSteps(mo, '2026-12-16').map((l) => [l.step.stepNo, l.daysLate])).toEqual([[1, 1]]);
    expect(lateSteps(mo, '2026-12-22').map((l) => [l.step.stepNo, l.daysLate])).toEqual([[1, 7], [2, 2]]);
    expect(lateSteps({ ...mo, status: 'done' }, '2026-12-22')).toEqual([]);
  });

  it('is received once done, cancelled only before work, and the customer order is complete when all are received', () => {
    const done = { ...inWork(), status: 'done' as const };
    expect(() => receiveProductionOrder(issue(), { by: 'keeper', at, warehouseCode: 'MAIN', receiptId: null, receiptNumber: null })).toThrow(expect.objectContaining({ status: 409 }) as Error);
    expect(receiveProductionOrder(done, { by: 'keeper', at, warehouseCode: 'MAIN', receiptId: null, receiptNumber: null }).state).toMatchObject({ status: 'received', receivedBy: 'keeper' });
    expect(cancelProductionOrder(issue(), 'order cancelled')?.state.status).toBe('cancelled');
    expect(cancelProductionOrder(inWork(), 'order cancelled')).toBeNull();
    expect(allReceived([{ status: 'received' }, { status: 'cancelled' }])).toBe(true);
    expect(allReceived([{ status: 'received' }, { status: 'done' }])).toBe(false);
    expect(allReceived([{ status: 'cancelled' }])).toBe(false);
  });
});

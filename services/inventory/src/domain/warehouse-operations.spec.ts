import { DomainError } from '@ops/kernel';
import { approveWriteOff, lendSamples, loanOverdue, requestWriteOff, returnSamples, type SampleLoan } from './sample-loan.js';
import { approveAdjustment, enterCounts, isThirdSaturday, proposeBetweenSkus, reportOverdue, startStocktake, submitStocktake, variances, type Stocktake } from './stocktake.js';
import { consentTransfer, dispatchTransfer, draftTransfer, receiveTransfer, splitArrival, type Transfer } from './transfer.js';

const refusal = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('not refused');
};

describe('transfers', () => {
  const draft = (fromKind: 'store' | 'warehouse', toKind: 'store' | 'warehouse') => draftTransfer({
    id: 't1', number: 'TR-2026-000001', from: { code: 'A', kind: fromKind }, to: { code: 'B', kind: toKind }, lines: [{ sku: 'S1', quantity: 5 }], createdBy: 'k1',
  }).state;

  it('needs a sales manager\'s consent only between two stores', () => {
    expect(draft('warehouse', 'store').status).toBe('draft');
    expect(draft('store', 'warehouse').status).toBe('draft');
    const between = draft('store', 'store');
    expect(between.status).toBe('consent_needed');
    expect(refusal(() => dispatchTransfer(between, [[]], 'k1')).code).toBe('transfer-consent-needed');
    const consented = consentTransfer(between, 'sm').state;
    expect(dispatchTransfer(consented, [[{ location: 'STOCK', batch: '', quantity: 5 }]], 'k1').state.status).toBe('dispatched');
    expect(refusal(() => consentTransfer(draft('warehouse', 'warehouse'), 'sm')).kind).toBe('conflict');
  });

  it('refuses a transfer to the warehouse it comes from', () => {
    const e = refusal(() => draftTransfer({ id: 't', number: 'TR', from: { code: 'A', kind: 'store' }, to: { code: 'A', kind: 'store' }, lines: [{ sku: 'S', quantity: 1 }], createdBy: 'k' }));
    expect(e.errors).toEqual([{ field: 'toWarehouse', message: expect.any(String) }]);
  });

  const dispatched = (): Transfer => dispatchTransfer(draft('warehouse', 'store'), [[{ location: 'STOCK', batch: 'B1', quantity: 2 }, { location: 'STOCK', batch: 'B2', quantity: 3 }]], 'k1').state;

  it('is received by someone other than the dispatcher, a difference explained, never more than sent', () => {
    expect(refusal(() => receiveTransfer(dispatched(), [{ sku: 'S1', receivedQuantity: 5 }], 'k1')).code).toBe('dispatcher-cannot-receive');
    expect(refusal(() => receiveTransfer(dispatched(), [{ sku: 'S1', receivedQuantity: 4 }], 'k2')).errors).toEqual([{ field: 'lines[0].differenceNote', message: expect.any(String) }]);
    expect(refusal(() => receiveTransfer(dispatched(), [{ sku: 'S1', receivedQuantity: 6 }], 'k2')).errors).toEqual([{ field: 'lines[0].receivedQuantity', message: expect.any(String) }]);
    expect(refusal(() => receiveTransfer(dispatched(), [], 'k2')).errors?.[0].field).toBe('lines');
    const step = receiveTransfer(dispatched(), [{ sku: 'S1', receivedQuantity: 4, differenceNote: ' box crushed ' }], 'k2');
    expect(step.state).toMatchObject({ status: 'received', receivedBy: 'k2', lines: [{ receivedQuantity: 4, differenceNote: 'box crushed' }] });
    expect(step.events[0]).toMatchObject({ type: 'inventory.transfer.received', data: { lines: [{ sku: 'S1', sentQuantity: 5, receivedQuantity: 4, difference: -1, differenceNote: 'box crushed' }] } });
  });

  it('sends the oldest lots on and writes off the rest', () => {
    expect(splitArrival([{ location: 'X', batch: 'B1', quantity: 2 }, { location: 'X', batch: 'B2', quantity: 3 }], 4)).toEqual({
      arrive: [{ location: 'X', batch: 'B1', quantity: 2 }, { location: 'X', batch: 'B2', quantity: 2 }],
      missing: [{ location: 'X', batch: 'B2', quantity: 1 }],
    });
  });
});

describe('stocktakes', () => {
  const started = (): Stocktake => startStocktake({
    id: 's1', number: 'ST-2026-000001', warehouseCode: 'MAIN', location: null, openedOn: '2026-11-21', startedBy: 'm1', locations: ['STOCK', 'B'],
    lots: [{ sku: 'A', location: 'STOCK', batch: '', onHand: 10 }, { sku: 'B', location: 'STOCK', batch: '', onHand: 4 }, { sku: 'C', location: 'B', batch: '', onHand: 0 }],
  }).state;
  const book: Record<string, number> = { A: 9, B: 4, C: 0 };
  const counted = () => enterCounts(started(), 'STOCK', [{ sku: 'A', countedQuantity: 7 }, { sku: 'B', countedQuantity: 6 }], (sku) => book[sku], 'k1').state;

  it('makes a sheet per location of the lots there, due the next day', () => {
    const s = started();
    expect(s.sheets.map((x) => [x.location, x.lines.map((l) => l.sku)])).toEqual([['B', []], ['STOCK', ['A', 'B']]]);
    expect(s.reportDueOn).toBe('2026-11-22');
    expect(reportOverdue(s, '2026-11-22')).toBe(false);
    expect(reportOverdue(s, '2026-11-23')).toBe(true);
  });

  it('measures the variance against the ledger when counted, found goods included', () => {
    const s = enterCounts(counted(), 'B', [{ sku: 'C', countedQuantity: 1 }], () => 0, 'k1').state;
    expect(variances(s).map((v) => [v.sku, v.bookAtStart, v.bookAtCount, v.variance, v.found])).toEqual([['C', 0, 0, 1, true], ['A', 10, 9, -2, false], ['B', 4, 4, 2, false]]);
  });

  it('is not submitted before every line is counted; then proposes adjustments', () => {
    expect(refusal(() => submitStocktake(started(), 'k1', '2026-11-21')).code).toBe('stocktake-not-counted');
    const s = submitStocktake(counted(), 'k1', '2026-11-21').state;
    expect(s.status).toBe('submitted');
    expect(s.adjustments.map((a) => [a.no, a.lines[0].sku, a.lines[0].quantity, a.status])).toEqual([[1, 'A', -2, 'proposed'], [2, 'B', 2, 'proposed']]);
    const none = enterCounts(started(), 'STOCK', [{ sku: 'A', countedQuantity: 9 }, { sku: 'B', countedQuantity: 4 }], (sku) => book[sku], 'k1').state;
    expect(submitStocktake(none, 'k1', '2026-11-21').state.status).toBe('closed');
  });

  it('posts an adjustment only when a manager who did not count approves it; the last closes the stocktake', () => {
    const s = submitStocktake(counted(), 'k1', '2026-11-21').state;
    expect(refusal(() => approveAdjustment(s, 1, { userId: 'k1', roles: ['warehouse_manager'] })).code).toBe('counter-cannot-approve');
    const first = approveAdjustment(s, 1, { userId: 'm2', roles: ['warehouse_manager'] });
    expect(first.post).toEqual([{ sku: 'A', location: 'STOCK', batch: '', quantity: -2 }]);
    expect(first.events[0]).toMatchObject({ type: 'inventory.stocktake.adjusted', data: { number: 'ST-2026-000001', adjustmentNo: 1 } });
    expect(first.state.status).toBe('submitted');
    expect(refusal(() => approveAdjustment(first.state, 1, { userId: 'm2', roles: ['warehouse_manager'] })).code).toBe('adjustment-settled');
    expect(approveAdjustment(first.state, 2, { userId: 'm2', roles: ['warehouse_manager'] }).state.status).toBe('closed');
  });

  it('asks a purchasing manager as well above the threshold', () => {
    const big = enterCounts(started(), 'STOCK', [{ sku: 'A', countedQuantity: 200 }, { sku: 'B', countedQuantity: 4 }], (sku) => book[sku], 'k1').state;
    const s = submitStocktake(big, 'k1', '2026-11-21').state;
    expect(s.adjustments[0].needsPurchasing).toBe(true);
    const managed = approveAdjustment(s, 1, { userId: 'm2', roles: ['warehouse_manager'] });
    expect(managed.post).toEqual([]);
    const both = approveAdjustment(managed.state, 1, { userId: 'p1', roles: ['purchasing_manager'] });
    expect(both.post).toEqual([{ sku: 'A', location: 'STOCK', batch: '', quantity: 191 }]);
  });

  it('moves between two SKUs only with a reason, taking it out of the count adjustments', () => {
    const s = submitStocktake(counted(), 'k1', '2026-11-21').state;
    const pair = { short: { sku: 'A', location: 'STOCK' }, over: { sku: 'B', location: 'STOCK' }, quantity: 2 };
    const e = refusal(() => proposeBetweenSkus(s, pair, 'm2', '2026-11-21'));
    expect(e.status).toBe(422);
    expect(e.errors).toEqual([{ field: 'reason', message: expect.any(String) }]);
    const moved = proposeBetweenSkus(s, { ...pair, reason: 'counted under the gift box code' }, 'm2', '2026-11-21').state;
    expect(moved.adjustments.map((a) => [a.no, a.kind, a.status, a.lines.map((l) => l.quantity)])).toEqual([[1, 'count', 'withdrawn', [0]], [2, 'count', 'withdrawn', [0]], [3, 'between_skus', 'proposed', [-2, 2]]]);
    const approved = approveAdjustment(moved, 3, { userId: 'm2', roles: ['warehouse_manager'] });
    expect(approved.post.map((l) => [l.sku, l.quantity])).toEqual([['A', -2], ['B', 2]]);
    expect(approved.state.status).toBe('closed');
  });

  it('knows the third Saturday of a month', () => {
    const thirdSaturdays = ['2025-01-18', '2025-02-15', '2025-11-15', '2026-03-21', '2026-11-21', '2027-05-15', '2028-02-19', '2028-10-21'];
    for (const d of thirdSaturdays) expect(isThirdSaturday(d)).toBe(true);
    for (const d of ['2025-01-11', '2025-01-25', '2026-11-14', '2026-11-28', '2026-11-20', '2026-11-22', '2028-10-14', '2028-02-22']) expect(isThirdSaturday(d)).toBe(false);
    // Every month has exactly one.
    for (const year of [2025, 2026, 2027, 2028]) {
      for (let m = 1; m <= 12; m++) {
        const days = Array.from({ length: 28 }, (_, i) => `${year}-${String(m).padStart(2, '0')}-${String(i + 1).padStart(2, '0')}`);
        expect(days.filter(isThirdSaturday)).toHaveLength(1);
      }
    }
  });
});

describe('sample loans', () => {
  const lent = (): SampleLoan => lendSamples({
    id: 'l1', number: 'SL-2026-000001', borrower: { name: '李雷', phone: '+86 139 0000 0000', organisation: '晨光贸易' }, expectedReturnDate: '2026-12-05', lentBy: 'k1',
    lines: [{ sku: 'A', warehouseCode: 'MAIN', quantity: 3, lent: [{ location: 'STOCK', batch: 'B1', quantity: 1 }, { location: 'STOCK', batch: 'B2', quantity: 2 }], returnedQuantity: 0, writtenOffQuantity: 0 }],
  }, '2026-11-30').state;

  it('is overdue once its date has passed and not everything is back', () => {
    expect(loanOverdue(lent(), '2026-12-05')).toBe(false);
    expect(loanOverdue(lent(), '2026-12-06')).toBe(true);
    const back = returnSamples(lent(), [{ sku: 'A', quantity: 3 }], 'k2').state;
    expect(back.status).toBe('returned');
    expect(loanOverdue(back, '2026-12-06')).toBe(false);
  });

  it('comes back in part from the first lent lots, and never more than is out', () => {
    const part = returnSamples(lent(), [{ sku: 'A', quantity: 2 }], 'k2');
    expect(part.state.status).toBe('out');
    expect(part.back[0].lots).toEqual([{ location: 'STOCK', batch: 'B1', quantity: 1 }, { location: 'STOCK', batch: 'B2', quantity: 1 }]);
    expect(refusal(() => returnSamples(part.state, [{ sku: 'A', quantity: 2 }], 'k2')).errors).toEqual([{ field: 'lines[0].quantity', message: 'only 1 of A are still out' }]);
  });

  it('writes off what is still out with another person\'s approval', () => {
    const part = returnSamples(lent(), [{ sku: 'A', quantity: 1 }], 'k2').state;
    expect(refusal(() => requestWriteOff(part, ' ', 'k1')).errors).toEqual([{ field: 'reason', message: 'is required' }]);
    const asked = requestWriteOff(part, 'lost by the customer', 'k1').state;
    expect(refusal(() => approveWriteOff(asked, 'k1')).code).toBe('self-approval');
    const off = approveWriteOff(asked, 'm1');
    expect(off.state).toMatchObject({ status: 'written_off', lines: [{ returnedQuantity: 1, writtenOffQuantity: 2 }] });
    expect(off.off[0].lots).toEqual([{ location: 'STOCK', batch: 'B2', quantity: 2 }]);
  });

  it('is not lent with a return date already passed', () => {
    expect(refusal(() => lendSamples({ ...lent(), expectedReturnDate: '2026-11-29' }, '2026-11-30')).errors?.[0].field).toBe('expectedReturnDate');
  });
});

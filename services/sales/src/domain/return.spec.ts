import { DomainError } from '@ops/kernel';
import {
  approveReturn, cancelReturn, credited, creditFor, goodsReceived, investigate, pendingLevel, refunded, refuseUnlessShipped, rejectReturn, requestReturn, RETURN, returnLines,
  type NewReturn, type Return, type ReturnLine,
} from './return.js';

const person = (userId: string, ...roles: string[]) => ({ userId, roles });
const codeOf = (fn: () => unknown) => { try { fn(); return 'passed'; } catch (e) { return (e as DomainError).code; } };
const fieldsOf = (fn: () => unknown) => { try { fn(); return []; } catch (e) { return ((e as DomainError).errors ?? []).map((x) => x.field); } };

const line = (sku: string, quantity: number, unitPriceFen: number): ReturnLine => ({
  lineNo: 1, sku, quantity, unitPriceFen, shippedQuantity: 5, previouslyReturnedQuantity: 0, receivedQuantity: null, acceptedQuantity: null, rejectedQuantity: null,
});
const fresh = (patch: Partial<NewReturn> = {}): Return => requestReturn({
  id: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', number: 'RMA-2026-000001', orderId: 'o1', customerId: 'c1', reason: 'quality_problem', faulty: true,
  lines: [line('A', 2, 10_000), { ...line('B', 1, 5_000), lineNo: 2 }], requestedBy: 'rep', ...patch,
}).state;
const approvedBy = (r: Return, ...people: Array<{ userId: string; roles: string[] }>) => people.reduce((state, p) => approveReturn(state, p).state, r);
const manager = person('m1', 'sales_manager');
const vp = person('vp', 'sales_vp');
const gm = person('gm', 'general_manager');

describe('return (RMA) state machine', () => {
  it('moves requested → manager_approved → approved → goods_received → investigated → closed, and nothing skips a step', () => {
    expect(RETURN.can('requested', 'goods_received')).toBe(false);
    expect(RETURN.can('approved', 'investigated')).toBe(false);
    expect(RETURN.can('goods_received', 'closed')).toBe(false);
    expect(RETURN.can('closed', 'requested')).toBe(false);
    expect(RETURN.can('approved', 'cancelled')).toBe(false);
  });

  it('only a shipped or delivered order has goods to return (409)', () => {
    expect(codeOf(() => refuseUnlessShipped({ number: 'SO-1', fulfilment: 'reserved' }))).toBe('order-not-shipped');
    expect(codeOf(() => refuseUnlessShipped({ number: 'SO-1', fulfilment: 'shipped' }))).toBe('passed');
    expect(codeOf(() => refuseUnlessShipped({ number: 'SO-1', fulfilment: 'delivered' }))).toBe('passed');
  });
});

describe('return approval steps', () => {
  it('faulty goods: a sales manager, then the sales VP; the last step tells inventory', () => {
    const r = fresh();
    expect(r).toMatchObject({ status: 'requested', requiredLevels: ['sales_manager', 'sales_vp'] });
    const first = approveReturn(r, manager);
    expect(first.state.status).toBe('manager_approved');
    expect(first.events).toEqual([]);
    const second = approveReturn(first.state, vp);
    expect(second.state.status).toBe('approved');
    expect(second.events).toEqual([{
      type: 'sales.return.approved',
      data: { returnId: r.id, returnNumber: r.number, orderId: 'o1', customerId: 'c1', lines: [{ sku: 'A', quantity: 2, unitPriceFen: 10_000 }, { sku: 'B', quantity: 1, unitPriceFen: 5_000 }] },
    }]);
  });

  it.each([
    ['not faulty', { faulty: false }],
    ['reason other', { reason: 'other' as const }],
  ])('goods %s also need the general manager', (_what, patch) => {
    const r = approvedBy(fresh(patch), manager, vp);
    expect(r.status).toBe('vp_approved');
    expect(pendingLevel(r)).toBe('general_manager');
    expect(codeOf(() => approveReturn(r, person('vp2', 'sales_vp')))).toBe('approval-level');
    const last = approveReturn(r, gm);
    expect(last.state.status).toBe('approved');
    expect(last.events.map((e) => e.type)).toEqual(['sales.return.approved']);
  });

  it('a higher role may act at a lower step, but never twice on one return', () => {
    const r = approveReturn(fresh(), vp).state;
    expect(r).toMatchObject({ status: 'manager_approved', approvals: [expect.objectContaining({ level: 'sales_manager', by: 'vp' })] });
    expect(codeOf(() => approveReturn(r, vp))).toBe('same-approver');
    expect(approveReturn(r, gm).state.status).toBe('approved');
  });

  it.each([
    ['the requester, even a manager', fresh({ requestedBy: 'm1' }), manager, 'self-approval'],
    ['a sales rep', fresh(), person('rep2', 'sales_rep'), 'approval-level'],
    ['a sales manager at the VP step', approveReturn(fresh(), manager).state, person('m2', 'sales_manager'), 'approval-level'],
    ['an approved return', approvedBy(fresh(), manager, vp), gm, 'return-not-pending'],
  ])('refuses %s', (_what, r, approver, code) => {
    expect(codeOf(() => approveReturn(r, approver))).toBe(code);
  });

  it('may be rejected with a reason at any step by that step\'s approver, and cancelled only by the requester before approval', () => {
    const rejected = rejectReturn(approveReturn(fresh(), manager).state, vp, 'used beyond trial');
    expect(rejected.state).toMatchObject({ status: 'rejected', decidedBy: 'vp', decisionNote: 'used beyond trial' });
    expect(codeOf(() => rejectReturn(fresh({ requestedBy: 'm1' }), manager, 'x'))).toBe('self-approval');
    expect(codeOf(() => rejectReturn(approveReturn(fresh(), manager).state, person('m2', 'sales_manager'), 'x'))).toBe('approval-level');
    expect(codeOf(() => cancelReturn(fresh(), 'someone', 'x'))).toBe('not-requester');
    expect(cancelReturn(fresh(), 'rep', 'customer keeps them').state.status).toBe('cancelled');
    expect(codeOf(() => cancelReturn(approvedBy(fresh(), manager, vp), 'rep', 'x'))).toBe('return-not-pending');
  });
});

describe('return quantities across several returns of one order', () => {
  const shipped = [{ sku: 'A', shippedQuantity: 5, unitPriceFen: 9_700 }, { sku: 'B', shippedQuantity: 2, unitPriceFen: 5_000 }];

  it('takes the order line\'s price and records what was shipped and claimed before', () => {
    expect(returnLines([{ sku: 'A', quantity: 3 }], shipped, new Map([['A', 2]]))).toEqual([
      expect.objectContaining({ sku: 'A', quantity: 3, unitPriceFen: 9_700, shippedQuantity: 5, previouslyReturnedQuantity: 2 }),
    ]);
  });

  it('refuses, field by field, more than shipped less what earlier returns claim, and SKUs not shipped', () => {
    expect(fieldsOf(() => returnLines([{ sku: 'A', quantity: 4 }, { sku: 'B', quantity: 2 }], shipped, new Map([['A', 2]])))).toEqual(['lines[0].quantity']);
    expect(fieldsOf(() => returnLines([{ sku: 'A', quantity: 3 }, { sku: 'A', quantity: 1 }], shipped, new Map([['A', 2]])))).toEqual(['lines[1].quantity']);
    expect(fieldsOf(() => returnLines([{ sku: 'C', quantity: 1 }, { sku: 'B', quantity: 0 }], shipped, new Map()))).toEqual(['lines[0].sku', 'lines[1].quantity']);
    expect(codeOf(() => returnLines([{ sku: 'B', quantity: 3 }], shipped, new Map()))).toBe('return-quantity-refused');
    expect(codeOf(() => returnLines([{ sku: 'A', quantity: 5 }], shipped, new Map()))).toBe('passed');
  });
});

describe('goods back, investigation, credit and closing', () => {
  const approved = () => approvedBy(fresh(), manager, vp);
  const received = () => goodsReceived(approved(), [
    { sku: 'A', receivedQuantity: 2, acceptedQuantity: 2, rejectedQuantity: 0 },
    { sku: 'B', receivedQuantity: 1, acceptedQuantity: 0, rejectedQuantity: 1 },
  ], new Date()).state;

  it('credits accepted goods only', () => {
    const r = received();
    expect(r.status).toBe('goods_received');
    expect(creditFor(r.lines)).toBe(20_000);
    const step = investigate(r, { findings: 'box B crushed in transit', claimFen: 5_000 }, 'm1');
    expect(step.state).toMatchObject({ status: 'investigated', investigation: expect.objectContaining({ creditFen: 20_000, claimFen: 5_000 }) });
    expect(step.events).toEqual([{ type: 'sales.return.investigated', data: expect.objectContaining({ creditFen: 20_000, lines: [{ sku: 'A', acceptedQuantity: 2, unitPriceFen: 10_000, amountFen: 20_000 }] }) }]);
    expect(codeOf(() => investigate(step.state, { findings: 'again', claimFen: 0 }, 'm1'))).toBe('return-not-received');
    expect(codeOf(() => investigate(approved(), { findings: 'early', claimFen: 0 }, 'm1'))).toBe('return-not-received');
  });

  it('closes when the goods are back and the money is settled: a refund paid, or a credit that needed no refund', () => {
    const investigated = investigate(received(), { findings: 'f', claimFen: 0 }, 'm1').state;
    const withRefund = credited(investigated, { number: 'CN-1', refundFen: 20_000 }).state;
    expect(withRefund).toMatchObject({ status: 'investigated', creditNoteNumber: 'CN-1', refundFen: 20_000 });
    expect(refunded(withRefund, 20_000).state.status).toBe('closed');
    expect(credited(investigated, { number: 'CN-1', refundFen: 0 }).state.status).toBe('closed');
  });

  it('closes at once when nothing passed inspection (nothing to credit)', () => {
    const r = goodsReceived(approved(), [{ sku: 'A', receivedQuantity: 2, acceptedQuantity: 0, rejectedQuantity: 2 }], new Date()).state;
    const step = investigate(r, { findings: 'all broken', claimFen: 20_000 }, 'm1');
    expect(step.state.status).toBe('closed');
    expect(step.transitions.map((t) => t.to)).toEqual(['investigated', 'closed']);
  });

  it('hears the goods once: a repeat changes nothing', () => {
    const r = received();
    expect(goodsReceived(r, [], new Date()).transitions).toEqual([]);
  });
});

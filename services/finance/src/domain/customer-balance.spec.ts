import { DomainError } from '@ops/kernel';
import { holdPrepayment, placeCreditHold, supplyFollowsCollection, releaseCreditHold, reportReceivables, usePrepayment, type CustomerBalance } from './customer-balance.js';

const customer = (patch: Partial<CustomerBalance> = {}): CustomerBalance => ({
  customerId: 'customer-1', prepaymentFen: 0, receivableRevision: 0, reportedOpenFen: 0, reportedOverdueFen: 0, onHold: false, holdReason: null, holdChangedBy: null, holdChangedAt: null, holdSource: null, ...patch,
});
const code = (f: () => unknown) => { try { f(); return 'ok'; } catch (e) { return (e as DomainError).code; } };

describe('a customer\'s balance with finance', () => {
  it('puts the customer on credit hold and releases them, telling sales each time, never twice in a row', () => {
    const at = new Date('2026-11-22T02:00:00Z');
    const held = placeCreditHold(customer(), 'Invoices 60 days overdue', 'fm-1', at);
    expect(held).toEqual({
      state: customer({ onHold: true, holdReason: 'Invoices 60 days overdue', holdChangedBy: 'fm-1', holdChangedAt: at, holdSource: 'manual' }),
      transitions: [{ from: 'supplied', to: 'on_hold', reason: 'credit hold: Invoices 60 days overdue' }],
      events: [{ type: 'finance.customer.credit-hold', data: { customerId: 'customer-1', reason: 'Invoices 60 days overdue' } }],
    });
    expect(code(() => placeCreditHold(held.state, 'again', 'fm-1'))).toBe('already-on-hold');
    const released = releaseCreditHold(held.state, 'Plan agreed', 'fm-2', at);
    expect(released.state).toMatchObject({ onHold: false, holdReason: null, holdChangedBy: 'fm-2' });
    expect(released.transitions).toEqual([{ from: 'on_hold', to: 'supplied', reason: 'credit hold released: Plan agreed' }]);
    expect(released.events).toEqual([{ type: 'finance.customer.credit-released', data: { customerId: 'customer-1', reason: 'Plan agreed' } }]);
    expect(code(() => releaseCreditHold(customer(), 'x', 'fm-1'))).toBe('not-on-hold');
  });

  it('reports the receivable position with a new revision, unless nothing sales knows of changed', () => {
    const reported = customer({ receivableRevision: 3, reportedOpenFen: 1_000, reportedOverdueFen: 0 });
    const same = reportReceivables(reported, { openFen: 1_000, overdueFen: 0, oldestDueDate: '2026-12-01' }, 'receivables fell overdue', false);
    expect(same).toMatchObject({ reported: false, events: [], transitions: [], state: reported });
    const overdue = reportReceivables(reported, { openFen: 1_000, overdueFen: 1_000, oldestDueDate: '2026-11-01' }, 'receivables fell overdue', false);
    expect(overdue.reported).toBe(true);
    expect(overdue.state).toMatchObject({ receivableRevision: 4, reportedOpenFen: 1_000, reportedOverdueFen: 1_000 });
    expect(overdue.events).toEqual([{
      type: 'finance.receivable.changed',
      data: { customerId: 'customer-1', revision: 4, openFen: 1_000, overdueFen: 1_000, oldestDueDate: '2026-11-01', reason: 'receivables fell overdue' },
    }]);
    // A command's change is always reported, even when the figures came back to what sales heard.
    expect(reportReceivables(reported, { openFen: 1_000, overdueFen: 0 }, 'invoice INV-1').events[0].data).toEqual({ customerId: 'customer-1', revision: 4, openFen: 1_000, overdueFen: 0, reason: 'invoice INV-1' });
  });

  it('holds prepayments and uses them, never more than is held', () => {
    expect(holdPrepayment(customer({ prepaymentFen: 500 }), 1_000).state.prepaymentFen).toBe(1_500);
    expect(usePrepayment(customer({ prepaymentFen: 1_500 }), 1_500).state.prepaymentFen).toBe(0);
    expect(code(() => usePrepayment(customer({ prepaymentFen: 100 }), 101))).toBe('prepayment-exceeded');
  });

  it('stops supply when the ladder says so, and lifts only a hold the ladder placed when nothing stops it any more', () => {
    const stopped = supplyFollowsCollection(customer(), true, 'collection ladder on 2027-01-25', 'system');
    expect(stopped.state).toMatchObject({ onHold: true, holdSource: 'collection' });
    expect(stopped.events).toEqual([{ type: 'finance.customer.credit-hold', data: { customerId: 'customer-1', reason: 'collection ladder on 2027-01-25' } }]);
    expect(supplyFollowsCollection(stopped.state, true, 'again', 'system').events).toEqual([]);
    const released = supplyFollowsCollection(stopped.state, false, 'paid: receipt RC-1', 'system');
    expect(released.state).toMatchObject({ onHold: false, holdSource: null });
    expect(released.events[0].type).toBe('finance.customer.credit-released');
    const byHand = customer({ onHold: true, holdSource: 'manual', holdReason: 'fraud suspected' });
    expect(supplyFollowsCollection(byHand, false, 'paid', 'system').state).toBe(byHand);
  });
});

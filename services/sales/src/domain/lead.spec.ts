import { decideDispute, effectiveStatus, followUp, hasLapsed, lapse, newLead, ownedUntil, registerAgain, type Lead } from './lead.js';

const blank: Lead = { id: 'l1', phone: '13800138000', name: '张三', status: 'pool', owners: [], ownedSince: null, lastFollowUpOn: null };
const ownedBy = (consultant: string, on: string): Lead => newLead(blank, consultant, on).state;

describe('lead ownership', () => {
  it('belongs to the first consultant to register it', () => {
    const step = newLead(blank, 'chen', '2026-09-01');
    expect(step.state).toMatchObject({ status: 'owned', owners: [{ consultant: 'chen', share: 100, since: '2026-09-01' }], lastFollowUpOn: '2026-09-01' });
    expect(step.transitions).toEqual([expect.objectContaining({ from: 'new', to: 'owned' })]);
  });

  it('lapses two months after the last follow-up, not a day earlier', () => {
    const lead = ownedBy('chen', '2026-09-01');
    expect(ownedUntil(lead)).toBe('2026-11-01');
    expect(hasLapsed(lead, '2026-11-01')).toBe(false);
    expect(hasLapsed(lead, '2026-11-02')).toBe(true);
    expect(effectiveStatus(lead, '2026-11-02')).toBe('pool');
    // Month ends: 31 December + 2 months is 28 February.
    expect(ownedUntil(ownedBy('chen', '2026-12-31'))).toBe('2027-02-28');
  });

  it('a follow-up keeps the lead two more months; only an owner logs one, and not once lapsed', () => {
    const lead = followUp(ownedBy('chen', '2026-09-01'), 'chen', '2026-10-15').state;
    expect(hasLapsed(lead, '2026-12-15')).toBe(false);
    expect(hasLapsed(lead, '2026-12-16')).toBe(true);
    expect(() => followUp(lead, 'li', '2026-10-20')).toThrow(expect.objectContaining({ code: 'not-lead-owner', status: 403 }));
    expect(() => followUp(lead, 'chen', '2026-12-16')).toThrow(expect.objectContaining({ code: 'lead-lapsed', status: 409 }));
  });

  it('goes back to the pool when lapsed, recorded, and the next registrant owns it', () => {
    const lead = ownedBy('chen', '2026-09-01');
    expect(lapse(lead, '2026-10-01').transitions).toEqual([]);
    const lapsed = lapse(lead, '2026-11-02');
    expect(lapsed.state).toMatchObject({ status: 'pool', owners: [] });
    expect(lapsed.transitions).toEqual([expect.objectContaining({ from: 'owned', to: 'pool' })]);
    // Registering a lapsed lead lapses it first (the daily job may not have run yet), then gives it to the registrant.
    const again = registerAgain(lead, 'li', '2026-11-05');
    expect(again.registration).toBe('from_pool');
    expect(again.state).toMatchObject({ status: 'owned', owners: [{ consultant: 'li', share: 100 }], ownedSince: '2026-11-05' });
    expect(again.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['owned>pool', 'pool>owned']);
  });

  it('is shared 50/50 when a second consultant registers within a week', () => {
    const lead = ownedBy('chen', '2026-09-01');
    const step = registerAgain(lead, 'li', '2026-09-08');
    expect(step.registration).toBe('shared');
    expect(step.state.owners).toEqual([{ consultant: 'chen', share: 50, since: '2026-09-01' }, { consultant: 'li', share: 50, since: '2026-09-08' }]);
    expect(step.state.status).toBe('shared');
    // A third within the week is a dispute: the credit is split once.
    expect(registerAgain(step.state, 'wang', '2026-09-08').registration).toBe('disputed');
  });

  it('after a week, a competing claim is a dispute and changes nothing', () => {
    const lead = ownedBy('chen', '2026-09-01');
    const step = registerAgain(lead, 'li', '2026-09-09');
    expect(step.registration).toBe('disputed');
    expect(step.state).toEqual(lead);
    expect(step.transitions).toEqual([expect.objectContaining({ from: 'owned', to: 'owned' })]);
    expect(() => registerAgain(lead, 'chen', '2026-09-09')).toThrow(expect.objectContaining({ code: 'lead-already-yours' }));
  });

  it('the sales manager decides a dispute, with the reason in the history', () => {
    const lead = ownedBy('chen', '2026-09-01');
    expect(decideDispute(lead, 'li', 'owners', 'chen has the test drive on record', '2026-09-20').state).toEqual(lead);
    expect(decideDispute(lead, 'li', 'claimant', 'li closed the deal', '2026-09-20').state).toMatchObject({ status: 'owned', owners: [{ consultant: 'li', share: 100 }] });
    const shared = decideDispute(lead, 'li', 'shared', 'both worked the customer', '2026-09-20');
    expect(shared.state.owners.map((o) => [o.consultant, o.share])).toEqual([['chen', 50], ['li', 50]]);
    expect(shared.transitions[0].reason).toContain('both worked the customer');
    expect(() => decideDispute(shared.state, 'wang', 'shared', 'x', '2026-09-21')).toThrow(expect.objectContaining({ code: 'share-needs-one-owner' }));
  });
});

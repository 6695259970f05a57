import type { Subscription } from '@nats-io/transport-node';
import type { EventEnvelope } from '@ops/contracts';
import { addDays, addMonths, setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { waitFor } from '@ops/testing';
import { expectBooksInOrder } from './fixtures.js';
import { http, TestPlatform } from './platform.js';

/**
 * The front desk through the gateway (domain.md §4, front desk; 制度10): receptions logged and counted by
 * source, walk-ins going round the consultants on the floor (an absence losing its turn, a returning
 * customer and a referral outside the rotation), and leads: one per phone however it is written, shared
 * 50/50 on a collision within a week, disputed after, and back in the pool two months after the last
 * follow-up — on a business clock the test moves.
 */
describe('sales: the front desk', () => {
  let p: TestPlatform;
  let today = '2026-12-01';
  const staffVisitors: EventEnvelope[] = [];
  let subscription: Subscription | undefined;
  const tag = `${process.pid}`;
  const [a, b, c] = ['a', 'b', 'c'].map((x) => `rep.${x}${tag}`);
  const tokens = new Map<string, string>();
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (db) => (await db.query(text, params)).rows as T[]);

  beforeAll(async () => {
    // The business clock stands mid-morning in Shanghai on `today`; a test moves it by setting `today`.
    setBusinessClock(() => new Date(`${today}T02:00:00Z`));
    p = await TestPlatform.start();
    subscription = p.nc.subscribe(p.env.naming.subject('sales.reception.staff-visitor-arrived.v1'), { callback: (error, msg) => void (!error && staffVisitors.push(msg.json())) });
    for (const username of [a, b, c]) {
      const created = await p.call('admin', 'POST', '/identity/users', { username, displayName: username, password: `${username}-passphrase`, roles: ['sales_rep'] });
      expect(created.status).toBe(201);
    }
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await p?.close();
    setBusinessClock(null);
  });

  afterEach(() => expectBooksInOrder(p));

  /** Calls the gateway as one of the test's consultants. */
  const as = async (username: string, method: string, path: string, body?: unknown) => {
    if (!tokens.has(username)) {
      const signedIn = await http('POST', `${p.api}/auth/login`, { username, password: `${username}-passphrase` });
      expect(signedIn.status).toBe(200);
      tokens.set(username, signedIn.body.accessToken);
    }
    return http(method, `${p.api}${path}`, body, { authorization: `Bearer ${tokens.get(username)}` });
  };
  const walkIn = async (name: string, extra: Record<string, unknown> = {}) => {
    const res = await p.call('receptionist', 'POST', '/sales/receptions', { channel: 'walk_in', name, ...extra });
    expect(res.status).toBe(201);
    return res.body;
  };

  it('logs every walk-in and call and counts them by source; a visitor for staff goes to security', async () => {
    today = '2026-12-01';
    expect((await p.call('sales_manager', 'PUT', `/sales/duty-roster/${today}`, { consultants: [a, b, c] })).status).toBe(200);
    const first = await walkIn('张先生', { phone: '138 0013 8001', need: 'SUV test drive' });
    expect(first).toMatchObject({ kind: 'customer', channel: 'walk_in', consultant: a, assignment: 'rotation', phoneNormalised: '13800138001', businessDate: today });
    for (const body of [
      { channel: 'phone', name: '李女士', phone: '021-5555-1234', need: 'price of the sedan' },
      { channel: 'phone', name: '王先生', consultant: b },
      { channel: 'web', name: '赵女士', phone: '+86 139 1234 0000' },
      { channel: 'event', name: '周先生' },
      { channel: 'referral', name: '吴先生', referredTo: c },
    ]) expect((await p.call('receptionist', 'POST', '/sales/receptions', body)).status).toBe(201);
    // A referral must name its consultant; a sales rep does not log receptions.
    expect(await p.call('receptionist', 'POST', '/sales/receptions', { channel: 'referral', name: '无名' })).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'referredTo' })] } });
    expect((await p.call('sales_rep', 'POST', '/sales/receptions', { channel: 'walk_in', name: 'x' })).status).toBe(403);

    const visitor = await p.call('receptionist', 'POST', '/sales/receptions/staff-visitors', { name: '刘女士', phone: '13700001111', host: 'finance_manager', purpose: 'Bank statement delivery' });
    expect(visitor).toMatchObject({ status: 201, body: { kind: 'staff_visitor', consultant: null, channel: null, host: 'finance_manager' } });
    await waitFor('security to be told of the visitor', async () => staffVisitors.find((e) => (e.data as { receptionId: string }).receptionId === visitor.body.id));
    expect(staffVisitors.find((e) => (e.data as { receptionId: string }).receptionId === visitor.body.id)!.data).toMatchObject({ name: '刘女士', host: 'finance_manager', purpose: 'Bank statement delivery' });
    // Security tells the guards, who check the visitor in at the gate.
    const announced = await waitFor('the guards to be told', async () => {
      const items = (await p.call('security_guard', 'GET', '/security/notifications?pageSize=200')).body.items as Array<{ kind: string; documentId: string; subject: string }>;
      return items.find((n) => n.kind === 'visitor_announced' && n.documentId === visitor.body.id) ?? false;
    });
    expect(announced.subject).toContain('刘女士');

    const counts = await p.call('sales_manager', 'GET', `/sales/receptions/daily-counts?from=${addDays(today, -1)}&to=${today}`);
    expect(counts.status).toBe(200);
    expect(counts.body.days).toEqual([
      { date: addDays(today, -1), walkIns: 0, calls: 0, walk_in: 0, phone: 0, referral: 0, web: 0, event: 0, total: 0, staffVisitors: 0 },
      { date: today, walkIns: 1, calls: 2, walk_in: 1, phone: 2, referral: 1, web: 1, event: 1, total: 6, staffVisitors: 1 },
    ]);
    expect(counts.body.totals).toMatchObject({ walkIns: 1, calls: 2, total: 6, staffVisitors: 1 });
    const log = await p.call('receptionist', 'GET', `/sales/receptions?date=${today}&kind=customer&pageSize=200`);
    expect(log.body.total).toBe(6);
    expect(log.body.items.find((r: { name: string }) => r.name === '王先生')).toMatchObject({ consultant: b, assignment: 'named' });
    expect((await p.call('receptionist', 'POST', `/sales/receptions/${first.id}/outcome`, { outcome: 'Booked a test drive' })).body.outcome).toBe('Booked a test drive');
    // Only the consultant assigned among the reps records an outcome; a rep reads only their own receptions.
    expect((await as(b, 'POST', `/sales/receptions/${first.id}/outcome`, { outcome: 'mine' })).status).toBe(403);
    expect((await as(a, 'POST', `/sales/receptions/${first.id}/outcome`, { outcome: 'Test drive done, quote sent' })).body.outcome).toBe('Test drive done, quote sent');
    expect((await as(b, 'GET', `/sales/receptions?date=${today}`)).body.items.map((r: { name: string }) => r.name)).toEqual(['王先生']);
  });

  it('goes round the consultants on the floor: an absence loses its turn, a returning customer and a referral stay outside the rotation', async () => {
    today = '2026-12-02';
    expect(await p.call('receptionist', 'POST', '/sales/receptions', { channel: 'walk_in', name: 'too early' })).toMatchObject({ status: 409, body: { type: expect.stringContaining('no-duty-roster') } });
    expect((await p.call('receptionist', 'PUT', `/sales/duty-roster/${today}`, { consultants: [a, b, c] })).status).toBe(403);
    expect((await p.call('sales_manager', 'PUT', `/sales/duty-roster/${today}`, { consultants: [a, b, c] })).body.nextConsultant).toBe(a);

    expect((await walkIn('W1')).consultant).toBe(a);
    const away = await p.call('receptionist', 'POST', `/sales/duty-roster/${today}/presence`, { consultant: b, present: false, reason: 'test drive with a customer' });
    expect(away.body.consultants.find((x: { consultant: string }) => x.consultant === b)).toMatchObject({ present: false, awayReason: 'test drive with a customer' });
    expect((await p.call('receptionist', 'POST', `/sales/duty-roster/${today}/presence`, { consultant: b, present: false })).status).toBe(400);
    const w2 = await walkIn('W2');
    expect(w2).toMatchObject({ consultant: c, assignment: 'rotation', skipped: [b] });
    expect((await walkIn('W3')).consultant).toBe(a);
    // b is skipped again: the lost turn is not given back.
    expect((await walkIn('W4')).consultant).toBe(c);
    expect((await p.call('receptionist', 'POST', `/sales/duty-roster/${today}/presence`, { consultant: b, present: true })).body.nextConsultant).toBe(a);
    expect((await walkIn('W5')).consultant).toBe(a);
    expect((await walkIn('W6')).consultant).toBe(b);

    // A returning customer (their phone is c's lead, written another way) goes to c; a referral to the one named; the turn stays with c.
    expect((await as(c, 'POST', '/sales/leads', { name: '孙先生', phone: '13600001234' })).body).toMatchObject({ registration: 'new', owners: [{ consultant: c, share: 100 }] });
    expect(await walkIn('孙先生', { phone: '+86 136-0000-1234' })).toMatchObject({ consultant: c, assignment: 'returning', skipped: [] });
    expect(await p.call('receptionist', 'POST', '/sales/receptions', { channel: 'referral', name: '钱女士', referredTo: a })).toMatchObject({ status: 201, body: { consultant: a, assignment: 'referral' } });
    expect((await p.call('receptionist', 'GET', `/sales/duty-roster/${today}`)).body.nextConsultant).toBe(c);
    expect((await walkIn('W7')).consultant).toBe(c);

    const fairness = await p.call('sales_manager', 'GET', `/sales/rotation/fairness?from=${today}&to=${today}`);
    expect(fairness.body.consultants).toEqual([
      { consultant: a, turns: 3, skips: 0, returning: 0, referrals: 1, skipReasons: [] },
      { consultant: b, turns: 1, skips: 2, returning: 0, referrals: 0, skipReasons: [{ reason: 'test drive with a customer', count: 2 }] },
      { consultant: c, turns: 3, skips: 0, returning: 1, referrals: 0, skipReasons: [] },
    ].sort((x, y) => x.consultant.localeCompare(y.consultant)));
    // Everyone was passed the same number of times, give or take one: turns + skips.
    const passes = fairness.body.consultants.map((x: { turns: number; skips: number }) => x.turns + x.skips);
    expect(Math.max(...passes) - Math.min(...passes)).toBeLessThanOrEqual(1);
    const log = await p.call('sales_vp', 'GET', `/sales/rotation/log?from=${today}&to=${today}&pageSize=200`);
    expect(log.body.items.map((e: { consultant: string; kind: string }) => `${e.kind}:${e.consultant}`)).toEqual([
      `turn:${a}`, `skip:${b}`, `turn:${c}`, `turn:${a}`, `skip:${b}`, `turn:${c}`, `turn:${a}`, `turn:${b}`, `returning:${c}`, `referral:${a}`, `turn:${c}`,
    ]);
    const csv = await fetch(`${p.api}/sales/rotation/log?from=${today}&to=${today}`, { headers: { authorization: `Bearer ${await p.token('auditor')}`, accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    expect((await csv.text()).split('\n').filter((line) => line.includes('test drive with a customer'))).toHaveLength(2);
  });

  it('makes one lead of one phone however written, and shares a collision within a week 50/50; later claims are disputes the manager decides', async () => {
    today = '2026-12-03';
    // A name alone is not a lead: refused naming the phone.
    const nameOnly = await as(a, 'POST', '/sales/leads', { name: '周先生' });
    expect(nameOnly.status).toBe(400);
    expect(nameOnly.body.errors.every((e: { field: string }) => e.field === 'phone')).toBe(true);
    expect(await as(a, 'POST', '/sales/leads', { name: '周先生', phone: '12345' })).toMatchObject({ status: 400, body: { errors: [expect.objectContaining({ field: 'phone' })] } });
    const first = await as(a, 'POST', '/sales/leads', { name: '周先生', phone: '138-0013-8999', need: 'MPV' });
    expect(first).toMatchObject({ status: 201, body: { registration: 'new', phone: '13800138999', status: 'owned', owners: [{ consultant: a, share: 100, since: today }] } });
    expect((await as(a, 'POST', '/sales/leads', { name: '周', phone: '13800138999' })).status).toBe(409);

    today = addDays('2026-12-03', 6);
    const second = await as(b, 'POST', '/sales/leads', { name: '周生', phone: '+86 138 0013 8999' });
    expect(second.body).toMatchObject({ id: first.body.id, registration: 'shared', status: 'shared', owners: [{ consultant: a, share: 50 }, { consultant: b, share: 50 }] });
    expect((await p.call('sales_manager', 'GET', '/sales/leads?phone=0086%2013800138999')).body.total).toBe(1);
    // Each of the two sees it among their own; a third does not.
    expect((await as(b, 'GET', '/sales/leads')).body.items.map((l: { id: string }) => l.id)).toContain(first.body.id);
    expect((await as(c, 'GET', `/sales/leads/${first.body.id}`)).status).toBe(404);

    // A claim after the week: nothing changes, a dispute for the sales manager.
    const late = await as(c, 'POST', '/sales/leads', { name: '周先生', phone: '13800138999' });
    expect(late.body).toMatchObject({ registration: 'disputed', status: 'shared', disputeId: expect.any(String) });
    const open = await p.call('sales_manager', 'GET', '/sales/lead-disputes?status=open');
    expect(open.body.items).toEqual([expect.objectContaining({ id: late.body.disputeId, claimant: c, owners: [a, b], status: 'open' })]);
    expect((await as(c, 'GET', '/sales/lead-disputes')).status).toBe(403);
    expect((await p.call('sales_manager', 'POST', `/sales/lead-disputes/${late.body.disputeId}/decide`, { award: 'shared', reason: 'x' })).status).toBe(422);
    const decided = await p.call('sales_manager', 'POST', `/sales/lead-disputes/${late.body.disputeId}/decide`, { award: 'owners', reason: 'a and b have the visits on record' });
    expect(decided.body).toMatchObject({ status: 'decided', award: 'owners', decidedBy: 'sales_manager', decisionReason: 'a and b have the visits on record' });
    expect((await p.call('sales_manager', 'POST', `/sales/lead-disputes/${late.body.disputeId}/decide`, { award: 'claimant', reason: 'again' })).status).toBe(409);
    const lead = await p.read(`/sales/leads/${first.body.id}`);
    expect(lead.body.timeline.map((t: { reason: string }) => t.reason)).toEqual([
      expect.stringContaining(`Registered by ${a}`), expect.stringContaining('shared 50/50'), expect.stringContaining('a dispute'), expect.stringContaining('a and b have the visits on record'),
    ]);
  });

  it('puts a lead back in the pool two months after the last follow-up, recorded, and the next registrant owns it', async () => {
    const start = '2026-12-04';
    today = start;
    const lead = (await as(a, 'POST', '/sales/leads', { name: '郑女士', phone: '139 8888 7777' })).body;
    today = addDays(start, 20);
    expect((await as(b, 'POST', `/sales/leads/${lead.id}/follow-ups`, { note: 'not mine' })).status).toBe(403);
    const followed = await as(a, 'POST', `/sales/leads/${lead.id}/follow-ups`, { note: 'Called: waits for the new model year' });
    expect(followed.body).toMatchObject({ lastFollowUpOn: today, ownedUntil: addMonths(today, 2), followUps: [expect.objectContaining({ consultant: a, note: 'Called: waits for the new model year' })] });
    const lastFollowUp = today;

    // The last day of the two months it is still a's; the day after it is in the pool, and the daily job records the lapse.
    today = addMonths(lastFollowUp, 2);
    expect((await p.read(`/sales/leads/${lead.id}`)).body).toMatchObject({ status: 'owned', owners: [{ consultant: a }] });
    today = addDays(addMonths(lastFollowUp, 2), 1);
    expect((await p.read(`/sales/leads/${lead.id}`)).body).toMatchObject({ status: 'pool', owners: [] });
    await waitFor('the daily job to record the lapse', async () => (await sql(`SELECT status FROM sales.leads WHERE id = $1`, [lead.id]))[0].status === 'pool');
    const history = await sql<{ from_state: string; to_state: string; actor_id: string }>(`SELECT from_state, to_state, actor_id FROM sales.state_history WHERE aggregate = 'lead' AND aggregate_id = $1 AND to_state = 'pool'`, [lead.id]);
    expect(history).toEqual([{ from_state: 'owned', to_state: 'pool', actor_id: 'system:lead-lapse' }]);
    expect((await as(a, 'POST', `/sales/leads/${lead.id}/follow-ups`, { note: 'too late' })).status).toBe(409);
    expect((await p.call('sales_manager', 'GET', '/sales/leads?status=pool&phone=13988887777')).body.total).toBe(1);

    // The next registrant owns it, alone (no collision: the pool is nobody's).
    const next = await as(b, 'POST', '/sales/leads', { name: '郑女士', phone: '13988887777' });
    expect(next.body).toMatchObject({ id: lead.id, registration: 'from_pool', status: 'owned', owners: [{ consultant: b, share: 100, since: today }] });
    // A walk-in with that phone is now b's returning customer.
    expect((await p.call('sales_manager', 'PUT', `/sales/duty-roster/${today}`, { consultants: [a, c] })).status).toBe(200);
    expect(await walkIn('郑女士', { phone: '139-8888-7777' })).toMatchObject({ consultant: b, assignment: 'returning' });
  });

  it('sets targets per rep, region and month: a sales manager proposes, the sales VP approves, never the proposer', async () => {
    today = '2026-12-05';
    const set = await p.call('sales_manager', 'POST', '/sales/targets', { rep: a, region: 'East China', month: '2027-01', amountFen: 50_000_000 });
    expect(set).toMatchObject({ status: 201, body: { rep: a, status: 'pending', proposedFen: 50_000_000, approvedFen: null } });
    expect((await p.call('sales_manager', 'POST', '/sales/targets', { rep: a, region: 'East China', month: '2027-13', amountFen: 1 })).body.errors).toEqual([expect.objectContaining({ field: 'month' })]);
    expect((await p.call('sales_manager', 'POST', `/sales/targets/${set.body.id}/approve`)).status).toBe(403);
    expect((await p.call('sales_vp', 'POST', `/sales/targets/${set.body.id}/approve`)).body).toMatchObject({ status: 'approved', approvedFen: 50_000_000 });
    // A revision waits for the VP again; the approved amount stays in force, also when the revision is rejected.
    const revised = await p.call('sales_manager', 'POST', '/sales/targets', { rep: a, region: 'East China', month: '2027-01', amountFen: 80_000_000 });
    expect(revised.body).toMatchObject({ id: set.body.id, status: 'pending', proposedFen: 80_000_000, approvedFen: 50_000_000 });
    expect((await p.call('sales_vp', 'POST', `/sales/targets/${set.body.id}/reject`, { reason: 'too high for January' })).body).toMatchObject({ status: 'rejected', approvedFen: 50_000_000, decisionNote: 'too high for January' });
    // Someone who is both manager and VP never approves their own proposal.
    expect((await p.call('admin', 'POST', '/identity/users', { username: `mgr.vp${tag}`, displayName: 'both', password: `mgr.vp${tag}-passphrase`, roles: ['sales_manager', 'sales_vp'] })).status).toBe(201);
    const own = await as(`mgr.vp${tag}`, 'POST', '/sales/targets', { rep: b, region: 'North China', month: '2027-01', amountFen: 30_000_000 });
    expect(await as(`mgr.vp${tag}`, 'POST', `/sales/targets/${own.body.id}/approve`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });
    expect((await p.call('sales_vp', 'POST', `/sales/targets/${own.body.id}/approve`)).status).toBe(200);
    // A rep reads only their own targets.
    expect((await as(b, 'GET', '/sales/targets?month=2027-01')).body.items.map((t: { rep: string }) => t.rep)).toEqual([b]);
    expect((await p.call('sales_vp', 'GET', '/sales/targets?month=2027-01')).body.total).toBe(2);
  });
});

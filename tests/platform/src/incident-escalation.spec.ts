import { headers as natsHeaders, type Subscription } from '@nats-io/transport-node';
import { jetstream } from '@nats-io/jetstream';
import type { EventEnvelope } from '@ops/contracts';
import { setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { IncidentEscalation } from '@ops/security';
import { waitFor } from '@ops/testing';
import { randomUUID } from 'node:crypto';
import { v7 as uuidv7 } from 'uuid';
import { TestPlatform } from './platform.js';

/**
 * The security department's watch through the gateway (domain.md §7), on a business clock the test moves:
 * a critical incident not acknowledged within 15 minutes escalates to the general manager exactly once with
 * two security instances scanning, one acknowledged in time never does; held footage is refused to a guard
 * (and the refusal audited) and shown to an operator (and the view logged); finance's escort request becomes
 * a task that needs two guards; a visitor's ID is masked and an overstay listed as the clock moves.
 */
describe('security: incidents, the monitoring room, visitors and escorts', () => {
  let p: TestPlatform;
  /** How far the business clock runs ahead of the wall clock. */
  let ahead = 0;
  const minutes = (m: number) => m * 60_000;
  const events = new Map<string, Array<EventEnvelope<any>>>();
  const subscriptions: Subscription[] = [];
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  /** Each event once by its id: the outbox relay publishes at least once, so a plain subscriber may see one twice. */
  const heard = (type: string, match: (data: any) => boolean) => {
    const seen = new Map<string, EventEnvelope<any>>();
    for (const e of events.get(type) ?? []) if (match(e.data)) seen.set(e.id, e);
    return [...seen.values()];
  };

  beforeAll(async () => {
    setBusinessClock(() => new Date(Date.now() + ahead));
    p = await TestPlatform.start();
    await p.startService('security'); // a second instance: both scan for overdue incidents
    for (const type of ['security.incident.escalated', 'security.incident.closed', 'security.escort.completed', 'security.escort.departed', 'security.visitor.arrived']) {
      events.set(type, []);
      subscriptions.push(p.nc.subscribe(p.env.naming.subject(`${type}.v1`), { callback: (error, msg) => void (!error && events.get(type)!.push(msg.json())) }));
    }
  });

  afterAll(async () => {
    for (const s of subscriptions) s.unsubscribe();
    await p?.close();
    setBusinessClock(null);
  });

  const report = async (severity: string, type = 'fire', more: object = {}) => {
    const res = await p.call('security_guard', 'POST', '/security/incidents', { type, severity, location: 'MAIN/A-03', description: `${severity} ${type} in aisle A`, ...more });
    expect(res.status).toBe(201);
    return res.body as { id: string; number: string; acknowledgeBy: string | null };
  };

  it('escalates a critical incident not acknowledged in 15 minutes exactly once, with two instances; one acknowledged in time never', async () => {
    const ignored = await report('critical');
    const handled = await report('critical');
    expect(new Date(ignored.acknowledgeBy!).getTime() - Date.now() - ahead).toBeGreaterThan(minutes(14));
    // The security manager is told of both at once.
    const told = (await p.call('security_manager', 'GET', '/security/notifications?pageSize=200')).body.items.map((n: { documentId: string }) => n.documentId);
    expect(told).toEqual(expect.arrayContaining([ignored.id, handled.id]));
    expect((await p.call('security_guard', 'GET', '/security/notifications')).body.items.map((n: { documentId: string }) => n.documentId)).not.toContain(ignored.id);

    ahead = minutes(5);
    expect((await p.call('security_manager', 'POST', `/security/incidents/${handled.id}/acknowledge`)).body).toMatchObject({ status: 'acknowledged', escalatedAt: null });
    ahead = minutes(14);
    // Both instances scan at once, on top of their own timers: nothing is due yet.
    const scanners = [0, 1].map((i) => p.instance('security', i).app.get(IncidentEscalation));
    expect(await Promise.all(scanners.map((s) => s.escalateOverdue()))).toEqual([0, 0]);

    ahead = minutes(16);
    const [first, second] = await Promise.all(scanners.map((s) => s.escalateOverdue()));
    expect(first + second).toBeLessThanOrEqual(1);
    await waitFor('the escalation on NATS', () => heard('security.incident.escalated', (d) => d.incidentId === ignored.id).length === 1);
    // Later scans, of both instances, find nothing more.
    expect(await Promise.all(scanners.map((s) => s.escalateOverdue()))).toEqual([0, 0]);
    ahead = minutes(40);
    expect(await Promise.all(scanners.map((s) => s.escalateOverdue()))).toEqual([0, 0]);

    expect(heard('security.incident.escalated', (d) => d.incidentId === ignored.id)).toHaveLength(1);
    expect(heard('security.incident.escalated', (d) => d.incidentId === handled.id)).toHaveLength(0);
    expect(await sql(`SELECT count(*)::int AS n FROM security.notifications WHERE document_id = $1 AND recipient_role = 'general_manager'`, [ignored.id])).toEqual([{ n: 1 }]);
    expect(await sql(`SELECT count(*)::int AS n FROM security.notifications WHERE document_id = $1 AND recipient_role = 'general_manager'`, [handled.id])).toEqual([{ n: 0 }]);
    const gm = (await p.call('general_manager', 'GET', '/security/notifications?pageSize=200')).body.items.filter((n: { documentId: string }) => n.documentId === ignored.id);
    expect(gm).toMatchObject([{ kind: 'incident_escalated', recipientRole: 'general_manager' }]);
    expect((await p.call('general_manager', 'GET', `/security/incidents/${ignored.id}`)).body).toMatchObject({ status: 'reported', escalatedAt: expect.any(String) });
  });

  it('takes an incident through its life to closed, with notes, evidence and a timeline, and filters the list', async () => {
    const incident = await report('medium', 'suspicious_person');
    const path = `/security/incidents/${incident.id}`;
    expect((await p.call('security_guard', 'POST', `${path}/acknowledge`)).status).toBe(403);
    expect((await p.call('security_captain', 'POST', `${path}/investigate`)).status).toBe(409);
    expect((await p.call('security_captain', 'POST', `${path}/acknowledge`)).status).toBe(200);
    expect((await p.call('security_captain', 'POST', `${path}/investigate`)).body.type).toMatch(/incident-unassigned$/);
    expect((await p.call('security_captain', 'POST', `${path}/assign`, { assignee: 'guard-zhang' })).body).toMatchObject({ assignee: 'guard-zhang' });
    expect((await p.call('security_guard', 'POST', `${path}/investigate`)).body.status).toBe('investigating');
    expect((await p.call('security_guard', 'POST', `${path}/notes`, { text: 'Spoke with the lobby guard' })).status).toBe(200);
    expect((await p.call('security_guard', 'POST', `${path}/evidence`, { references: ['camera-03/2026-11-30T01:00Z', 'sha256:abcd'] })).body.evidence).toEqual(['camera-03/2026-11-30T01:00Z', 'sha256:abcd']);
    expect((await p.call('security_guard', 'POST', `${path}/notes`, { text: '   ' })).status).toBe(400);
    expect((await p.call('security_guard', 'POST', `${path}/resolve`, { resolution: 'A delivery driver who lost his way' })).body.status).toBe('resolved');
    expect((await p.call('security_captain', 'POST', `${path}/close`)).status).toBe(403);
    expect((await p.call('security_manager', 'POST', `${path}/close`)).body).toMatchObject({ status: 'closed', closedAt: expect.any(String) });
    await waitFor('the close on NATS', () => heard('security.incident.closed', (d) => d.incidentId === incident.id).length === 1);
    expect((await p.call('security_guard', 'POST', `${path}/notes`, { text: 'late' })).status).toBe(409);

    const detail = (await p.read(path)).body;
    expect(detail.notes).toMatchObject([{ text: 'Spoke with the lobby guard' }]);
    expect(detail.timeline.filter((t: { from: string; to: string }) => t.from !== t.to).map((t: { to: string }) => t.to)).toEqual(['reported', 'acknowledged', 'investigating', 'resolved', 'closed']);
    expect(detail.timeline.map((t: { reason: string }) => t.reason)).toEqual(expect.arrayContaining([expect.stringContaining('assigned to guard-zhang'), expect.stringContaining('note by')]));

    const list = (query: string) => p.read(`/security/incidents?${query}`).then((r) => r.body.items.map((i: { id: string }) => i.id));
    expect(await list('status=closed&type=suspicious_person')).toContain(incident.id);
    expect(await list('status=reported')).not.toContain(incident.id);
    expect(await list('assignee=guard-zhang&severity=medium')).toEqual([incident.id]);
    expect(await list('to=2000-01-01')).toEqual([]);
    const today = new Date(Date.now() + ahead).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    expect(await list(`from=${today}&to=${today}&assignee=guard-zhang`)).toEqual([incident.id]);
    expect((await p.read('/security/incidents?from=yesterday')).status).toBe(400);
  });

  it('flags a cash incident in finance', async () => {
    const incident = await report('high', 'theft', { location: 'Cashier desk 2', cashInvolved: true, cashAmountFen: 120_000 });
    const other = await report('low', 'theft');
    const flagged = await waitFor('finance to flag the cash incident', async () => (await p.call('finance_manager', 'GET', '/finance/cash-incidents')).body.items.find((i: { incidentId: string }) => i.incidentId === incident.id));
    expect(flagged).toMatchObject({ incidentNumber: incident.number, type: 'theft', cashAmountFen: 120_000 });
    expect((await p.call('finance_manager', 'GET', '/finance/cash-incidents')).body.items.map((i: { incidentId: string }) => i.incidentId)).not.toContain(other.id);
    expect((await p.call('security_guard', 'GET', '/finance/cash-incidents')).status).toBe(403);
  });

  it('refuses held footage to a guard (audited) and shows it to an operator (logged); nobody releases it early', async () => {
    const incident = await report('high', 'theft');
    const now = Date.now() + ahead;
    const hold = await p.call('monitoring_operator', 'POST', '/security/footage-holds', {
      camera: 'camera-07', from: new Date(now - minutes(120)).toISOString(), to: new Date(now - minutes(60)).toISOString(), reason: 'Theft at A-03',
      incidentId: incident.id, heldUntil: new Date(now + minutes(60 * 24)).toISOString(),
    });
    expect(hold.status).toBe(201);
    const bad = await p.call('monitoring_operator', 'POST', '/security/footage-holds', { camera: 'c', from: new Date(now).toISOString(), to: new Date(now - 1000).toISOString(), reason: 'r', heldUntil: new Date(now - 1000).toISOString() });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['to', 'heldUntil']);

    const path = `/security/footage-holds/${hold.body.id}`;
    const guard = (await p.call('security_guard', 'GET', '/auth/me')).body.userId;
    const refused = await p.call('security_guard', 'GET', path);
    expect(refused).toMatchObject({ status: 403, body: { type: expect.stringMatching(/role-required$/) } });
    const trail = (await p.read(`/audit/identity?userId=${guard}&outcome=refused`)).body.items;
    expect(trail).toEqual(expect.arrayContaining([expect.objectContaining({ command: expect.stringContaining('/security/footage-holds/'), status: 403 })]));
    expect((await p.call('auditor', 'GET', path)).status).toBe(403);

    const operator = (await p.call('monitoring_operator', 'GET', '/auth/me')).body.userId;
    expect((await p.call('monitoring_operator', 'GET', path)).body).toMatchObject({ id: hold.body.id, camera: 'camera-07', status: 'held' });
    expect((await p.call('security_manager', 'GET', path)).status).toBe(200);
    const views = (await p.call('security_manager', 'GET', `${path}/views`)).body;
    expect(views.total).toBe(2);
    expect(views.items.map((v: { viewer: string }) => v.viewer)).toContain(operator);
    expect((await p.call('security_guard', 'GET', `${path}/views`)).status).toBe(403);

    expect((await p.call('security_manager', 'DELETE', path)).body.type).toMatch(/footage-hold-not-due$/);
    expect((await p.call('security_manager', 'GET', path)).body.status).toBe('held');
    ahead += minutes(60 * 24);
    expect((await p.call('security_manager', 'DELETE', path)).body).toMatchObject({ status: 'released', releasedBy: expect.any(String) });
    expect((await p.call('security_manager', 'DELETE', path)).status).toBe(409);
  });

  it('turns finance\'s escort request into one task that needs two guards, and announces the arrival', async () => {
    const depositId = randomUUID();
    const plannedAt = new Date(Date.now() + ahead + minutes(30)).toISOString();
    const envelope = {
      id: uuidv7(), type: 'finance.escort.requested', version: 1, occurredAt: new Date().toISOString(), source: 'finance', aggregateId: depositId, correlationId: depositId,
      causationId: null, actor: { userId: 'treasurer', roles: ['finance_manager'] }, data: { depositId, amountFen: 4_000_000, bank: '中国工商银行 浦东支行', plannedAt, requestedBy: 'treasurer' },
    };
    const js = jetstream(p.nc);
    await js.publish(p.env.naming.subject('finance.escort.requested.v1'), JSON.stringify(envelope), { headers: natsHeaders() });
    // The same request again under another message id: still one task.
    await js.publish(p.env.naming.subject('finance.escort.requested.v1'), JSON.stringify({ ...envelope, id: uuidv7() }), { headers: natsHeaders() });
    const escort = await waitFor('the escort task', async () => (await p.call('security_captain', 'GET', '/security/escorts?status=requested')).body.items.find((e: { depositId: string }) => e.depositId === depositId));
    expect(escort).toMatchObject({ amountFen: 4_000_000, status: 'requested', guards: [], late: false });
    expect((await p.call('security_captain', 'GET', '/security/notifications')).body.items.map((n: { documentId: string }) => n.documentId)).toContain(escort.id);

    const exceptions = async () => (await p.call('security_captain', 'GET', '/security/escorts/exceptions')).body.items.map((e: { id: string }) => e.id);
    expect(await exceptions()).not.toContain(escort.id);
    ahead += minutes(31);
    expect(await exceptions()).toContain(escort.id);

    const path = `/security/escorts/${escort.id}`;
    const one = await p.call('security_captain', 'POST', `${path}/assign`, { guards: ['guard-li'] });
    expect(one).toMatchObject({ status: 422, body: { type: expect.stringMatching(/escort-needs-two-guards$/), errors: [{ field: 'guards' }] } });
    expect((await p.call('security_guard', 'POST', `${path}/assign`, { guards: ['guard-li', 'guard-wang'] })).status).toBe(403);
    expect((await p.call('security_guard', 'POST', `${path}/depart`)).status).toBe(409);
    expect((await p.call('security_captain', 'POST', `${path}/assign`, { guards: ['guard-li', 'guard-wang'] })).body).toMatchObject({ status: 'assigned', guards: ['guard-li', 'guard-wang'] });
    expect((await p.call('security_guard', 'POST', `${path}/depart`)).body.status).toBe('departed');
    expect(await exceptions()).not.toContain(escort.id);
    expect((await p.call('security_guard', 'POST', `${path}/arrive`)).body).toMatchObject({ status: 'completed', arrivedAt: expect.any(String) });
    const completed = await waitFor('the arrival on NATS', () => heard('security.escort.completed', (d) => d.depositId === depositId).at(0));
    expect(completed.data).toMatchObject({ escortId: escort.id, guards: ['guard-li', 'guard-wang'], amountFen: 4_000_000 });
    expect(heard('security.escort.departed', (d) => d.depositId === depositId)).toHaveLength(1);
    expect((await p.call('security_captain', 'GET', '/security/escorts')).body.items.filter((e: { depositId: string }) => e.depositId === depositId)).toHaveLength(1);
  });

  it('checks a visitor in with a masked ID, tells the host, and lists the overstay as the clock moves', async () => {
    const leaveAt = new Date(Date.now() + ahead + minutes(60)).toISOString();
    const visit = { name: '王芳', idNumber: '310101199001011234', host: 'sales_manager', purpose: 'Contract review', badge: `V-${process.pid}`, expectedLeaveAt: leaveAt };
    const visitor = await p.call('receptionist', 'POST', '/security/visitors', visit);
    expect(visitor.status).toBe(201);
    expect(visitor.body).toMatchObject({ idNumberMasked: '**************1234', status: 'on_site', overstaying: false });
    expect(JSON.stringify(visitor.body)).not.toContain('310101199001011234');
    expect((await p.call('receptionist', 'POST', '/security/visitors', { ...visit, name: '李雷' })).body.type).toMatch(/badge-in-use$/);
    expect((await p.call('receptionist', 'POST', '/security/visitors', { ...visit, badge: 'X', expectedLeaveAt: new Date(Date.now() + ahead - 1000).toISOString() })).status).toBe(422);
    await waitFor('the host to be told', () => heard('security.visitor.arrived', (d) => d.visitorId === visitor.body.id).length === 1);
    expect(JSON.stringify(heard('security.visitor.arrived', (d) => d.visitorId === visitor.body.id))).not.toContain('1234');
    expect(await sql(`SELECT count(*)::int AS n FROM security.visitors WHERE id_number_masked LIKE '%90010%'`)).toEqual([{ n: 0 }]);
    // Nor does the audit trail keep it (the refused repeat above was audited too).
    expect(await sql(`SELECT count(*)::int AS n FROM security.audit_log WHERE summary::text LIKE '%310101199001011234%'`)).toEqual([{ n: 0 }]);
    expect((await p.call('receptionist', 'POST', '/security/visitors', { ...visit, name: ' ' })).status).toBe(400); // kept in the gateway's trail
    expect(await sql(`SELECT count(*)::int AS n FROM identity.audit_log WHERE summary::text LIKE '%310101199001011234%'`)).toEqual([{ n: 0 }]);

    const overstays = async () => (await p.call('security_guard', 'GET', '/security/visitors/overstays')).body.items.map((v: { id: string }) => v.id);
    expect(await overstays()).not.toContain(visitor.body.id);
    ahead += minutes(61);
    expect(await overstays()).toContain(visitor.body.id);

    const today = new Date(visitor.body.checkedInAt).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    const csv = await fetch(`${p.api}/security/visitors?date=${today}`, { headers: { authorization: `Bearer ${await p.token('security_captain')}`, accept: 'text/csv' } });
    expect(csv.status).toBe(200);
    const text = await csv.text();
    expect(text).toContain('**************1234');
    expect(text).not.toContain('310101199001011234');

    expect((await p.call('security_guard', 'POST', `/security/visitors/${visitor.body.id}/check-out`)).body).toMatchObject({ status: 'left', overstaying: false });
    expect(await overstays()).not.toContain(visitor.body.id);
    expect((await p.call('security_guard', 'POST', `/security/visitors/${visitor.body.id}/check-out`)).status).toBe(409);
  });

  it('keeps the duty log and a handover confirmed by the incoming operator only', async () => {
    expect((await p.call('monitoring_operator', 'POST', '/security/duty-log', { entry: 'Gate 2 barrier stuck open', camera: 'camera-02' })).status).toBe(201);
    expect((await p.call('monitoring_operator', 'POST', '/security/camera-sweeps', { camera: 'camera-02', result: 'fault', note: 'no picture' })).status).toBe(201);
    expect((await p.call('security_guard', 'POST', '/security/duty-log', { entry: 'x' })).status).toBe(403);
    const today = new Date(Date.now() + ahead).toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    expect((await p.call('monitoring_operator', 'GET', `/security/duty-log?date=${today}`)).body.items[0]).toMatchObject({ entry: 'Gate 2 barrier stuck open', camera: 'camera-02' });
    expect((await p.call('monitoring_operator', 'GET', '/security/camera-sweeps?result=fault')).body.items[0]).toMatchObject({ camera: 'camera-02' });
    const me = (await p.call('monitoring_operator', 'GET', '/auth/me')).body.userId;
    expect((await p.call('monitoring_operator', 'POST', '/security/duty-handovers', { toOperator: me, notes: 'n' })).body.type).toMatch(/same-operator$/);
    const handover = await p.call('monitoring_operator', 'POST', '/security/duty-handovers', { toOperator: 'operator-night', notes: 'camera-02 down' });
    expect(handover.body.status).toBe('pending');
    // Only the operator taking over confirms; until then it is listed as pending.
    expect((await p.call('monitoring_operator', 'POST', `/security/duty-handovers/${handover.body.id}/confirm`)).status).toBe(403);
    expect((await p.call('security_manager', 'GET', '/security/duty-handovers?status=pending')).body.items.map((h: { id: string }) => h.id)).toContain(handover.body.id);
  });
});

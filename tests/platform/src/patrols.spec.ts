import type { EventEnvelope, PatrolMissedData } from '@ops/contracts';
import { setBusinessClock } from '@ops/kernel';
import { withClient } from '@ops/persistence';
import { PatrolRounds } from '@ops/security';
import { waitFor } from '@ops/testing';
import type { Subscription } from '@nats-io/transport-node';
import { TestPlatform } from './platform.js';

/**
 * Posts, handovers and scheduled patrols (domain.md §7) through the gateway, on a business clock the test
 * moves through one night in Shanghai: a route of three checkpoints every two hours from 20:00 to 06:00,
 * walked by two instances of security at once and across a restart of the service mid-night. Rounds
 * scanned in full are completed; a checkpoint skipped is missed exactly once, as an exception for the
 * captain and as one `security.patrol.missed`.
 */
describe('security: posts, handovers and patrols on the business clock', () => {
  let p: TestPlatform;
  /** Business time in Shanghai on the night of 2026-11-30 (UTC+8); the next day's hours are 24:00 and on. */
  let now = new Date('2026-11-30T19:00:00+08:00');
  const setTime = (hhmm: string, day = '2026-11-30') => void (now = new Date(`${day}T${hhmm}:00+08:00`));
  const missed: Array<EventEnvelope<PatrolMissedData>> = [];
  let subscription: Subscription | undefined;
  const sql = <T = any>(text: string, params: unknown[] = []) => withClient(p.env.databaseUrl, async (c) => (await c.query(text, params)).rows as T[]);
  const suffix = `${process.pid}`;
  const code = (c: string) => `${c}-${suffix}`;

  beforeAll(async () => {
    setBusinessClock(() => now);
    p = await TestPlatform.start({ services: ['security'] });
    await p.startService('security'); // a second instance: both generate and close rounds
    subscription = p.nc.subscribe(p.env.naming.subject('security.patrol.missed.v1'), { callback: (error, msg) => void (!error && missed.push(msg.json())) });
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await p?.close();
    setBusinessClock(null);
  });

  const scan = (body: Record<string, unknown>, role = 'security_guard') => p.call(role, 'POST', '/security/patrol-scans', body);
  const roundsOf = async (routeId: string) => (await p.call('security_captain', 'GET', `/security/patrol-rounds?routeId=${routeId}&pageSize=50`)).body.items as Array<{
    id: string; windowStart: string; status: string; scans: Array<{ code: string; flags: string[] }>; misses: Array<{ code: string }>;
  }>;
  const roundAt = async (routeId: string, start: string, status?: string) => waitFor(`the round of ${start}${status ? ` ${status}` : ''}`, async () => {
    const round = (await roundsOf(routeId)).find((r) => r.windowStart === new Date(`${start}+08:00`).toISOString());
    return round && (!status || round.status === status) ? round : false;
  });
  const exceptions = async (kind: string, date = '2026-11-30') => {
    const res = await p.call('security_captain', 'GET', `/security/exceptions?date=${date}&kind=${kind}&pageSize=200`);
    expect(res.status).toBe(200);
    return res.body.items as Array<{ kind: string; roundId: string; checkpointId: string; shiftId: string; postId: string; from: string; to: string; detail: string }>;
  };

  it('expects the rounds of a night, clears those scanned on time, and misses a skipped checkpoint exactly once, across two instances and a restart', async () => {
    const created = await p.call('security_captain', 'POST', '/security/patrol-routes', {
      code: code('NIGHT'), name: 'Warehouse night round', kind: 'night', frequencyMinutes: 120, activeFrom: '20:00', activeTo: '06:00',
      checkpoints: [{ code: code('A'), name: 'Gate 2' }, { code: code('B'), name: 'Warehouse W1' }, { code: code('C'), name: 'Fire door' }],
    });
    expect(created.status).toBe(201);
    const route = created.body as { id: string; checkpoints: Array<{ id: string; code: string }> };
    const [A, B, C] = route.checkpoints;
    expect((await p.call('security_guard', 'POST', '/security/patrol-routes', { code: 'X' })).status).toBe(403);

    // 20:00–22:00: every checkpoint in order.
    for (const [time, cp] of [['20:05', A], ['20:20', B], ['20:40', C]] as const) {
      setTime(time);
      const res = await scan({ code: cp.code });
      expect(res).toMatchObject({ status: 201, body: { checkpointId: cp.id, flags: [] } });
    }
    expect((await scan({ code: code('NOPE') })).body).toMatchObject({ checkpointId: null, roundId: null, flags: ['unknown_code'] });

    // 22:00–24:00: B skipped; C scanned after A is out of order, and A again is a repeat.
    setTime('22:10');
    const first = await roundAt(route.id, '2026-11-30T20:00:00', 'completed');
    expect(first.misses).toEqual([]);
    expect((await scan({ code: A.code })).body.flags).toEqual([]);
    setTime('22:30');
    expect((await scan({ code: C.code })).body.flags).toEqual(['out_of_order']);
    expect((await scan({ code: A.code })).body.flags).toEqual(['repeat']);

    setTime('00:05', '2026-12-01');
    const second = await roundAt(route.id, '2026-11-30T22:00:00', 'missed');
    expect(second.misses.map((m) => m.code)).toEqual([B.code]);
    await waitFor('one security.patrol.missed', () => missed.length >= 1);
    expect(missed.map((e) => e.data)).toEqual([{
      routeId: route.id, roundId: second.id, checkpointId: B.id, code: B.code,
      windowStart: new Date('2026-11-30T22:00:00+08:00').toISOString(), windowEnd: new Date('2026-12-01T00:00:00+08:00').toISOString(),
    }]);
    expect((await exceptions('missed_checkpoint')).map((e) => [e.roundId, e.checkpointId])).toEqual([[second.id, B.id]]);

    // Both instances run their pass by hand at once, again and again: nothing new is generated, closed or announced.
    const passes = await Promise.all([0, 1, 0, 1].map((i) => p.instance('security', i).app.get(PatrolRounds).runDue()));
    expect(passes.reduce((n, r) => n + r.closed, 0)).toBe(0);

    // 00:00–02:00: A scanned, then security stops (both instances) until 02:30: the round ends and the next starts while it is down.
    setTime('00:20', '2026-12-01');
    expect((await scan({ code: A.code })).body.flags).toEqual([]);
    await p.stopService('security');
    setTime('02:30', '2026-12-01');
    await p.startService('security');
    await p.startService('security');
    const third = await roundAt(route.id, '2026-12-01T00:00:00', 'missed');
    expect(third.misses.map((m) => m.code).sort()).toEqual([B.code, C.code].sort());
    await roundAt(route.id, '2026-12-01T02:00:00', 'open');

    // 02:00–04:00, after the restart: scanned in full.
    for (const [time, cp] of [['02:35', A], ['02:50', B], ['03:10', C]] as const) {
      setTime(time, '2026-12-01');
      expect((await scan({ code: cp.code })).body.flags).toEqual([]);
    }
    setTime('04:05', '2026-12-01');
    await roundAt(route.id, '2026-12-01T02:00:00', 'completed');

    // Three misses in all, each once in the database and once on the bus.
    await waitFor('three security.patrol.missed', () => missed.length >= 3);
    await Promise.all([0, 1].map((i) => p.instance('security', i).app.get(PatrolRounds).runDue()));
    const rows = await sql(`SELECT round_id, checkpoint_id FROM security.patrol_misses WHERE route_id = $1`, [route.id]);
    expect(rows).toHaveLength(3);
    const announced = missed.filter((e) => e.data.routeId === route.id).map((e) => `${e.data.roundId}/${e.data.checkpointId}`);
    expect(announced).toHaveLength(3);
    expect(new Set(announced).size).toBe(3);
    // No round lost or doubled: 20:00, 22:00, 00:00, 02:00 and the open 04:00.
    expect((await roundsOf(route.id)).map((r) => [r.windowStart, r.status]).reverse()).toEqual([
      [new Date('2026-11-30T20:00:00+08:00').toISOString(), 'completed'],
      [new Date('2026-11-30T22:00:00+08:00').toISOString(), 'missed'],
      [new Date('2026-12-01T00:00:00+08:00').toISOString(), 'missed'],
      [new Date('2026-12-01T02:00:00+08:00').toISOString(), 'completed'],
      [new Date('2026-12-01T04:00:00+08:00').toISOString(), 'open'],
    ]);
    expect(await exceptions('missed_checkpoint')).toHaveLength(3);
    // The unknown tag, the scan out of order and the repeat are the captain's too, each on the day it was scanned.
    const flagged = [...await exceptions('flagged_scan'), ...await exceptions('flagged_scan', '2026-12-01')];
    expect(flagged.map((e) => e.detail).sort()).toEqual([
      `Scan of ${A.code} by security_guard: repeat`, `Scan of ${C.code} by security_guard: out_of_order`, `Scan of ${code('NOPE')} by security_guard: unknown_code`,
    ].sort());

    const compliance = await p.call('security_captain', 'GET', '/security/patrols/compliance?from=2026-11-30&to=2026-11-30');
    expect(compliance.status).toBe(200);
    expect(compliance.body.byRoute).toEqual([{ key: code('NIGHT'), expected: 12, scanned: 9, percent: 75 }]);
    expect(compliance.body.byNight).toEqual([{ key: '2026-11-30', expected: 12, scanned: 9, percent: 75 }]);
    expect(compliance.body.byGuard).toEqual([{ key: 'security_guard', expected: 12, scanned: 9, percent: 75 }]);
  });

  it('refuses one guard alone at a tenant-area checkpoint at night, naming secondGuard, and writes nothing', async () => {
    setTime('04:30', '2026-12-01');
    const created = await p.call('security_manager', 'POST', '/security/patrol-routes', {
      code: code('TENANT'), name: 'Tenant floor', kind: 'fire', frequencyMinutes: 60, activeFrom: '09:00', activeTo: '10:00',
      checkpoints: [{ code: code('T1'), name: 'Tenant B-12', tenantArea: true }],
    });
    expect(created.status).toBe(201);
    const alone = await scan({ code: code('T1') });
    expect(alone.status).toBe(422);
    expect(alone.body.errors).toEqual([expect.objectContaining({ field: 'secondGuard' })]);
    expect(await sql(`SELECT 1 FROM security.patrol_scans WHERE code = $1`, [code('T1')])).toHaveLength(0);
    const two = await scan({ code: code('T1'), secondGuard: 'security_captain' });
    expect(two).toMatchObject({ status: 201, body: { secondGuard: 'security_captain', flags: ['no_open_round'] } });
  });

  it('lists a shift ended with a handover confirmed by one guard only as an exception, until the other confirms', async () => {
    setTime('19:00');
    const post = await p.call('security_captain', 'POST', '/security/posts', { code: code('GATE'), name: 'Main gate', kind: 'gate' });
    expect(post.status).toBe(201);
    const roster = (body: object) => p.call('security_captain', 'POST', `/security/posts/${post.body.id}/roster`, body);
    const day = await roster({ date: '2026-11-30', guardUsername: 'security_guard', startsAt: '08:00', endsAt: '20:00' });
    const nightShift = await roster({ date: '2026-11-30', guardUsername: 'security_captain', startsAt: '20:00', endsAt: '08:00' });
    expect([day.status, nightShift.status]).toEqual([201, 201]);
    expect(nightShift.body.endsAt).toBe(new Date('2026-12-01T08:00:00+08:00').toISOString());
    // Before 08:00 nobody stands the gate on the 30th.
    const uncovered = (await exceptions('post_uncovered')).filter((e) => e.postId === post.body.id);
    expect(uncovered.map((e) => [e.from, e.to])).toEqual([[new Date('2026-11-30T00:00:00+08:00').toISOString(), new Date('2026-11-30T08:00:00+08:00').toISOString()]]);

    expect((await p.call('security_captain', 'POST', `/security/shifts/${day.body.id}/start`)).status).toBe(403);
    expect((await p.call('security_guard', 'POST', `/security/shifts/${day.body.id}/start`)).body.status).toBe('on_duty');
    const handoverBody = { fromShiftId: day.body.id, toShiftId: nightShift.body.id, equipmentChecked: ['radio', 'torch'], keys: ['gate key'], openMatters: 'Delivery for B-12 at 22:00' };
    const self = await p.call('security_guard', 'POST', '/security/handovers', { ...handoverBody, toShiftId: day.body.id });
    expect(self.status).toBe(422);
    expect(self.body.errors).toEqual([expect.objectContaining({ field: 'toShiftId' })]);
    const handover = await p.call('security_guard', 'POST', '/security/handovers', handoverBody);
    expect(handover).toMatchObject({ status: 201, body: { outgoingGuard: 'security_guard', incomingGuard: 'security_captain', status: 'pending' } });
    setTime('20:05');
    expect((await p.call('security_guard', 'POST', `/security/shifts/${day.body.id}/end`)).body.status).toBe('ended');

    const missing = async () => (await exceptions('handover_missing')).filter((e) => e.shiftId === day.body.id);
    expect(await missing()).toHaveLength(1);
    expect((await p.call('security_guard', 'POST', `/security/handovers/${handover.body.id}/confirm`)).status).toBe(409);
    const confirmed = await p.call('security_captain', 'POST', `/security/handovers/${handover.body.id}/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'confirmed' });
    expect(await missing()).toHaveLength(0);
    const listed = await p.call('security_captain', 'GET', '/security/handovers?date=2026-11-30&pageSize=5');
    expect(listed).toMatchObject({ status: 200, body: { total: 1, items: [{ id: handover.body.id, status: 'confirmed' }] } });
  });
});

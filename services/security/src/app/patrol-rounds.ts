import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Actor } from '@ops/contracts';
import { businessNow } from '@ops/kernel';
import { METRICS_REGISTRY, PeriodicJob, SERVICE_CONFIG, type ServiceConfig } from '@ops/service-kit';
import type { Registry } from 'prom-client';
import { DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { closeRound, inWindow, roundsStarting, windowPassed, type RoundSlot } from '../domain/patrol.js';
import { PatrolCheckpointEntity, PatrolRoundEntity, PatrolRouteEntity, PatrolScanEntity } from '../infra/persistence/patrol.entities.js';
import { PatrolRoundStore } from '../infra/persistence/patrol-stores.js';

const SYSTEM: Actor = { userId: 'system:patrol-rounds', roles: [] };
/** How far back rounds are generated: an instance back after a long stop still expects (and closes) every round it missed. */
const LOOKBACK_MS = 48 * 3_600_000;
/** Rounds closed per transaction. */
const BATCH = 100;

/**
 * The rounds the routes expect, kept in Postgres (domain.md §7). On every tick of every instance: each route's
 * rounds that have started by now on the business clock are inserted (unique per route and start, so
 * `ON CONFLICT DO NOTHING` keeps each once however many instances insert it); then every open round whose
 * window has passed is claimed (`FOR UPDATE SKIP LOCKED`) and closed, each checkpoint not scanned in it
 * written to `patrol_misses` (primary key round + checkpoint) and announced in the same transaction. A restart
 * loses nothing: the next tick generates what was not generated and closes what was not closed.
 */
@Injectable()
export class PatrolRounds implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly job: PeriodicJob;

  constructor(private readonly dataSource: DataSource, private readonly rounds: PatrolRoundStore, @Inject(SERVICE_CONFIG) config: ServiceConfig, @Inject(METRICS_REGISTRY) registry: Registry) {
    this.job = new PeriodicJob('patrol-rounds', config.jobs.scanMs, () => this.runDue(), registry);
  }

  onApplicationBootstrap(): void {
    this.job.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** One pass: generate due rounds, close passed ones. How many rounds were generated and closed by this instance. */
  async runDue(now: Date = businessNow()): Promise<{ generated: number; closed: number }> {
    const routes = await this.dataSource.getRepository(PatrolRouteEntity).find();
    let generated = 0;
    for (const route of routes) generated += await this.expect(this.dataSource.manager, route, this.slots(route, new Date(now.getTime() - LOOKBACK_MS), now));
    let closed = 0;
    for (;;) {
      const batch = await this.dataSource.transaction((tx) => this.closeBatch(tx, now));
      closed += batch;
      if (batch < BATCH) break;
    }
    return { generated, closed };
  }

  /** The round of `route` whose window holds `at`, generated first if no tick has yet; under a write lock. */
  async roundAt(tx: EntityManager, route: PatrolRouteEntity, at: Date): Promise<PatrolRoundEntity | null> {
    const slot = this.slots(route, new Date(at.getTime() - route.frequencyMinutes * 60_000), at).find((s) => inWindow(s, at));
    if (!slot) return null;
    await this.expect(tx, route, [slot]);
    return tx.findOne(PatrolRoundEntity, { where: { routeId: route.id, windowStart: slot.windowStart }, lock: { mode: 'pessimistic_write' } });
  }

  /** Rounds of the route starting in [from, to], none before the route was defined. */
  private slots(route: PatrolRouteEntity, from: Date, to: Date): RoundSlot[] {
    const start = new Date(Math.max(from.getTime(), route.effectiveFrom.getTime()));
    return start > to ? [] : roundsStarting(route, start, to);
  }

  private expect(tx: EntityManager, route: PatrolRouteEntity, slots: RoundSlot[]): Promise<number> {
    return this.rounds.expect(tx, route, slots.map((s) => ({ id: uuidv7(), ...s })));
  }

  private async closeBatch(tx: EntityManager, now: Date): Promise<number> {
    const due = await tx.createQueryBuilder(PatrolRoundEntity, 'r').where(`r.status = 'open' AND r.window_end <= :now`, { now })
      .orderBy('r.window_end').addOrderBy('r.id').limit(BATCH).setLock('pessimistic_write').setOnLocked('skip_locked').getMany();
    for (const round of due) {
      if (!windowPassed(round, now)) continue;
      const checkpoints = await tx.find(PatrolCheckpointEntity, { where: { routeId: round.routeId }, order: { position: 'ASC' } });
      const scanned = new Set((await tx.find(PatrolScanEntity, { where: { roundId: round.id } })).map((s) => s.checkpointId));
      const unscanned = checkpoints.filter((c) => !scanned.has(c.id));
      // The miss row is the fact; the event goes out only with a row this transaction wrote.
      const recorded: Array<{ checkpoint_id: string }> = unscanned.length
        ? await tx.query(
          `INSERT INTO patrol_misses (round_id, checkpoint_id, route_id, code, night, window_start, window_end, recorded_at)
           SELECT $1, c.id, c.route_id, c.code, $2::date, $3, $4, $5 FROM patrol_checkpoints c WHERE c.id = ANY($6::uuid[])
           ON CONFLICT (round_id, checkpoint_id) DO NOTHING RETURNING checkpoint_id`,
          [round.id, round.night, round.windowStart, round.windowEnd, now, unscanned.map((c) => c.id)])
        : [];
      const fresh = new Set(recorded.map((r) => r.checkpoint_id));
      await this.rounds.apply(tx, round, (r) => closeRound(r, unscanned, now, unscanned.filter((c) => fresh.has(c.id))), { actor: SYSTEM });
    }
    return due.length;
  }
}

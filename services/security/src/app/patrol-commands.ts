import { Injectable } from '@nestjs/common';
import {
  pageWindow, SecurityCatalog, type CreatePatrolRouteRequest, type ListPatrolRoundsQuery, type ListPatrolRoutesQuery, type Page, type PatrolComplianceQuery,
  type PatrolComplianceView, type PatrolRoundView, type PatrolRouteView, type PatrolScanRequest, type PatrolScanView,
} from '@ops/contracts';
import { businessDate, businessNow, DomainError, reportPeriod } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { compliance, requireTwoGuards, scanFlags, scanTime, type RoundOutcome, type ScanFlag } from '../domain/patrol.js';
import { PatrolCheckpointEntity, PatrolMissEntity, PatrolRoundEntity, PatrolRouteEntity, PatrolScanEntity } from '../infra/persistence/patrol.entities.js';
import { PatrolRouteStore } from '../infra/persistence/patrol-stores.js';
import { PatrolRounds } from './patrol-rounds.js';

/** Patrol routes, the rounds the service expects of them, guards' scans and compliance (domain.md §7). */
@Injectable()
export class PatrolCommands {
  constructor(private readonly routes: PatrolRouteStore, private readonly rounds: PatrolRounds) {}

  @Handles(SecurityCatalog.createPatrolRoute)
  async createPatrolRoute(request: CreatePatrolRouteRequest, { tx, actor, cause }: CommandContext): Promise<PatrolRouteView> {
    if (await tx.findOne(PatrolRouteEntity, { where: { code: request.code } })) throw new DomainError('conflict', 'route-code-taken', `A patrol route ${request.code} exists`);
    const codes = request.checkpoints.map((c) => c.code);
    const repeated = codes.findIndex((c, i) => codes.indexOf(c) !== i);
    if (repeated >= 0) {
      throw new DomainError('rule_violated', 'checkpoint-code-repeated', `Checkpoint code ${codes[repeated]} appears twice`, [{ field: `checkpoints[${repeated}].code`, message: 'must differ from the other checkpoints' }]);
    }
    const taken = await tx.find(PatrolCheckpointEntity, { where: { code: In(codes) } });
    if (taken.length) throw new DomainError('conflict', 'checkpoint-code-taken', `Checkpoint code ${taken[0].code} is already on another route`);
    const route = await this.routes.create(tx, {
      state: {
        id: uuidv7(), code: request.code, name: request.name, kind: request.kind, frequencyMinutes: request.frequencyMinutes,
        activeFrom: request.activeFrom, activeTo: request.activeTo, effectiveFrom: businessNow(),
      },
      transitions: [{ from: 'new', to: 'active', reason: `${request.checkpoints.length} checkpoints every ${request.frequencyMinutes} minutes, ${request.activeFrom}–${request.activeTo}` }],
      events: [],
    }, { actor, cause });
    const checkpoints = request.checkpoints.map((c, i) => Object.assign(new PatrolCheckpointEntity(), {
      id: uuidv7(), routeId: route.id, position: i + 1, code: c.code, name: c.name, tenantArea: c.tenantArea ?? false,
    }));
    await tx.insert(PatrolCheckpointEntity, checkpoints);
    return routeView(route, checkpoints);
  }

  @Handles(SecurityCatalog.listPatrolRoutes)
  async listPatrolRoutes(query: ListPatrolRoutesQuery, { tx }: CommandContext): Promise<Page<PatrolRouteView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(PatrolRouteEntity, { order: { code: 'ASC' }, skip: offset, take: pageSize });
    const checkpoints = rows.length ? await tx.find(PatrolCheckpointEntity, { where: { routeId: In(rows.map((r) => r.id)) }, order: { position: 'ASC' } }) : [];
    return { items: rows.map((r) => routeView(r, checkpoints.filter((c) => c.routeId === r.id))), page, pageSize, total };
  }

  @Handles(SecurityCatalog.listPatrolRounds)
  async listPatrolRounds(query: ListPatrolRoundsQuery, { tx }: CommandContext): Promise<Page<PatrolRoundView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(PatrolRoundEntity, {
      where: { ...(query.routeId ? { routeId: query.routeId } : {}), ...(query.night ? { night: query.night } : {}) },
      order: { windowStart: 'DESC', id: 'ASC' }, skip: offset, take: pageSize,
    });
    const ids = rows.map((r) => r.id);
    const routeIds = [...new Set(rows.map((r) => r.routeId))];
    const [routes, checkpoints, scans, misses] = ids.length
      ? await Promise.all([
        tx.find(PatrolRouteEntity, { where: { id: In(routeIds) } }),
        tx.find(PatrolCheckpointEntity, { where: { routeId: In(routeIds) } }),
        tx.find(PatrolScanEntity, { where: { roundId: In(ids) }, order: { scannedAt: 'ASC' } }),
        tx.find(PatrolMissEntity, { where: { roundId: In(ids) } }),
      ])
      : [[], [], [], []];
    return {
      items: rows.map((r) => ({
        id: r.id, routeId: r.routeId, routeCode: routes.find((x) => x.id === r.routeId)?.code ?? '', night: r.night, windowStart: r.windowStart.toISOString(),
        windowEnd: r.windowEnd.toISOString(), status: r.status, expected: checkpoints.filter((c) => c.routeId === r.routeId).length,
        scans: scans.filter((s) => s.roundId === r.id).map(scanView),
        misses: misses.filter((m) => m.roundId === r.id).sort((a, b) => a.code.localeCompare(b.code)).map((m) => ({ checkpointId: m.checkpointId, code: m.code, recordedAt: m.recordedAt.toISOString() })),
      })),
      page, pageSize, total,
    };
  }

  /**
   * A scan is always recorded (flagged when something is wrong with it), except at a tenant-area checkpoint
   * at night with one guard, which is refused. It counts for the round open at its time, held under a lock
   * so the round cannot close between the read of its scans and the write of this one.
   */
  @Handles(SecurityCatalog.recordPatrolScan)
  async recordPatrolScan(request: PatrolScanRequest, { tx, actor }: CommandContext): Promise<PatrolScanView> {
    const scannedAt = scanTime(request.scannedAt, businessNow());
    const guard = actor.username ?? actor.userId;
    const checkpoint = await tx.findOne(PatrolCheckpointEntity, { where: { code: request.code } });
    const scan: PatrolScanEntity = Object.assign(new PatrolScanEntity(), {
      id: uuidv7(), code: request.code, checkpointId: null, routeId: null, roundId: null, guardUsername: guard, secondGuard: request.secondGuard ?? null, scannedAt, flags: [] as ScanFlag[],
    } satisfies PatrolScanEntity);
    if (!checkpoint) {
      scan.flags = ['unknown_code'];
    } else {
      requireTwoGuards(checkpoint, scannedAt, guard, request.secondGuard);
      scan.checkpointId = checkpoint.id;
      scan.routeId = checkpoint.routeId;
      const route = await tx.findOneByOrFail(PatrolRouteEntity, { id: checkpoint.routeId });
      const round = await this.rounds.roundAt(tx, route, scannedAt);
      if (!round || round.status !== 'open') {
        scan.flags = ['no_open_round'];
      } else {
        const walk = await tx.find(PatrolCheckpointEntity, { where: { routeId: route.id } });
        const scanned = await tx.find(PatrolScanEntity, { where: { roundId: round.id } });
        scan.roundId = round.id;
        scan.flags = scanFlags(checkpoint, walk, new Set(scanned.map((s) => s.checkpointId!)));
      }
    }
    await tx.insert(PatrolScanEntity, scan);
    return scanView(scan);
  }

  @Handles(SecurityCatalog.getPatrolCompliance)
  async getPatrolCompliance(query: PatrolComplianceQuery, { tx }: CommandContext): Promise<PatrolComplianceView> {
    const period = reportPeriod(query, businessDate());
    const rounds: Array<{ route: string; night: string; expected: number; missed: number; guards: string[] }> = await tx.query(
      `SELECT rt.code AS route, r.night::text AS night,
              (SELECT count(*) FROM patrol_checkpoints c WHERE c.route_id = r.route_id)::int AS expected,
              (SELECT count(*) FROM patrol_misses m WHERE m.round_id = r.id)::int AS missed,
              COALESCE((SELECT array_agg(DISTINCT s.guard_username) FROM patrol_scans s WHERE s.round_id = r.id), '{}') AS guards
         FROM patrol_rounds r JOIN patrol_routes rt ON rt.id = r.route_id
        WHERE r.status <> 'open' AND r.night BETWEEN $1::date AND $2::date`,
      [period.from, period.to],
    );
    const outcomes: RoundOutcome[] = rounds.map((r) => ({ route: r.route, night: r.night, expected: r.expected, scanned: r.expected - r.missed, guards: r.guards }));
    return { ...period, ...compliance(outcomes) };
  }
}

function routeView(r: PatrolRouteEntity, checkpoints: PatrolCheckpointEntity[]): PatrolRouteView {
  return {
    id: r.id, code: r.code, name: r.name, kind: r.kind, frequencyMinutes: r.frequencyMinutes, activeFrom: r.activeFrom, activeTo: r.activeTo,
    effectiveFrom: r.effectiveFrom.toISOString(),
    checkpoints: [...checkpoints].sort((a, b) => a.position - b.position).map((c) => ({ id: c.id, position: c.position, code: c.code, name: c.name, tenantArea: c.tenantArea })),
  };
}

function scanView(s: PatrolScanEntity): PatrolScanView {
  return {
    id: s.id, code: s.code, checkpointId: s.checkpointId, routeId: s.routeId, roundId: s.roundId, guardUsername: s.guardUsername, secondGuard: s.secondGuard,
    scannedAt: s.scannedAt.toISOString(), flags: s.flags,
  };
}

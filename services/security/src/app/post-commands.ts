import { Injectable } from '@nestjs/common';
import {
  pageWindow, SecurityCatalog, type CreatePostRequest, type HandoverView, type IdRequest, type ListHandoversQuery, type ListPostsQuery,
  type ListSecurityExceptionsQuery, type ListShiftsQuery, type Page, type PostView, type RecordHandoverRequest, type RosterShiftRequest,
  type SecurityExceptionView, type ShiftView,
} from '@ops/contracts';
import { addDays, businessDate, businessNow, DomainError } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { In, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { atBusinessTime } from '../domain/patrol.js';
import { confirmHandover, endShift, handoverConfirmed, recordHandover, rosterGaps, rosterShift, shiftTimes, startShift } from '../domain/shift.js';
import { HandoverEntity, PatrolMissEntity, PatrolScanEntity, PostEntity, ShiftEntity } from '../infra/persistence/patrol.entities.js';
import { HandoverStore, PostStore, ShiftStore } from '../infra/persistence/patrol-stores.js';

/** Posts, the roster, shifts and handovers, and the exceptions the security captain works through (domain.md §7). */
@Injectable()
export class PostCommands {
  constructor(private readonly posts: PostStore, private readonly shifts: ShiftStore, private readonly handovers: HandoverStore) {}

  @Handles(SecurityCatalog.createPost)
  async createPost(request: CreatePostRequest, { tx, actor, cause }: CommandContext): Promise<PostView> {
    if (await tx.findOne(PostEntity, { where: { code: request.code } })) throw new DomainError('conflict', 'post-code-taken', `A post ${request.code} exists`);
    const post = await this.posts.create(tx, {
      state: { id: uuidv7(), code: request.code, name: request.name, kind: request.kind },
      transitions: [{ from: 'new', to: 'open', reason: `${request.kind} post ${request.code} opened` }], events: [],
    }, { actor, cause });
    return postView(post);
  }

  @Handles(SecurityCatalog.listPosts)
  async listPosts(query: ListPostsQuery, { tx }: CommandContext): Promise<Page<PostView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(PostEntity, { order: { code: 'ASC' }, skip: offset, take: pageSize });
    return { items: rows.map(postView), page, pageSize, total };
  }

  @Handles(SecurityCatalog.rosterShift)
  async rosterShift(request: RosterShiftRequest, { tx, actor, cause }: CommandContext): Promise<ShiftView> {
    const post = await this.posts.get(tx, request.postId, { lock: false });
    const times = shiftTimes(request.date, request.startsAt, request.endsAt);
    const theirs = await tx.createQueryBuilder(ShiftEntity, 's')
      .where('s.guard_username = :guard AND s.starts_at < :end AND s.ends_at > :start', { guard: request.guardUsername, start: times.startsAt, end: times.endsAt }).getMany();
    const shift = await this.shifts.create(tx, rosterShift({ id: uuidv7(), postId: post.id, date: request.date, guardUsername: request.guardUsername, ...times }, theirs), { actor, cause });
    return shiftView(shift, post);
  }

  @Handles(SecurityCatalog.listShifts)
  async listShifts(query: ListShiftsQuery, { tx }: CommandContext): Promise<Page<ShiftView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const [rows, total] = await tx.findAndCount(ShiftEntity, {
      where: { date: query.date ?? businessDate(), ...(query.postId ? { postId: query.postId } : {}) }, order: { startsAt: 'ASC', id: 'ASC' }, skip: offset, take: pageSize,
    });
    const posts = await postsById(tx, rows.map((r) => r.postId));
    return { items: rows.map((s) => shiftView(s, posts.get(s.postId))), page, pageSize, total };
  }

  @Handles(SecurityCatalog.startShift)
  async startShift(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<ShiftView> {
    const { row } = await this.shifts.change(tx, request.id, (s) => startShift(s, actor.username, businessNow()), { actor, cause });
    return shiftView(row, await this.posts.get(tx, row.postId, { lock: false }));
  }

  @Handles(SecurityCatalog.endShift)
  async endShift(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<ShiftView> {
    const { row } = await this.shifts.change(tx, request.id, (s) => endShift(s, actor.username, businessNow()), { actor, cause });
    return shiftView(row, await this.posts.get(tx, row.postId, { lock: false }));
  }

  @Handles(SecurityCatalog.recordHandover)
  async recordHandover(request: RecordHandoverRequest, { tx, actor, cause }: CommandContext): Promise<HandoverView> {
    const from = await this.shifts.get(tx, request.fromShiftId);
    const to = await this.shifts.get(tx, request.toShiftId, { lock: false });
    if (![from.guardUsername, to.guardUsername].includes(actor.username ?? '')) {
      throw new DomainError('forbidden', 'not-in-handover', `Only ${from.guardUsername} and ${to.guardUsername} record the handover between their shifts`);
    }
    if (await tx.findOne(HandoverEntity, { where: { fromShiftId: from.id } })) throw new DomainError('conflict', 'handover-exists', 'The outgoing shift already has a handover');
    const handover = await this.handovers.create(tx, recordHandover({
      id: uuidv7(), postId: from.postId, fromShiftId: from.id, toShiftId: to.id, equipmentChecked: request.equipmentChecked, keys: request.keys, openMatters: request.openMatters ?? '',
    }, from, to, actor.username, businessNow()), { actor, cause });
    return handoverView(handover);
  }

  @Handles(SecurityCatalog.confirmHandover)
  async confirmHandover(request: IdRequest, { tx, actor, cause }: CommandContext): Promise<HandoverView> {
    const { row } = await this.handovers.change(tx, request.id, (h) => confirmHandover(h, actor.username, businessNow()), { actor, cause });
    return handoverView(row);
  }

  @Handles(SecurityCatalog.listHandovers)
  async listHandovers(query: ListHandoversQuery, { tx }: CommandContext): Promise<Page<HandoverView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const qb = tx.createQueryBuilder(HandoverEntity, 'h').innerJoin(ShiftEntity, 's', 's.id = h.from_shift_id').where('s.date = :date', { date: query.date ?? businessDate() })
      // offset/limit, not skip/take: one from-shift per handover, and TypeORM's distinct wrapper cannot order by the joined shift.
      .orderBy('s.starts_at', 'ASC').addOrderBy('h.id', 'ASC').offset(offset).limit(pageSize);
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(handoverView), page, pageSize, total };
  }

  /** Computed for the day asked: missed checkpoints as recorded when their rounds closed; missing handovers and uncovered posts from the roster. */
  @Handles(SecurityCatalog.listSecurityExceptions)
  async listSecurityExceptions(query: ListSecurityExceptionsQuery, { tx }: CommandContext): Promise<Page<SecurityExceptionView>> {
    const { page, pageSize, offset } = pageWindow(query);
    const date = query.date ?? businessDate();
    const wanted = (kind: SecurityExceptionView['kind']) => !query.kind || query.kind === kind;
    const all: SecurityExceptionView[] = [];
    const none = { postId: null, shiftId: null, routeId: null, roundId: null, checkpointId: null, scanId: null };
    if (wanted('missed_checkpoint')) {
      const misses = await tx.find(PatrolMissEntity, { where: { night: date }, order: { windowStart: 'ASC', code: 'ASC' } });
      all.push(...misses.map((m) => ({
        ...none, kind: 'missed_checkpoint' as const, date, routeId: m.routeId, roundId: m.roundId, checkpointId: m.checkpointId,
        from: m.windowStart.toISOString(), to: m.windowEnd.toISOString(), detail: `Checkpoint ${m.code} not scanned in its round's window`,
      })));
    }
    if (wanted('flagged_scan')) {
      const scans = await tx.createQueryBuilder(PatrolScanEntity, 's')
        .where('s.scanned_at >= :from AND s.scanned_at < :to', { from: atBusinessTime(date, '00:00'), to: atBusinessTime(addDays(date, 1), '00:00') })
        .andWhere(`s.flags <> '[]'::jsonb`).orderBy('s.scanned_at').addOrderBy('s.id').getMany();
      all.push(...scans.map((s) => ({
        ...none, kind: 'flagged_scan' as const, date, routeId: s.routeId, roundId: s.roundId, checkpointId: s.checkpointId, scanId: s.id,
        from: s.scannedAt.toISOString(), to: s.scannedAt.toISOString(), detail: `Scan of ${s.code} by ${s.guardUsername}: ${s.flags.join(', ')}`,
      })));
    }
    if (wanted('handover_missing')) {
      const now = businessNow();
      const rows: Array<{ id: string; post_id: string; guard_username: string; starts_at: Date; ends_at: Date; status: string }> = await tx.query(
        `SELECT s.id, s.post_id, s.guard_username, s.starts_at, s.ends_at, s.status FROM guard_shifts s
          WHERE s.date = $1 AND (s.status = 'ended' OR (s.status = 'on_duty' AND s.ends_at <= $2))
            AND NOT EXISTS (SELECT 1 FROM shift_handovers h WHERE h.from_shift_id = s.id AND h.status = 'confirmed')
          ORDER BY s.ends_at, s.id`, [date, now]);
      all.push(...rows.map((s) => ({
        ...none, kind: 'handover_missing' as const, date, postId: s.post_id, shiftId: s.id, from: s.starts_at.toISOString(), to: s.ends_at.toISOString(),
        detail: `${s.guard_username}'s shift ${s.status === 'ended' ? 'ended' : 'is past its end'} with no handover confirmed by both guards`,
      })));
    }
    if (wanted('post_uncovered')) {
      const posts = await tx.find(PostEntity, { order: { code: 'ASC' } });
      const shifts = await tx.createQueryBuilder(ShiftEntity, 's').where('s.date IN (:...dates)', { dates: [addDays(date, -1), date] }).getMany();
      for (const post of posts) {
        for (const gap of rosterGaps(date, shifts.filter((s) => s.postId === post.id))) {
          all.push({ ...none, kind: 'post_uncovered', date, postId: post.id, from: gap.from.toISOString(), to: gap.to.toISOString(), detail: `Post ${post.code} has no guard rostered` });
        }
      }
    }
    return { items: all.slice(offset, offset + pageSize), page, pageSize, total: all.length };
  }
}

async function postsById(tx: EntityManager, ids: string[]): Promise<Map<string, PostEntity>> {
  const rows = ids.length ? await tx.find(PostEntity, { where: { id: In([...new Set(ids)]) } }) : [];
  return new Map(rows.map((p) => [p.id, p]));
}

const postView = (p: PostEntity): PostView => ({ id: p.id, code: p.code, name: p.name, kind: p.kind });

function shiftView(s: ShiftEntity, post: PostEntity | undefined): ShiftView {
  return {
    id: s.id, postId: s.postId, postCode: post?.code ?? '', date: s.date, guardUsername: s.guardUsername, startsAt: s.startsAt.toISOString(), endsAt: s.endsAt.toISOString(),
    status: s.status, startedAt: s.startedAt?.toISOString() ?? null, endedAt: s.endedAt?.toISOString() ?? null,
  };
}

function handoverView(h: HandoverEntity): HandoverView {
  return {
    id: h.id, postId: h.postId, fromShiftId: h.fromShiftId, toShiftId: h.toShiftId, outgoingGuard: h.outgoingGuard, incomingGuard: h.incomingGuard,
    equipmentChecked: h.equipmentChecked, keys: h.keys, openMatters: h.openMatters, outgoingConfirmedAt: h.outgoingConfirmedAt?.toISOString() ?? null,
    incomingConfirmedAt: h.incomingConfirmedAt?.toISOString() ?? null, status: handoverConfirmed(h) ? 'confirmed' : 'pending',
  };
}

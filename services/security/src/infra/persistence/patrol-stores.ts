import { Inject, Injectable } from '@nestjs/common';
import { DomainError } from '@ops/kernel';
import type { OutboxWriter } from '@ops/messaging';
import { AggregateStore, OUTBOX } from '@ops/service-kit';
import type { EntityManager } from 'typeorm';
import { HandoverEntity, PatrolRoundEntity, PatrolRouteEntity, PostEntity, ShiftEntity } from './patrol.entities.js';

@Injectable()
export class PostStore extends AggregateStore<PostEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'post', entity: PostEntity, notFound: (id) => new DomainError('not_found', 'post-not-found', `No post ${id}`) }, outbox);
  }
}

/** Shifts: the only writer of a shift's status. */
@Injectable()
export class ShiftStore extends AggregateStore<ShiftEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'shift', entity: ShiftEntity, notFound: (id) => new DomainError('not_found', 'shift-not-found', `No shift ${id}`) }, outbox);
  }
}

/** Handovers: the only writer of their confirmations. */
@Injectable()
export class HandoverStore extends AggregateStore<HandoverEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'handover', entity: HandoverEntity, notFound: (id) => new DomainError('not_found', 'handover-not-found', `No handover ${id}`) }, outbox);
  }
}

@Injectable()
export class PatrolRouteStore extends AggregateStore<PatrolRouteEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'patrol-route', entity: PatrolRouteEntity, notFound: (id) => new DomainError('not_found', 'patrol-route-not-found', `No patrol route ${id}`) }, outbox);
  }
}

/** Rounds: the only writer of a round's status, and of the `security.patrol.missed` events closing it raises. */
@Injectable()
export class PatrolRoundStore extends AggregateStore<PatrolRoundEntity> {
  constructor(@Inject(OUTBOX) outbox: OutboxWriter) {
    super({ name: 'patrol-round', entity: PatrolRoundEntity, notFound: (id) => new DomainError('not_found', 'patrol-round-not-found', `No patrol round ${id}`) }, outbox);
  }

  /**
   * The rounds of a route as expected, open: any instance may insert the same ones, and the unique (route, start)
   * keeps each once. How many were new.
   */
  async expect(tx: EntityManager, route: { id: string; frequencyMinutes: number }, rounds: Array<{ id: string; night: string; windowStart: Date; windowEnd: Date }>): Promise<number> {
    if (rounds.length === 0) return 0;
    const values = rounds.map((_, i) => `($${i * 5 + 1}::uuid, $${i * 5 + 2}::uuid, $${i * 5 + 3}::date, $${i * 5 + 4}::timestamptz, $${i * 5 + 5}::timestamptz, 'open')`);
    const inserted: unknown[] = await tx.query(
      `INSERT INTO patrol_rounds (id, route_id, night, window_start, window_end, status) VALUES ${values.join(', ')}
       ON CONFLICT (route_id, window_start) DO NOTHING RETURNING id`,
      rounds.flatMap((r) => [r.id, route.id, r.night, r.windowStart.toISOString(), r.windowEnd.toISOString()]),
    );
    return inserted.length;
  }
}

export const PATROL_STORES = [PostStore, ShiftStore, HandoverStore, PatrolRouteStore, PatrolRoundStore];

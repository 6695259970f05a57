import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PostKind, PatrolRouteKind } from '@ops/contracts';
import type { RoundStatus, ScanFlag } from '../../domain/patrol.js';
import type { ShiftStatus } from '../../domain/shift.js';

/** A post guards stand (domain.md §7). Written only by PostStore. */
@Entity('security_posts')
export class PostEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') kind: PostKind;
}

/** A rostered shift at a post, and its start and end as the guard recorded them. Written only by ShiftStore. */
@Entity('guard_shifts')
export class ShiftEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') postId: string;
  @Column('date') date: string;
  @Column('text') guardUsername: string;
  @Column('timestamptz') startsAt: Date;
  @Column('timestamptz') endsAt: Date;
  @Column('text') status: ShiftStatus;
  @Column('timestamptz', { nullable: true }) startedAt: Date | null;
  @Column('timestamptz', { nullable: true }) endedAt: Date | null;
}

/** The handover from one shift to the next at a post; one per outgoing shift. Written only by HandoverStore. */
@Entity('shift_handovers')
export class HandoverEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') postId: string;
  @Column('uuid') fromShiftId: string;
  @Column('uuid') toShiftId: string;
  @Column('text') outgoingGuard: string;
  @Column('text') incomingGuard: string;
  @Column('jsonb') equipmentChecked: string[];
  @Column('jsonb') keys: string[];
  @Column('text') openMatters: string;
  @Column('timestamptz', { nullable: true }) outgoingConfirmedAt: Date | null;
  @Column('timestamptz', { nullable: true }) incomingConfirmedAt: Date | null;
  @Column('text') status: 'pending' | 'confirmed';
}

/** A patrol route; its checkpoints are rows of their own. Written only by PatrolRouteStore. */
@Entity('patrol_routes')
export class PatrolRouteEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') kind: PatrolRouteKind;
  @Column('int') frequencyMinutes: number;
  @Column('text') activeFrom: string;
  @Column('text') activeTo: string;
  @Column('timestamptz') effectiveFrom: Date;
}

/** A checkpoint of a route, in walking order; its code is the tag scanned there. Written with its route. */
@Entity('patrol_checkpoints')
export class PatrolCheckpointEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') routeId: string;
  @Column('int') position: number;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('boolean') tenantArea: boolean;
}

/** An expected round: unique per route and start, so every instance may generate it. Written only by PatrolRoundStore. */
@Entity('patrol_rounds')
export class PatrolRoundEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') routeId: string;
  @Column('date') night: string;
  @Column('timestamptz') windowStart: Date;
  @Column('timestamptz') windowEnd: Date;
  @Column('text') status: RoundStatus;
}

/** Every scan, flagged or not; appended, never changed. */
@Entity('patrol_scans')
export class PatrolScanEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('uuid', { nullable: true }) checkpointId: string | null;
  @Column('uuid', { nullable: true }) routeId: string | null;
  @Column('uuid', { nullable: true }) roundId: string | null;
  @Column('text') guardUsername: string;
  @Column('text', { nullable: true }) secondGuard: string | null;
  @Column('timestamptz') scannedAt: Date;
  @Column('jsonb') flags: ScanFlag[];
}

/** A missed checkpoint: its primary key (round, checkpoint) makes "exactly once" a fact of the database. */
@Entity('patrol_misses')
export class PatrolMissEntity {
  @PrimaryColumn('uuid') roundId: string;
  @PrimaryColumn('uuid') checkpointId: string;
  @Column('uuid') routeId: string;
  @Column('text') code: string;
  @Column('date') night: string;
  @Column('timestamptz') windowStart: Date;
  @Column('timestamptz') windowEnd: Date;
  @Column('timestamptz') recordedAt: Date;
}

export const PATROL_ENTITIES = [PostEntity, ShiftEntity, HandoverEntity, PatrolRouteEntity, PatrolCheckpointEntity, PatrolRoundEntity, PatrolScanEntity, PatrolMissEntity];

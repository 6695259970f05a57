import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { EscortStatus } from '../../domain/escort.js';
import type { DutyHandoverStatus, FootageHoldStatus } from '../../domain/monitoring.js';
import type { VisitorStatus } from '../../domain/visitor.js';

/** What the security desk is told: one row per role to tell (domain.md §7). Appended only. */
@Entity('notifications')
export class NotificationEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') recipientRole: string;
  @Column('text') kind: string;
  @Column('text') subject: string;
  @Column('uuid', { nullable: true }) documentId: string | null;
  @Column('timestamptz') createdAt: Date;
}

/** A line of the monitoring room's duty log. Appended only. */
@Entity('duty_log')
export class DutyLogEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') entry: string;
  @Column('text', { nullable: true }) camera: string | null;
  @Column('text') operator: string;
  @Column('timestamptz') at: Date;
}

/** Written only by DutyHandoverStore. */
@Entity('duty_handovers')
export class DutyHandoverEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') fromOperator: string;
  @Column('text') toOperator: string;
  @Column('text') notes: string;
  @Column('text') status: DutyHandoverStatus;
  @Column('timestamptz') handedAt: Date;
  @Column('timestamptz', { nullable: true }) confirmedAt: Date | null;
}

/** A camera checked in a sweep. Appended only. */
@Entity('camera_sweeps')
export class CameraSweepEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') camera: string;
  @Column('text') result: string;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') operator: string;
  @Column('timestamptz') sweptAt: Date;
}

/** Written only by FootageHoldStore; never deleted. */
@Entity('footage_holds')
export class FootageHoldEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') camera: string;
  @Column('timestamptz', { name: 'from_at' }) from: Date;
  @Column('timestamptz', { name: 'to_at' }) to: Date;
  @Column('text') reason: string;
  @Column('uuid', { nullable: true }) incidentId: string | null;
  @Column('timestamptz') heldUntil: Date;
  @Column('text') status: FootageHoldStatus;
  @Column('text') heldBy: string;
  @Column('timestamptz') heldAt: Date;
  @Column('text', { nullable: true }) releasedBy: string | null;
  @Column('timestamptz', { nullable: true }) releasedAt: Date | null;
}

/** One view of a footage hold: who, with which roles, when. Appended only. */
@Entity('footage_hold_views')
export class FootageHoldViewingEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') holdId: string;
  @Column('text') viewer: string;
  @Column('text', { array: true }) viewerRoles: string[];
  @Column('timestamptz') viewedAt: Date;
}

/** Written only by VisitorStore. The ID number is kept masked (last 4 characters). */
@Entity('visitors')
export class VisitorEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') name: string;
  @Column('text') idNumberMasked: string;
  @Column('text') host: string;
  @Column('text') purpose: string;
  @Column('text') badge: string;
  @Column('text') status: VisitorStatus;
  @Column('timestamptz') checkedInAt: Date;
  @Column('timestamptz') expectedLeaveAt: Date;
  @Column('timestamptz', { nullable: true }) checkedOutAt: Date | null;
  @Column('text') checkedInBy: string;
}

/** Written only by EscortStore; one per finance deposit run. */
@Entity('escorts')
export class EscortEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') depositId: string;
  @Column('bigint', { transformer: { to: (v: number) => v, from: (v: string) => Number(v) } }) amountFen: number;
  @Column('text') bank: string;
  @Column('timestamptz') plannedAt: Date;
  @Column('text') requestedBy: string;
  @Column('text') status: EscortStatus;
  @Column('jsonb') guards: string[];
  @Column('text', { nullable: true }) assignedBy: string | null;
  @Column('timestamptz', { nullable: true }) departedAt: Date | null;
  @Column('timestamptz', { nullable: true }) arrivedAt: Date | null;
}

export const WATCH_ENTITIES = [NotificationEntity, DutyLogEntity, DutyHandoverEntity, CameraSweepEntity, FootageHoldEntity, FootageHoldViewingEntity, VisitorEntity, EscortEntity];

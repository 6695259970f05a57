import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LeadOwner, LeadStatus } from '../../domain/lead.js';
import type { ReceptionStatus } from '../../domain/reception.js';
import type { RotationEntryKind } from '../../domain/rotation.js';
import type { Target, TargetStatus } from '../../domain/target.js';

/** One walk-in, call or staff visitor at the front desk. */
@Entity('receptions')
export class ReceptionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') kind: 'customer' | 'staff_visitor';
  @Column('text') status: ReceptionStatus;
  @Column('date') businessDate: string;
  @Column('timestamptz') at: Date;
  @Column('text', { nullable: true }) channel: string | null;
  @Column('text') name: string;
  @Column('text', { nullable: true }) phone: string | null;
  @Column('text', { nullable: true }) phoneNormalised: string | null;
  @Column('text', { nullable: true }) need: string | null;
  @Column('text', { nullable: true }) consultant: string | null;
  @Column('text') assignment: string;
  @Column('jsonb') skipped: string[];
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('text', { nullable: true }) host: string | null;
  @Column('text', { nullable: true }) purpose: string | null;
  @Column('text') recordedBy: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A business day's consultants in rotation order, whose turn is next, and who is away (with the reason). */
@Entity('duty_rosters')
export class DutyRosterEntity {
  @PrimaryColumn('date') businessDate: string;
  @Column('jsonb') consultants: string[];
  @Column('int') pointer: number;
  @Column('jsonb') away: Record<string, string>;
  @Column('text') setBy: string;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('rotation_log')
export class RotationLogEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) seq: string;
  @Column('date') businessDate: string;
  @Column('timestamptz') at: Date;
  @Column('text') consultant: string;
  @Column('text') kind: Exclude<RotationEntryKind, 'named'>;
  @Column('text', { nullable: true }) reason: string | null;
  @Column('uuid', { nullable: true }) receptionId: string | null;
}

@Entity('leads')
export class LeadEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') phone: string;
  @Column('text') name: string;
  @Column('text', { nullable: true }) need: string | null;
  @Column('text') status: LeadStatus;
  @Column('jsonb') owners: LeadOwner[];
  @Column('date', { nullable: true }) ownedSince: string | null;
  @Column('date', { nullable: true }) lastFollowUpOn: string | null;
  @Column('text') registeredBy: string;
  @Column('timestamptz') registeredAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('lead_follow_ups')
export class LeadFollowUpEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id: string;
  @Column('uuid') leadId: string;
  @Column('text') consultant: string;
  @Column('date') businessDate: string;
  @Column('timestamptz') at: Date;
  @Column('text') note: string;
}

@Entity('lead_disputes')
export class LeadDisputeEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') leadId: string;
  @Column('text') claimant: string;
  @Column('jsonb') owners: string[];
  @Column('text') status: 'open' | 'decided';
  @Column('timestamptz') openedAt: Date;
  @Column('text', { nullable: true }) award: string | null;
  @Column('text', { nullable: true }) decisionReason: string | null;
  @Column('text', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A rep's target in a region for a month: proposed by a sales manager, in force once the sales VP approves it. */
@Entity('sales_targets')
export class TargetEntity implements Target {
  @PrimaryColumn('uuid') id: string;
  @Column('text') rep: string;
  @Column('text') region: string;
  @Column('text') month: string;
  @Column('text') status: TargetStatus;
  @Column('bigint', { transformer: bigintFen }) proposedFen: number;
  @Column('bigint', { transformer: bigintFen, nullable: true }) approvedFen: number | null;
  @Column('text') proposedBy: string;
  @Column('text', { nullable: true }) decidedBy: string | null;
  @Column('text', { nullable: true }) decisionNote: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const RECEPTION_ENTITIES = [ReceptionEntity, DutyRosterEntity, RotationLogEntity, LeadEntity, LeadFollowUpEntity, LeadDisputeEntity, TargetEntity];

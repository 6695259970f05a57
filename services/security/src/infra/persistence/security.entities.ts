import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { WATCH_ENTITIES } from './watch.entities.js';
import { PATROL_ENTITIES } from './patrol.entities.js';
import type { ExpectedExitStatus, GateCheckOutcome } from '../../domain/gate-check.js';
import type { IncidentNote, IncidentSeverity, IncidentStatus, IncidentType } from '../../domain/incident.js';

/** Written only by IncidentStore (stores.ts). */
@Entity('incidents')
export class IncidentEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') type: IncidentType;
  @Column('text') severity: IncidentSeverity;
  @Column('text') location: string;
  @Column('timestamptz') occurredAt: Date;
  @Column('text') description: string;
  @Column('jsonb') evidence: string[];
  @Column('text') reportedBy: string;
  @Column('text') status: IncidentStatus;
  @Column('timestamptz', { nullable: true }) acknowledgeBy: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) reportedAt: Date;
  @Column('text', { nullable: true }) assignee: string | null;
  @Column('text', { nullable: true }) acknowledgedBy: string | null;
  @Column('timestamptz', { nullable: true }) acknowledgedAt: Date | null;
  /** Set once, by the escalation scan (app/incident-escalation.ts), under a row lock and only while still null. */
  @Column('timestamptz', { nullable: true }) escalatedAt: Date | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('timestamptz', { nullable: true }) closedAt: Date | null;
  @Column('jsonb', { default: () => "'[]'::jsonb" }) notes: IncidentNote[];
  @Column('boolean', { default: false }) cashInvolved: boolean;
  @Column('bigint', { nullable: true, transformer: { to: (v: number | null) => v, from: (v: string | null) => (v === null ? null : Number(v)) } }) cashAmountFen: number | null;
}

/** A shipment the gate should see leave (from inventory.goods.shipped). Written only by ExpectedExitStore. */
@Entity('expected_exits')
export class ExpectedExitEntity {
  @PrimaryColumn('uuid') shipmentId: string;
  @Column('text') shipmentNumber: string;
  @Column('uuid') orderId: string;
  @Column('text') carrier: string;
  @Column('text') trackingNumber: string;
  @Column('int') pieces: number;
  @Column('text') status: ExpectedExitStatus;
  @CreateDateColumn({ type: 'timestamptz' }) expectedAt: Date;
}

/** A guard's check of goods leaving, against the shipment papers (domain.md §7). Written only by GateCheckStore. */
@Entity('gate_checks')
export class GateCheckEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('text') shipmentNumber: string;
  @Column('uuid', { nullable: true }) shipmentId: string | null;
  @Column('int') piecesCounted: number;
  @Column('int', { nullable: true }) piecesExpected: number | null;
  @Column('text') outcome: GateCheckOutcome['outcome'];
  @Column('uuid', { nullable: true }) incidentId: string | null;
  @Column('text') gate: string;
  @Column('text', { nullable: true }) vehicle: string | null;
  @Column('text') checkedBy: string;
  @CreateDateColumn({ type: 'timestamptz' }) checkedAt: Date;
}

export const SECURITY_ENTITIES = [IncidentEntity, ExpectedExitEntity, GateCheckEntity, ...WATCH_ENTITIES, ...PATROL_ENTITIES];

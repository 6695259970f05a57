import type { IncidentSeverity, IncidentType } from '@ops/contracts';
import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { IncidentStatus } from '../../domain/incident.js';

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
}

/** A shipment the gate should see leave (from inventory.goods.shipped). */
@Entity('expected_exits')
export class ExpectedExitEntity {
  @PrimaryColumn('uuid') shipmentId: string;
  @Column('text') shipmentNumber: string;
  @Column('uuid') orderId: string;
  @Column('text') carrier: string;
  @Column('text') trackingNumber: string;
  @Column('int') pieces: number;
  @Column('text') status: 'expected' | 'cleared' | 'mismatch';
  @CreateDateColumn({ type: 'timestamptz' }) expectedAt: Date;
}

export const SECURITY_ENTITIES = [IncidentEntity, ExpectedExitEntity];

import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { MaterialRequest, MaterialRequestStatus } from '../../domain/material-request.js';

/** A material short for a released production order (domain/material-request.ts); written by MaterialRequestStore only. */
@Entity('material_requests')
export class MaterialRequestEntity implements MaterialRequest {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') productionOrderId: string;
  @Column('text') productionOrderNumber: string;
  @Column('text') sku: string;
  @Column('int') requiredQuantity: number;
  @Column('int') availableQuantity: number;
  @Column('int') requestedQuantity: number;
  @Column('text') status: MaterialRequestStatus;
  @Column('uuid', { nullable: true }) purchaseOrderId: string | null;
  @Column('text', { nullable: true }) purchaseOrderNumber: string | null;
  @Column('text') raisedBy: string;
  @Column('text', { nullable: true }) cancelledBy: string | null;
  @Column('text', { nullable: true }) cancelReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const MATERIAL_REQUEST_ENTITIES = [MaterialRequestEntity];

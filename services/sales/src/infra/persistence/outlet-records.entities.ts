import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { ComplaintStatus, OutletComplaint, OutletWaste, Replenishment, ReplenishmentStatus, WasteLine, WasteStatus } from '../../domain/outlet-records.js';
import type { RotaRow } from '../../domain/outlet-rota.js';

/* An outlet's records (migration 1765620000000); statuses are written only by the stores in outlet-records.stores.ts. */

const nullableFen = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('outlet_rotas')
export class OutletRotaEntity {
  @PrimaryColumn('uuid') outletId: string;
  @PrimaryColumn('date') startDate: string;
  @Column('jsonb') shiftKinds: string[];
  @Column('jsonb') rows: RotaRow[];
  @Column('text') origin: 'generated' | 'edited';
  @Column('text') savedBy: string;
  @Column('timestamptz') savedAt: Date;
}

@Entity('outlet_waste')
export class OutletWasteEntity implements OutletWaste {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') outletId: string;
  @Column('text') outletCode: string;
  @Column('text') warehouseCode: string;
  @Column('text') status: WasteStatus;
  @Column('date') businessDate: string;
  @Column('jsonb') lines: WasteLine[];
  @Column('text') note: string;
  @Column('text') recordedBy: string;
  @Column('timestamptz') recordedAt: Date;
  @Column('text', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) rejectReason: string | null;
  @Column('bigint', { nullable: true, transformer: nullableFen }) costFen: number | null;
  @Column('text', { nullable: true }) journalEntryNumber: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('outlet_targets')
export class OutletTargetEntity {
  @PrimaryColumn('uuid') outletId: string;
  @PrimaryColumn('date') effectiveFrom: string;
  @Column('bigint', { transformer: bigintFen }) dailyFen: number;
  @Column('bigint', { transformer: bigintFen }) weeklyFen: number;
  @Column('bigint', { transformer: bigintFen }) monthlyFen: number;
  @Column('text') setBy: string;
  @Column('timestamptz') setAt: Date;
}

@Entity('outlet_complaints')
export class OutletComplaintEntity implements OutletComplaint {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') outletId: string;
  @Column('text') outletCode: string;
  @Column('text') status: ComplaintStatus;
  @Column('text') customerName: string;
  @Column('text', { nullable: true }) contact: string | null;
  @Column('text', { nullable: true }) ticketNumber: string | null;
  @Column('text') category: string;
  @Column('text') description: string;
  @Column('text') loggedBy: string;
  @Column('timestamptz') loggedAt: Date;
  @Column('text', { nullable: true }) assignedTo: string | null;
  @Column('text', { nullable: true }) resolution: string | null;
  @Column('text', { nullable: true }) outcome: string | null;
  @Column('text', { nullable: true }) resolvedBy: string | null;
  @Column('timestamptz', { nullable: true }) resolvedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('outlet_replenishments')
export class OutletReplenishmentEntity implements Replenishment {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') outletId: string;
  @Column('text') outletCode: string;
  @Column('text') status: ReplenishmentStatus;
  @Column('text') fromWarehouseCode: string;
  @Column('text') toWarehouseCode: string;
  @Column('jsonb') lines: Array<{ sku: string; quantity: number }>;
  @Column('text', { nullable: true }) note: string | null;
  @Column('text') requestedBy: string;
  @Column('timestamptz') requestedAt: Date;
  @Column('uuid', { nullable: true }) transferId: string | null;
  @Column('text', { nullable: true }) transferNumber: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const OUTLET_RECORDS_ENTITIES = [OutletRotaEntity, OutletWasteEntity, OutletTargetEntity, OutletComplaintEntity, OutletReplenishmentEntity];

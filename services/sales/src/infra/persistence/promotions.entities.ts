import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { SalesLevel } from '../../domain/approval-policy.js';
import type { PriceHold, PriceHoldLine, PriceHoldReapproval, PriceHoldStatus } from '../../domain/price-hold.js';
import type { Promotion, PromotionKind, PromotionLine, PromotionStatus } from '../../domain/promotion.js';

/* Promotions and price holds (migration 1765720000000); statuses are written only by the stores in promotions.stores.ts. */

const nullableFen = { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) };

@Entity('promotions')
export class PromotionEntity implements Promotion {
  @PrimaryColumn('uuid') id: string;
  @Column('text') code: string;
  @Column('text') name: string;
  @Column('text') status: PromotionStatus;
  @Column('text') kind: PromotionKind;
  @Column('bigint', { nullable: true, transformer: nullableFen }) promoPriceFen: number | null;
  @Column('int', { nullable: true }) percentOffBasisPoints: number | null;
  @Column('date') startsOn: string;
  @Column('date') endsOn: string;
  @Column('text', { array: true }) skus: string[];
  @Column('jsonb') lines: PromotionLine[];
  @Column('text') requiredLevel: SalesLevel;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('text', { nullable: true }) decidedBy: string | null;
  @Column('timestamptz', { nullable: true }) decidedAt: Date | null;
  @Column('text', { nullable: true }) decisionNote: string | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

@Entity('price_holds')
export class PriceHoldEntity implements PriceHold {
  @PrimaryColumn('uuid') id: string;
  @Column('text') number: string;
  @Column('uuid') customerId: string;
  @Column('text') customerName: string;
  @Column('text') status: PriceHoldStatus;
  @Column('jsonb') lines: PriceHoldLine[];
  @Column('date') holdUntil: string;
  @Column('bigint', { transformer: bigintFen }) depositFen: number;
  @Column('text') depositReference: string;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('jsonb') reapprovals: PriceHoldReapproval[];
  @Column('uuid', { nullable: true }) usedByOrderId: string | null;
  @Column('text', { nullable: true }) usedByOrderNumber: string | null;
  @Column('timestamptz', { nullable: true }) usedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const PROMOTION_ENTITIES = [PromotionEntity, PriceHoldEntity];

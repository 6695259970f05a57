import { bigintFen } from '@ops/persistence';
import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { Listing, ListingSpec, ListingStatus } from '../../domain/listing.js';

/* The online catalogue (migration 1765710000000); a listing's status is written only by ListingStore (listings.stores.ts). */

const nullableInt = { to: (v: number | null | undefined) => v, from: (v: string | number | null) => (v === null ? null : Number(v)) };

@Entity('listing_categories')
export class ListingCategoryEntity {
  @PrimaryColumn('text') code: string;
  @Column('text') nameZh: string;
  @Column('text') nameEn: string;
  @Column('text', { nullable: true }) parentCode: string | null;
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
}

@Entity('listings')
export class ListingEntity implements Listing {
  @PrimaryColumn('uuid') id: string;
  @Column('text') sku: string;
  @Column('text') status: ListingStatus;
  @Column('text') titleZh: string;
  @Column('text') titleEn: string;
  @Column('text') descriptionZh: string;
  @Column('text') descriptionEn: string;
  @Column('jsonb') specs: ListingSpec[];
  @Column('bigint', { transformer: bigintFen }) priceFen: number;
  @Column('int') quantityOffered: number;
  @Column('int', { nullable: true, transformer: nullableInt }) availableQuantity: number | null;
  @Column('bigint', { transformer: bigintFen }) availabilitySequence: number;
  @Column('int') quantityOnSale: number;
  @Column('boolean') soldOut: boolean;
  @Column('text') categoryCode: string;
  @Column('jsonb') images: string[];
  @Column('text') createdBy: string;
  @Column('timestamptz') createdAt: Date;
  @Column('text', { nullable: true }) submittedBy: string | null;
  @Column('text', { nullable: true }) reviewedBy: string | null;
  @Column('timestamptz', { nullable: true }) reviewedAt: Date | null;
  @Column('text', { nullable: true }) rejectReason: string | null;
  @Column('timestamptz', { nullable: true }) publishedAt: Date | null;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

export const LISTING_ENTITIES = [ListingCategoryEntity, ListingEntity];

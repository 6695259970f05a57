import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { PageQuery } from '../common.js';

const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

export const PERFORMANCE_GROUPINGS = ['rep', 'region', 'customer', 'sku', 'day', 'week', 'month'] as const;
export type PerformanceGrouping = (typeof PERFORMANCE_GROUPINGS)[number];

/** Longest period a performance report covers: a year, so the monthly report can show twelve months. */
export const PERFORMANCE_MAX_DAYS = 366;

export class PerformanceSummaryQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First business date (YYYY-MM-DD, Asia/Shanghai); 29 days before `to` when left out' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last business date (YYYY-MM-DD); today when left out. At most 366 dates' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true })
  to?: string;
}

export class PerformanceQuery extends PageQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First business date (YYYY-MM-DD, Asia/Shanghai); 29 days before `to` when left out' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last business date (YYYY-MM-DD); today when left out. At most 366 dates' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true })
  to?: string;

  @ApiProperty({ enum: PERFORMANCE_GROUPINGS, example: 'rep', description: 'What a row is: a rep, a region, a customer, a SKU, or a day, week (Monday to Sunday) or month' })
  @IsIn(PERFORMANCE_GROUPINGS)
  by: PerformanceGrouping;
}

export class PerformanceRowView {
  @ApiProperty({ example: '0193a0c4-7d1e-7c3a-9b1e-2f0a9c1d2e3f', description: 'The rep (username), the region, the customer id, the SKU, or the first date of the day, week or month; `(none)` for orders without a rep or region' })
  key: string;
  @ApiProperty({ example: '上海晨光贸易有限公司', description: 'The customer\'s name; the key again for the others (the people directory names reps); `2026-11-23 – 2026-11-29` for a week' })
  label: string;
  @ApiProperty({ example: 12, description: 'Orders placed in the period and not cancelled (by SKU: orders with that SKU)' })
  orders: number;
  @ApiProperty({ example: 40, description: 'Units on those orders' })
  quantity: number;
  @ApiProperty({ example: 1_280_000, description: 'What those orders (by SKU: those lines) total, VAT included, fen' })
  amountFen: number;
  @ApiProperty({ example: 32.5, description: 'The row\'s part of the period\'s sales, percent with one decimal' })
  sharePercent: number;
  @ApiProperty({ nullable: true, type: Number, example: 1_000_000, description: 'Money finance counted in the period for the row\'s orders (whenever they were placed), less refunds paid in it; null by SKU' })
  collectedFen: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 2_000_000, description: 'Reps and regions: the monthly targets the VP approved, prorated by the days of each month the period covers; null without one' })
  targetFen: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 64, description: 'amount over target, percent with one decimal' })
  attainmentPercent: number | null;
}

export class BestSellerView {
  @ApiProperty({ example: 'CHAIR-01' }) sku: string;
  @ApiProperty({ example: 9 }) orders: number;
  @ApiProperty({ example: 36 }) quantity: number;
  @ApiProperty({ example: 720_000 }) amountFen: number;
}

export class PerformanceSummaryView {
  @ApiProperty({ example: '2026-11-01' }) from: string;
  @ApiProperty({ example: '2026-11-30' }) to: string;
  @ApiProperty({ example: 48 }) orders: number;
  @ApiProperty({ example: 160 }) quantity: number;
  @ApiProperty({ example: 5_120_000, description: 'Sold: orders placed in the period and not cancelled, VAT included' }) amountFen: number;
  @ApiProperty({ example: 4_300_000, description: 'Money actually received in the period: receipts counted by finance, less refunds paid' }) collectedFen: number;
  @ApiProperty({ nullable: true, type: Number, example: 84, description: 'Received over sold, percent with one decimal; null when nothing was sold' }) collectionRatePercent: number | null;
  @ApiProperty({ example: 17, description: 'Customers who ordered in the period' }) customers: number;
  @ApiProperty({ nullable: true, type: Number, example: 6_000_000, description: 'Every rep\'s approved target, prorated to the period; null when none is set' }) targetFen: number | null;
  @ApiProperty({ nullable: true, type: Number, example: 85.3 }) attainmentPercent: number | null;
  @ApiProperty({ nullable: true, type: BestSellerView, description: 'The SKU with the largest amount; null when nothing was sold' }) bestSeller: BestSellerView | null;
}

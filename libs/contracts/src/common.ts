import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsISO8601, IsOptional, IsUUID, Matches, Max, Min } from 'class-validator';

export class PageQuery {
  @ApiPropertyOptional({ minimum: 1, default: 1, example: 1 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1)
  page?: number;

  @ApiPropertyOptional({ minimum: 1, maximum: 200, default: 50, example: 50 })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200)
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
}

export function pageWindow(query: PageQuery): { page: number; pageSize: number; offset: number } {
  const page = query.page ?? 1;
  const pageSize = query.pageSize ?? 50;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** The request of every route that names one document by its id in the path (`…/orders/:id/approve`). */
export class IdRequest {
  @IsUUID() id: string;
}

/** The longest a read may be asked to wait for what the caller expects (a long poll), in seconds. */
export const MAX_WAIT_SECONDS = 25;

/**
 * A read that may wait: with `waitSeconds`, a 404 is not answered at once; the service holds the request
 * until the thing exists (answering the moment it commits) or the seconds run out (then the 404). It costs
 * nothing while it waits, where polling costs a request each time.
 */
export class WaitQuery {
  @ApiPropertyOptional({
    minimum: 0, maximum: MAX_WAIT_SECONDS, default: 0, example: 20,
    description: 'Wait up to this many seconds for it to exist, instead of answering 404 at once (a long poll).',
  })
  @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(MAX_WAIT_SECONDS)
  waitSeconds?: number;
}

/** A date as YYYY-MM-DD, in years 1000 to 2999 (so a day before or after it is one too). */
const BUSINESS_DATE = /^[12]\d{3}-\d{2}-\d{2}$/;

/**
 * The period a dashboard report covers, in business dates (Asia/Shanghai), both ends included. Without either,
 * the 30 business days ending today; with only `to`, the 30 ending then; with only `from`, from then to today.
 * At most 92 days: a longer period, or one that ends before it starts, is refused with 400 naming the field.
 */
export class ReportPeriodQuery {
  @ApiPropertyOptional({ example: '2026-11-01', description: 'First business date (YYYY-MM-DD, Asia/Shanghai); 29 days before `to` when left out' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ example: '2026-11-30', description: 'Last business date (YYYY-MM-DD); today when left out. A period holds at most 92 dates' })
  @IsOptional() @Matches(BUSINESS_DATE, { message: '$property must be a date as YYYY-MM-DD' }) @IsISO8601({ strict: true })
  to?: string;
}

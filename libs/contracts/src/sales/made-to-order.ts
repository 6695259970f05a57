import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsInt, IsISO8601, IsOptional, IsUUID, Length, Max, Min, ValidateNested } from 'class-validator';
import { IsText } from '../text.js';

/**
 * Made to order (issue 19): an order with made-to-order lines is placed only on the customer's written confirmation;
 * a complaint ticket may raise a replacement order, which the business manager confirms.
 */
export class WrittenConfirmationBody {
  @ApiProperty({ example: 'DMS-2026-0815', description: 'Reference of the signed confirmation in the document store' }) @IsText(100) documentRef: string;
  @ApiProperty({ example: '王芳', description: 'Who signed for the customer' }) @IsText(100) signedBy: string;
  @ApiProperty({ example: '2026-12-01', description: 'The date on the signed document' }) @IsISO8601({ strict: true }) @Length(10, 10) signedOn: string;
}

export class WrittenConfirmationRequest extends WrittenConfirmationBody {
  @IsUUID() orderId: string;
}

export class ReplacementLineRequest {
  @ApiProperty({ example: 'SKU-TEA-001', description: 'A SKU sales knows: priced by an approved list or made to order' }) @IsText(64) sku: string;
  @ApiProperty({ example: 2, minimum: 1 }) @IsInt() @Min(1) @Max(1_000_000) quantity: number;
  @ApiPropertyOptional({ example: 0, minimum: 0, description: 'Unit price in fen charged for the part; 0 (free) when left out' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000_000) unitPriceFen?: number;
}

export class ReplacementOrderBody {
  @ApiProperty({ type: [ReplacementLineRequest] })
  @IsArray() @ValidateNested({ each: true }) @Type(() => ReplacementLineRequest) @ArrayMinSize(1) @ArrayMaxSize(200) lines: ReplacementLineRequest[];
  @ApiProperty({ example: 'Lid hinge cracked on delivery; two new lids agreed with the customer', description: 'Why the parts are replaced, for the business manager' })
  @IsText(500) reason: string;
  @ApiPropertyOptional({ example: '2026-12-20', description: 'When the customer needs the parts (production plans against it); today when left out' })
  @IsOptional() @IsISO8601({ strict: true }) @Length(10, 10) requestedDate?: string;
}

export class ReplacementOrderRequest extends ReplacementOrderBody {
  @IsUUID() ticketId: string;
}

import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { IsText } from '../text.js';
import { ROLE_NAMES } from '@ops/kernel';
import { PageQuery } from '../common.js';


export class LoginRequest {
  @ApiProperty({ example: 'sales_rep' }) @IsText(64) username: string;
  @ApiProperty({ example: 'sales_rep-demo', format: 'password' }) @IsString() @Length(1, 200) password: string;
}

export class RefreshRequest {
  @ApiProperty({ example: 'rt_01939f3e8c2a7b4d9e6f1a2b3c4d5e6f.kX9v…', description: 'The refresh token from sign-in or the last refresh; each can be used once' }) @IsString() @Length(10, 300) refreshToken: string;
}

export class CreateUserRequest {
  @ApiProperty({ example: 'li.na', description: 'Letters, digits, dot, dash, underscore' })
  @IsString() @Length(3, 64) @Matches(/^[A-Za-z0-9._-]+$/, { message: 'username may hold letters, digits, dots, dashes and underscores only' })
  username: string;

  @ApiProperty({ example: '李娜' }) @IsText(100) displayName: string;
  @ApiProperty({ example: 'correct horse battery', format: 'password', minLength: 12, description: 'At least 12 characters, not a commonly breached password' }) @IsString() @Length(12, 200) password: string;
  @ApiProperty({ enum: ROLE_NAMES, isArray: true, example: ['cashier'] }) @IsArray() @ArrayMaxSize(20) @IsIn(ROLE_NAMES, { each: true }) roles: string[];
}

export class SetRolesRequest {
  @ApiProperty({ enum: ROLE_NAMES, isArray: true, example: ['cashier', 'accountant'] }) @IsArray() @ArrayMaxSize(20) @IsIn(ROLE_NAMES, { each: true }) roles: string[];
}

export class ListPeopleQuery extends PageQuery {
  @ApiPropertyOptional({ type: String, example: '01a22c52-ea79-77eb-a3bc-59c8da876f37,01a22c52-ea79-77eb-a3bc-59c8da876f38', description: 'Only these user ids (comma-separated, up to 200)' })
  @IsOptional() @Transform(({ value }) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : value))
  @IsArray() @ArrayMaxSize(200) @IsUUID('all', { each: true })
  ids?: string[];
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ROLE_NAMES }) @IsOptional() @IsIn(ROLE_NAMES) role?: string;
}

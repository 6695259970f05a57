import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class UserView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ type: [String] }) roles: string[];
  @ApiProperty() active: boolean;
  @ApiProperty({ nullable: true, type: String, format: 'date-time', description: 'Locked after repeated failed sign-ins until then' }) lockedUntil: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) lastSignInAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

/** A colleague as every signed-in person may see them: enough to put a name to a user id in any document. */
export class PersonView {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: '王芳' }) displayName: string;
  @ApiProperty({ example: 'sales_rep' }) username: string;
  @ApiProperty() active: boolean;
}

export class TokensView {
  @ApiProperty({ description: 'Send as `Authorization: Bearer <accessToken>`' }) accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: string;
  @ApiProperty({ example: 900, description: 'Seconds until the access token expires' }) expiresIn: number;
  @ApiProperty({ description: 'Trade for new tokens at /auth/refresh, once' }) refreshToken: string;
  @ApiProperty({ type: UserView }) user: UserView;
}

export class ActorView {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: [String], example: ['sales_rep'] }) roles: string[];
  @ApiPropertyOptional() displayName?: string;
}

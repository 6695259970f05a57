import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('text') username: string;
  @Column('text') displayName: string;
  @Column('text') passwordHash: string;
  @Column('text', { array: true }) roles: string[];
  @Column('boolean') active: boolean;
  @Column('int') failedAttempts: number;
  @Column('timestamptz', { nullable: true }) lockedUntil: Date | null;
  @Column('timestamptz', { nullable: true }) lastSignInAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** One sign-in: its refresh token rotates on every use; revoking it ends the access tokens too. */
@Entity('sessions')
export class SessionEntity {
  @PrimaryColumn('uuid') id: string;
  @Column('uuid') userId: string;
  @Column('text') refreshHash: string;
  @Column('timestamptz') expiresAt: Date;
  @Column('timestamptz', { nullable: true }) revokedAt: Date | null;
  @Column('text', { nullable: true }) revokedReason: string | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
}

export const IDENTITY_ENTITIES = [UserEntity, SessionEntity];

import { AUDIT_LOG_DDL, AUDIT_LOG_DROP } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1763900000000 implements MigrationInterface {
  name = 'Identity1763900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE users (
      id uuid PRIMARY KEY,
      username text NOT NULL,
      display_name text NOT NULL,
      password_hash text NOT NULL,
      roles text[] NOT NULL DEFAULT '{}',
      active boolean NOT NULL DEFAULT true,
      failed_attempts integer NOT NULL DEFAULT 0,
      locked_until timestamptz,
      last_sign_in_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE UNIQUE INDEX users_username ON users (lower(username))`);
    await db.query(`CREATE TABLE sessions (
      id uuid PRIMARY KEY,
      user_id uuid NOT NULL REFERENCES users(id),
      refresh_hash text NOT NULL,
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      revoked_reason text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX sessions_user ON sessions (user_id)`);
    for (const ddl of AUDIT_LOG_DDL) await db.query(ddl);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const ddl of AUDIT_LOG_DROP) await db.query(ddl);
    await db.query('DROP TABLE IF EXISTS sessions');
    await db.query('DROP TABLE IF EXISTS users');
  }
}

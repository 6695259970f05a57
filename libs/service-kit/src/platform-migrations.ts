import { IDEMPOTENCY_KEYS_FINGERPRINT_DDL } from '@ops/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Changes to the tables every service has (outbox, inbox, idempotency keys), applied to each service's
 * schema by the service kit after the service's own migrations of earlier dates: one change, one place.
 */
export class IdempotencyFingerprint1764900000000 implements MigrationInterface {
  name = 'IdempotencyFingerprint1764900000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of IDEMPOTENCY_KEYS_FINGERPRINT_DDL) await db.query(ddl);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX IF EXISTS idempotency_keys_created_at`);
    await db.query(`ALTER TABLE idempotency_keys DROP COLUMN fingerprint`);
  }
}

export const PLATFORM_MIGRATIONS = [IdempotencyFingerprint1764900000000];

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

/**
 * Slots of work done once across every instance of a service (slot-job.ts): one row per job and slot,
 * claimed by one instance and marked finished; a claim left unfinished past its lease may be taken over.
 */
export class JobSlots1765430000000 implements MigrationInterface {
  name = 'JobSlots1765430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE job_slots (
      job text NOT NULL,
      slot text NOT NULL,
      claimed_by text NOT NULL,
      claimed_at timestamptz NOT NULL,
      finished_at timestamptz,
      PRIMARY KEY (job, slot)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE job_slots`);
  }
}

export const PLATFORM_MIGRATIONS = [IdempotencyFingerprint1764900000000, JobSlots1765430000000];

import { IDEMPOTENCY_KEYS_DDL, IDEMPOTENCY_KEYS_FINGERPRINT_DDL } from '@ops/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The gateway creates users itself, so it keeps their Idempotency-Keys as every service does. */
export class IdentityIdempotencyKeys1764900000000 implements MigrationInterface {
  name = 'IdentityIdempotencyKeys1764900000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(IDEMPOTENCY_KEYS_DDL);
    for (const ddl of IDEMPOTENCY_KEYS_FINGERPRINT_DDL) await db.query(ddl);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}

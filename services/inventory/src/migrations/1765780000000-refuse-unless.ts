import { REFUSE_UNLESS_DDL } from '@ops/persistence';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `refuse_unless`: what a reservation decided on stock figures read without the SKU's lock checks with its
 * COMMIT (a backorder waiting, a SKU the online store follows), failing it so the work runs again under the lock.
 */
export class RefuseUnless1765780000000 implements MigrationInterface {
  name = 'RefuseUnless1765780000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(REFUSE_UNLESS_DDL);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION refuse_unless(boolean, text)`);
  }
}

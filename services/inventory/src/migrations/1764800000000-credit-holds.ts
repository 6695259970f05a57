import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Finance's credit hold, kept per customer beside the overdue standing (domain.md §4.4): while it is on,
 * no pick list is made and nothing ships for the customer. The decision's time and event id say which
 * of two decisions is newer, whatever order they arrive in.
 */
export class CreditHolds1764800000000 implements MigrationInterface {
  name = 'CreditHolds1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customer_standing
      ADD COLUMN on_hold boolean NOT NULL DEFAULT false,
      ADD COLUMN hold_reason text,
      ADD COLUMN hold_changed_at timestamptz,
      ADD COLUMN hold_event_id uuid,
      ADD CONSTRAINT customer_hold_reason CHECK (NOT on_hold OR hold_reason IS NOT NULL)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customer_standing DROP CONSTRAINT customer_hold_reason,
      DROP COLUMN on_hold, DROP COLUMN hold_reason, DROP COLUMN hold_changed_at, DROP COLUMN hold_event_id`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Cash incidents security reports, flagged for finance (domain.md §7). */
export class CashIncidents1765620000000 implements MigrationInterface {
  name = 'CashIncidents1765620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE cash_incidents (
      incident_id uuid PRIMARY KEY,
      incident_number text NOT NULL,
      type text NOT NULL,
      severity text NOT NULL,
      location text NOT NULL,
      occurred_at timestamptz NOT NULL,
      description text NOT NULL,
      reported_by text NOT NULL,
      cash_amount_fen bigint,
      flagged_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX cash_incidents_flagged ON cash_incidents (flagged_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE IF EXISTS cash_incidents`);
  }
}

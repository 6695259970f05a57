import { PLATFORM_TABLES, PLATFORM_TABLES_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSecurity1763800000000 implements MigrationInterface {
  name = 'InitialSecurity1763800000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of PLATFORM_TABLES_DDL) await db.query(ddl);
    await db.query(`CREATE TABLE incidents (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      type text NOT NULL,
      severity text NOT NULL CHECK (severity IN ('low', 'medium', 'high', 'critical')),
      location text NOT NULL,
      occurred_at timestamptz NOT NULL,
      description text NOT NULL,
      evidence jsonb NOT NULL DEFAULT '[]'::jsonb,
      reported_by text NOT NULL,
      status text NOT NULL,
      acknowledge_by timestamptz,
      reported_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX incidents_reported ON incidents (reported_at DESC)`);
    await db.query(`CREATE TABLE expected_exits (
      shipment_id uuid PRIMARY KEY,
      shipment_number text NOT NULL,
      order_id uuid NOT NULL,
      carrier text NOT NULL,
      tracking_number text NOT NULL,
      pieces integer NOT NULL CHECK (pieces > 0),
      status text NOT NULL,
      expected_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['expected_exits', 'incidents', ...PLATFORM_TABLES]) await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

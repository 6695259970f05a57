import type { MigrationInterface, QueryRunner } from 'typeorm';

export class GateChecks1764000000000 implements MigrationInterface {
  name = 'GateChecks1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE gate_checks (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      shipment_number text NOT NULL,
      shipment_id uuid,
      pieces_counted integer NOT NULL CHECK (pieces_counted >= 0),
      pieces_expected integer,
      outcome text NOT NULL CHECK (outcome IN ('cleared', 'mismatch', 'unknown_shipment')),
      incident_id uuid,
      gate text NOT NULL,
      vehicle text,
      checked_by text NOT NULL,
      checked_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE UNIQUE INDEX expected_exits_number ON expected_exits (shipment_number)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX IF EXISTS expected_exits_number');
    await db.query('DROP TABLE IF EXISTS gate_checks');
  }
}

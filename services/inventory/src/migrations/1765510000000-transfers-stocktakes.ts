import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Transfers, stocktakes and sample loans: warehouses get a kind (a store's stock is sold from its shop floor, so a
 * transfer between two stores needs a sales manager's consent), and two non-sellable system warehouses — `TRANSIT`
 * (goods between two warehouses) and `ON_LOAN` (samples lent out) — which are never reserved, picked or counted as available.
 */
export class TransfersStocktakes1765510000000 implements MigrationInterface {
  name = 'TransfersStocktakes1765510000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE warehouses ADD COLUMN kind text NOT NULL DEFAULT 'warehouse' CHECK (kind IN ('warehouse', 'store'))`);
    for (const [code, name, area] of [['TRANSIT', 'In transit (goods between two warehouses)', 'Transit'], ['ON_LOAN', 'On loan (samples lent out)', 'Samples lent out']]) {
      await db.query(`INSERT INTO warehouses (code, name, sellable) VALUES ($1, $2, false) ON CONFLICT (code) DO UPDATE SET sellable = false`, [code, name]);
      await db.query(`INSERT INTO locations (warehouse_code, code, name) VALUES ($1, $1, $2) ON CONFLICT DO NOTHING`, [code, area]);
    }
    await db.query(`CREATE TABLE transfers (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      from_warehouse text NOT NULL REFERENCES warehouses (code),
      to_warehouse text NOT NULL REFERENCES warehouses (code),
      status text NOT NULL CHECK (status IN ('draft', 'consent_needed', 'consented', 'dispatched', 'received')),
      lines jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      consented_by text,
      dispatched_by text,
      dispatched_at timestamptz,
      received_by text,
      received_at timestamptz,
      CHECK (from_warehouse <> to_warehouse)
    )`);
    await db.query(`CREATE INDEX transfers_status ON transfers (status, created_at)`);
    await db.query(`CREATE TABLE stocktakes (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      warehouse_code text NOT NULL REFERENCES warehouses (code),
      location text,
      status text NOT NULL CHECK (status IN ('counting', 'submitted', 'closed')),
      opened_on date NOT NULL,
      report_due_on date NOT NULL,
      sheets jsonb NOT NULL,
      adjustments jsonb NOT NULL DEFAULT '[]',
      started_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      submitted_at timestamptz
    )`);
    await db.query(`CREATE INDEX stocktakes_status ON stocktakes (status, report_due_on)`);
    // The monthly stocktake opens one per warehouse and date, however many instances run it.
    await db.query(`CREATE UNIQUE INDEX stocktakes_scheduled ON stocktakes (warehouse_code, opened_on) WHERE started_by = 'system:monthly-stocktake'`);
    await db.query(`CREATE TABLE sample_loans (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      borrower jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('out', 'returned', 'written_off')),
      lines jsonb NOT NULL,
      expected_return_date date NOT NULL,
      lent_by text NOT NULL,
      lent_at timestamptz NOT NULL DEFAULT now(),
      write_off_reason text,
      write_off_requested_by text,
      write_off_approved_by text
    )`);
    await db.query(`CREATE INDEX sample_loans_due ON sample_loans (status, expected_return_date)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sample_loans`);
    await db.query(`DROP TABLE stocktakes`);
    await db.query(`DROP TABLE transfers`);
    for (const code of ['TRANSIT', 'ON_LOAN']) {
      await db.query(`DELETE FROM locations WHERE warehouse_code = $1 AND NOT EXISTS (SELECT 1 FROM stock_lots WHERE warehouse_code = $1)`, [code]);
      await db.query(`DELETE FROM warehouses WHERE code = $1 AND NOT EXISTS (SELECT 1 FROM locations WHERE warehouse_code = $1)`, [code]);
    }
    await db.query(`ALTER TABLE warehouses DROP COLUMN kind`);
  }
}

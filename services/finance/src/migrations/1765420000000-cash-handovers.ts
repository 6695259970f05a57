import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cash office after the cashier's day: receipts set against invoices on the day (kept with its count),
 * cash handed from the cashier to the treasurer with both confirmations, and deposit runs to the bank.
 */
export class CashHandovers1765420000000 implements MigrationInterface {
  name = 'CashHandovers1765420000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE cashier_days ADD COLUMN documents jsonb NOT NULL DEFAULT '[]'`);
    // Live invoices a cashier issued by hand, found by who and when (the day's invoices without a receipt).
    await db.query(`CREATE INDEX invoices_issued_by ON invoices (issued_by, issued_at) WHERE issued_by IS NOT NULL`);
    await db.query(`
      CREATE TABLE cash_handovers (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        day_id uuid NOT NULL REFERENCES cashier_days(id),
        business_date date NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        status text NOT NULL CHECK (status IN ('handed', 'received')),
        handed_by text NOT NULL,
        handed_at timestamptz NOT NULL,
        received_by text,
        received_at timestamptz,
        CHECK ((status = 'received') = (received_by IS NOT NULL)),
        CHECK (received_by IS NULL OR received_by <> handed_by)
      )`);
    await db.query(`CREATE INDEX cash_handovers_day ON cash_handovers (day_id)`);
    await db.query(`
      CREATE TABLE bank_deposits (
        id uuid PRIMARY KEY,
        number text NOT NULL UNIQUE,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        bank text NOT NULL,
        planned_at timestamptz NOT NULL,
        status text NOT NULL CHECK (status IN ('scheduled', 'deposited')),
        requested_by text NOT NULL,
        requested_at timestamptz NOT NULL,
        bank_slip_number text,
        deposited_by text,
        deposited_at timestamptz,
        CHECK ((status = 'deposited') = (bank_slip_number IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE bank_deposits`);
    await db.query(`DROP TABLE cash_handovers`);
    await db.query(`DROP INDEX invoices_issued_by`);
    await db.query(`ALTER TABLE cashier_days DROP COLUMN documents`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customers' credit terms and exposure, credit changes, price lists, and what orders and notices now keep. */
export class CreditAndPrices1764300000000 implements MigrationInterface {
  name = 'CreditAndPrices1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customers
      ADD COLUMN contact_name text,
      ADD COLUMN assigned_rep text,
      ADD COLUMN credit_grade text NOT NULL DEFAULT 'D' CHECK (credit_grade IN ('A', 'B', 'C', 'D')),
      ADD COLUMN credit_limit_fen bigint NOT NULL DEFAULT 0 CHECK (credit_limit_fen >= 0),
      ADD COLUMN payment_terms_days integer NOT NULL DEFAULT 0 CHECK (payment_terms_days BETWEEN 0 AND 365),
      ADD COLUMN open_receivable_fen bigint NOT NULL DEFAULT 0,
      ADD COLUMN overdue_fen bigint NOT NULL DEFAULT 0,
      ADD COLUMN receivable_revision integer NOT NULL DEFAULT 0,
      ADD COLUMN on_hold boolean NOT NULL DEFAULT false,
      ADD COLUMN hold_reason text,
      ADD COLUMN hold_changed_at timestamptz`);
    await db.query(`CREATE TABLE credit_changes (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      customer_id uuid NOT NULL REFERENCES customers(id),
      status text NOT NULL CHECK (status IN ('pending_manager', 'pending_vp', 'approved', 'rejected')),
      proposed jsonb NOT NULL,
      previous jsonb NOT NULL,
      reason text NOT NULL,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      manager_approved_by text,
      manager_approved_at timestamptz,
      decided_by text,
      decided_at timestamptz,
      decision_note text,
      CHECK (manager_approved_by IS NULL OR manager_approved_by <> requested_by),
      CHECK (decided_by IS NULL OR decided_by <> requested_by)
    )`);
    await db.query(`CREATE INDEX credit_changes_customer ON credit_changes (customer_id, requested_at)`);
    await db.query(`CREATE TABLE price_lists (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      name text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'approved')),
      valid_from date NOT NULL,
      valid_to date,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      approved_by text,
      approved_at timestamptz,
      CHECK (valid_to IS NULL OR valid_to >= valid_from),
      CHECK (approved_by IS NULL OR approved_by <> created_by)
    )`);
    await db.query(`CREATE TABLE price_list_lines (
      price_list_id uuid NOT NULL REFERENCES price_lists(id),
      sku text NOT NULL,
      list_price_fen bigint NOT NULL CHECK (list_price_fen >= 0),
      floor_price_fen bigint NOT NULL CHECK (floor_price_fen >= 0 AND floor_price_fen <= list_price_fen),
      PRIMARY KEY (price_list_id, sku)
    )`);
    await db.query(`CREATE INDEX price_list_lines_sku ON price_list_lines (sku)`);
    await db.query(`ALTER TABLE order_lines
      ADD COLUMN list_price_fen bigint,
      ADD COLUMN floor_price_fen bigint,
      ADD COLUMN price_list_number text`);
    await db.query(`ALTER TABLE orders ADD COLUMN approval_reasons jsonb NOT NULL DEFAULT '[]', ADD COLUMN credit_terms_days integer`);
    await db.query(`ALTER TABLE shortages ADD COLUMN model text, ADD COLUMN version text, ADD COLUMN filled_at timestamptz`);
    await db.query(`CREATE INDEX shortages_open ON shortages (registered_at) WHERE filled_at IS NULL`);
    await db.query(`ALTER TABLE shipping_notices
      ADD COLUMN told_at timestamptz,
      ADD COLUMN told_by text,
      ADD COLUMN told_via text,
      ADD COLUMN note text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipping_notices DROP COLUMN told_at, DROP COLUMN told_by, DROP COLUMN told_via, DROP COLUMN note`);
    await db.query(`DROP INDEX shortages_open`);
    await db.query(`ALTER TABLE shortages DROP COLUMN model, DROP COLUMN version, DROP COLUMN filled_at`);
    await db.query(`ALTER TABLE orders DROP COLUMN approval_reasons, DROP COLUMN credit_terms_days`);
    await db.query(`ALTER TABLE order_lines DROP COLUMN list_price_fen, DROP COLUMN floor_price_fen, DROP COLUMN price_list_number`);
    await db.query(`DROP TABLE price_list_lines`);
    await db.query(`DROP TABLE price_lists`);
    await db.query(`DROP TABLE credit_changes`);
    await db.query(`ALTER TABLE customers DROP COLUMN contact_name, DROP COLUMN assigned_rep, DROP COLUMN credit_grade, DROP COLUMN credit_limit_fen,
      DROP COLUMN payment_terms_days, DROP COLUMN open_receivable_fen, DROP COLUMN overdue_fen, DROP COLUMN receivable_revision, DROP COLUMN on_hold, DROP COLUMN hold_reason, DROP COLUMN hold_changed_at`);
  }
}

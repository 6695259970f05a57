import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Receivables with due dates, invoices per shipment and series with voiding, customer prepayment
 * balances, credit holds, and deposits waiting for a sales manager (domain.md §4.10, §5).
 */
export class Receivables1764300000000 implements MigrationInterface {
  name = 'Receivables1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_accounts
      ADD COLUMN covered_fen bigint NOT NULL DEFAULT 0 CHECK (covered_fen >= 0),
      ADD COLUMN invoiced_fen bigint NOT NULL DEFAULT 0 CHECK (invoiced_fen >= 0),
      ADD COLUMN credit_terms_days integer,
      ADD COLUMN lines jsonb NOT NULL DEFAULT '[]'`);
    // Existing accounts: money beyond the total was the customer's prepayment already; a shipped order was invoiced in full.
    await db.query(`UPDATE order_accounts SET paid_fen = LEAST(paid_fen, total_fen)`);
    await db.query(`UPDATE order_accounts a SET invoiced_fen = a.total_fen, covered_fen = a.paid_fen FROM invoices i WHERE i.order_id = a.order_id`);
    await db.query(`ALTER TABLE order_accounts ADD CONSTRAINT money_fits CHECK (paid_fen <= total_fen AND covered_fen <= paid_fen AND covered_fen <= invoiced_fen AND invoiced_fen <= total_fen)`);

    await db.query(`ALTER TABLE invoices DROP CONSTRAINT invoices_order_id_key`);
    await db.query(`ALTER TABLE invoices
      ALTER COLUMN shipment_id DROP NOT NULL,
      ADD COLUMN series text NOT NULL DEFAULT 'INV',
      ADD COLUMN status text NOT NULL DEFAULT 'issued' CHECK (status IN ('issued', 'voided')),
      ADD COLUMN issued_by text,
      ADD COLUMN void_reason text,
      ADD COLUMN voided_by text,
      ADD COLUMN voided_at timestamptz,
      ADD CONSTRAINT void_has_reason CHECK (status = 'issued' OR (void_reason IS NOT NULL AND voided_by IS NOT NULL))`);
    // A shipment is invoiced once while its invoice stands.
    await db.query(`CREATE UNIQUE INDEX invoices_live_shipment ON invoices (shipment_id) WHERE status = 'issued' AND shipment_id IS NOT NULL`);
    await db.query(`CREATE INDEX invoices_order ON invoices (order_id)`);

    await db.query(`CREATE TABLE receivables (
      id uuid PRIMARY KEY,
      invoice_id uuid NOT NULL UNIQUE REFERENCES invoices(id),
      order_id uuid NOT NULL REFERENCES order_accounts(order_id),
      customer_id uuid NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      settled_fen bigint NOT NULL DEFAULT 0,
      due_date date NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'settled', 'voided')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK (settled_fen BETWEEN 0 AND amount_fen)
    )`);
    await db.query(`CREATE INDEX receivables_customer_open ON receivables (customer_id, due_date) WHERE status = 'open'`);
    await db.query(`CREATE INDEX receivables_order ON receivables (order_id)`);

    await db.query(`CREATE TABLE customer_balances (
      customer_id uuid PRIMARY KEY,
      prepayment_fen bigint NOT NULL DEFAULT 0 CHECK (prepayment_fen >= 0),
      receivable_revision integer NOT NULL DEFAULT 0,
      reported_open_fen bigint NOT NULL DEFAULT 0,
      reported_overdue_fen bigint NOT NULL DEFAULT 0,
      on_hold boolean NOT NULL DEFAULT false,
      hold_reason text,
      hold_changed_by text,
      hold_changed_at timestamptz
    )`);
    await db.query(`INSERT INTO customer_balances (customer_id, prepayment_fen)
      SELECT customer_id, SUM(prepayment_fen) FROM order_accounts GROUP BY customer_id`);
    await db.query(`CREATE TABLE prepayment_movements (
      id bigserial PRIMARY KEY,
      customer_id uuid NOT NULL,
      order_id uuid REFERENCES order_accounts(order_id),
      amount_fen bigint NOT NULL CHECK (amount_fen <> 0),
      kind text NOT NULL CHECK (kind IN ('overpayment', 'kept_from_cancellation', 'applied_to_order')),
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await db.query(`CREATE INDEX prepayment_movements_customer ON prepayment_movements (customer_id, id)`);

    await db.query(`ALTER TABLE receipts DROP CONSTRAINT receipts_status_check`);
    await db.query(`ALTER TABLE receipts
      ADD CONSTRAINT receipts_status_check CHECK (status IN ('counted', 'pending_verification', 'awaiting_deposit_approval')),
      ADD COLUMN deposit_approved_by text,
      ADD COLUMN deposit_approved_at timestamptz,
      ADD CONSTRAINT deposit_approver_is_not_recorder CHECK (deposit_approved_by IS NULL OR deposit_approved_by <> recorded_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE receipts DROP CONSTRAINT deposit_approver_is_not_recorder, DROP COLUMN deposit_approved_by, DROP COLUMN deposit_approved_at, DROP CONSTRAINT receipts_status_check`);
    await db.query(`ALTER TABLE receipts ADD CONSTRAINT receipts_status_check CHECK (status IN ('counted', 'pending_verification'))`);
    await db.query(`DROP TABLE prepayment_movements`);
    await db.query(`DROP TABLE customer_balances`);
    await db.query(`DROP TABLE receivables`);
    await db.query(`DROP INDEX invoices_live_shipment`);
    await db.query(`DROP INDEX invoices_order`);
    await db.query(`ALTER TABLE invoices DROP CONSTRAINT void_has_reason, DROP COLUMN series, DROP COLUMN status, DROP COLUMN issued_by, DROP COLUMN void_reason, DROP COLUMN voided_by, DROP COLUMN voided_at`);
    await db.query(`ALTER TABLE invoices ADD CONSTRAINT invoices_order_id_key UNIQUE (order_id)`);
    await db.query(`ALTER TABLE order_accounts DROP CONSTRAINT money_fits, DROP COLUMN covered_fen, DROP COLUMN invoiced_fen, DROP COLUMN credit_terms_days, DROP COLUMN lines`);
  }
}

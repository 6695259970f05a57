import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Credit notes for returned goods (domain/credit-note.ts): numbered `CN-<year>-<n>`, one per return, with their
 * VAT-split lines; the part of a credit owed back is a refund due that names the return.
 */
export class CreditNotes1765410000000 implements MigrationInterface {
  name = 'CreditNotes1765410000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE credit_notes (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('issued')),
      return_id uuid NOT NULL UNIQUE,
      return_number text NOT NULL,
      order_id uuid NOT NULL,
      order_number text NOT NULL,
      customer_id uuid NOT NULL,
      customer_name text NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      net_fen bigint NOT NULL,
      vat_fen bigint NOT NULL,
      to_receivable_fen bigint NOT NULL CHECK (to_receivable_fen >= 0),
      refund_fen bigint NOT NULL CHECK (refund_fen >= 0),
      refund_id uuid,
      lines jsonb NOT NULL,
      issued_by text NOT NULL,
      issued_at timestamptz NOT NULL DEFAULT now(),
      CHECK (to_receivable_fen + refund_fen = amount_fen AND net_fen + vat_fen = amount_fen)
    )`);
    await db.query(`CREATE INDEX credit_notes_order ON credit_notes (order_id)`);
    await db.query(`CREATE INDEX credit_notes_customer ON credit_notes (customer_id, issued_at DESC)`);
    await db.query(`ALTER TABLE refunds ADD COLUMN return_id uuid`);
    await db.query(`CREATE INDEX refunds_return ON refunds (return_id) WHERE return_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refunds DROP COLUMN return_id`);
    await db.query(`DROP TABLE credit_notes`);
  }
}

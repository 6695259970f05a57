import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supplier payables and payments (domain/payable.ts, domain/supplier-payment.ts): finance's copy of suppliers with
 * the prepayment held for each (1123), one payable per audited purchase receipt (2202), purchase returns booked,
 * purchase orders' required prepayments, payment requests (`SPR-<year>-<n>`) and supplier VAT invoices.
 */
export class Payables1765500000000 implements MigrationInterface {
  name = 'Payables1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE supplier_accounts (
      id uuid PRIMARY KEY,
      code text NOT NULL DEFAULT '',
      name text NOT NULL DEFAULT '',
      kind text,
      tax_id text,
      payment_terms_days int NOT NULL DEFAULT 0 CHECK (payment_terms_days >= 0),
      bank_account text,
      bank_name text,
      active boolean NOT NULL DEFAULT true,
      revision int NOT NULL DEFAULT 0 CHECK (revision >= 0),
      prepayment_fen bigint NOT NULL DEFAULT 0 CHECK (prepayment_fen >= 0)
    )`);
    await db.query(`CREATE TABLE payables (
      id uuid PRIMARY KEY,
      supplier_id uuid NOT NULL REFERENCES supplier_accounts (id),
      receipt_id uuid NOT NULL UNIQUE,
      receipt_number text NOT NULL,
      purchase_order_id uuid,
      purchase_order_number text,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      net_fen bigint NOT NULL,
      vat_fen bigint NOT NULL,
      settled_fen bigint NOT NULL DEFAULT 0,
      returned_fen bigint NOT NULL DEFAULT 0,
      status text NOT NULL CHECK (status IN ('open', 'settled')),
      audit_date date NOT NULL,
      payment_terms_days int NOT NULL,
      terms_provisional boolean NOT NULL,
      due_date date NOT NULL,
      supplier_invoice_id uuid,
      raised_at timestamptz NOT NULL DEFAULT now(),
      CHECK (net_fen + vat_fen = amount_fen),
      CHECK (settled_fen >= 0 AND settled_fen <= amount_fen AND returned_fen >= 0 AND returned_fen <= settled_fen),
      CHECK ((status = 'settled') = (settled_fen = amount_fen))
    )`);
    await db.query(`CREATE INDEX payables_supplier ON payables (supplier_id, status, due_date)`);
    await db.query(`CREATE INDEX payables_missing_invoice ON payables (supplier_id) WHERE supplier_invoice_id IS NULL`);
    await db.query(`CREATE TABLE purchase_returns_booked (
      purchase_return_id uuid PRIMARY KEY,
      number text NOT NULL,
      supplier_id uuid NOT NULL,
      receipt_id uuid,
      amount_fen bigint NOT NULL,
      to_payables_fen bigint NOT NULL,
      credit_fen bigint NOT NULL,
      booked_at timestamptz NOT NULL DEFAULT now(),
      CHECK (to_payables_fen + credit_fen = amount_fen)
    )`);
    await db.query(`CREATE TABLE po_prepayments (
      purchase_order_id uuid PRIMARY KEY,
      purchase_order_number text NOT NULL,
      supplier_id uuid NOT NULL,
      order_amount_fen bigint NOT NULL,
      required_fen bigint NOT NULL CHECK (required_fen > 0),
      paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
      status text NOT NULL CHECK (status IN ('awaiting', 'paid')),
      approved_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE TABLE payment_requests (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      supplier_id uuid NOT NULL REFERENCES supplier_accounts (id),
      kind text NOT NULL CHECK (kind IN ('payables', 'prepayment')),
      payable_ids uuid[] NOT NULL DEFAULT '{}',
      purchase_order_id uuid,
      purchase_order_number text,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      reason text NOT NULL,
      status text NOT NULL CHECK (status IN ('submitted', 'manager_approved', 'approved', 'paid', 'rejected')),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      manager_approved_by text,
      manager_approved_at timestamptz,
      approved_by text,
      approved_at timestamptz,
      rejected_by text,
      rejection_reason text,
      rejected_at timestamptz,
      method text CHECK (method IN ('transfer', 'cash')),
      bank_reference text,
      paid_by text,
      paid_at timestamptz,
      prepayment_used_fen bigint NOT NULL DEFAULT 0,
      to_payables_fen bigint NOT NULL DEFAULT 0,
      to_prepayment_fen bigint NOT NULL DEFAULT 0
    )`);
    await db.query(`CREATE INDEX payment_requests_status ON payment_requests (status, created_at DESC)`);
    await db.query(`CREATE INDEX payment_requests_paid ON payment_requests (paid_at) WHERE status = 'paid'`);
    await db.query(`CREATE TABLE supplier_invoices (
      id uuid PRIMARY KEY,
      supplier_id uuid NOT NULL,
      invoice_number text NOT NULL,
      invoice_date date NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      payable_ids uuid[] NOT NULL,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (supplier_id, invoice_number)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['supplier_invoices', 'payment_requests', 'po_prepayments', 'purchase_returns_booked', 'payables', 'supplier_accounts']) await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

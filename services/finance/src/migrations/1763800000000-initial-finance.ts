import { PLATFORM_TABLES, PLATFORM_TABLES_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialFinance1763800000000 implements MigrationInterface {
  name = 'InitialFinance1763800000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of PLATFORM_TABLES_DDL) await db.query(ddl);
    await db.query(`CREATE TABLE order_accounts (
      order_id uuid PRIMARY KEY,
      order_number text NOT NULL,
      customer_id uuid NOT NULL,
      customer_name text NOT NULL,
      payment_terms text NOT NULL,
      total_fen bigint NOT NULL CHECK (total_fen >= 0),
      paid_fen bigint NOT NULL DEFAULT 0 CHECK (paid_fen >= 0),
      prepayment_fen bigint NOT NULL DEFAULT 0 CHECK (prepayment_fen >= 0),
      confirmed_at timestamptz,
      opened_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE receipts (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL REFERENCES order_accounts(order_id),
      method text NOT NULL CHECK (method IN ('cash', 'pos', 'transfer')),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      payer_name text,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX receipts_order ON receipts (order_id)`);
    await db.query(`CREATE TABLE invoices (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL UNIQUE REFERENCES order_accounts(order_id),
      shipment_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      customer_name text NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      issued_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['invoices', 'receipts', 'order_accounts', ...PLATFORM_TABLES]) await db.query(`DROP TABLE IF EXISTS ${table}`);
  }
}

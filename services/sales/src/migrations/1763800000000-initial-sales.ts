import { PLATFORM_TABLES, PLATFORM_TABLES_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialSales1763800000000 implements MigrationInterface {
  name = 'InitialSales1763800000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of PLATFORM_TABLES_DDL) await db.query(ddl);
    await db.query(`CREATE TABLE customers (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      region text,
      phone text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE orders (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      customer_id uuid NOT NULL REFERENCES customers(id),
      customer_name text NOT NULL,
      status text NOT NULL,
      payment_terms text NOT NULL CHECK (payment_terms IN ('prepaid', 'credit')),
      approval_level text NOT NULL,
      total_fen bigint NOT NULL CHECK (total_fen >= 0),
      ship_to jsonb NOT NULL,
      shipping_method text NOT NULL,
      requested_date date NOT NULL,
      stock_reserved boolean NOT NULL DEFAULT false,
      paid boolean NOT NULL DEFAULT false,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      version integer NOT NULL DEFAULT 1
    )`);
    await db.query(`CREATE INDEX orders_status ON orders (status, created_at)`);
    await db.query(`CREATE INDEX orders_customer ON orders (customer_id, created_at)`);
    await db.query(`CREATE TABLE order_lines (
      order_id uuid NOT NULL REFERENCES orders(id),
      line_no integer NOT NULL,
      sku text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      unit_price_fen bigint NOT NULL CHECK (unit_price_fen >= 0),
      line_total_fen bigint NOT NULL CHECK (line_total_fen >= 0),
      PRIMARY KEY (order_id, line_no)
    )`);
    await db.query(`CREATE TABLE order_history (
      id bigserial PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders(id),
      from_status text NOT NULL,
      to_status text NOT NULL,
      reason text NOT NULL,
      actor_id text NOT NULL,
      event_id uuid,
      at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await db.query(`CREATE INDEX order_history_order ON order_history (order_id, id)`);
    await db.query(`CREATE TABLE shortages (
      id bigserial PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders(id),
      sku text NOT NULL,
      requested integer NOT NULL,
      available integer NOT NULL,
      requested_date date NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await db.query(`CREATE TABLE shipping_notices (
      shipment_id uuid PRIMARY KEY,
      order_id uuid NOT NULL REFERENCES orders(id),
      shipping_method text NOT NULL,
      carrier text NOT NULL,
      tracking_number text NOT NULL,
      pieces integer NOT NULL,
      notify_on date NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['shipping_notices', 'shortages', 'order_history', 'order_lines', 'orders', 'customers', ...PLATFORM_TABLES]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}

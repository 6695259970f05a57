import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Made-to-order production (domain/production-order.ts): how each SKU is supplied (stocked, or made to order with its
 * lead days, process steps and materials), the placed orders with made-to-order lines and the deposits finance
 * confirmed for them (production orders are issued when both are known, whichever arrives first), the production
 * orders with their steps, sample checks and decisions (jsonb: they change only with their order, under its lock), and
 * the reference samples of customers' designs (one per customer and SKU).
 */
export class Production1765760000000 implements MigrationInterface {
  name = 'Production1765760000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE sku_supply (
      sku text PRIMARY KEY REFERENCES skus (code),
      made_to_order boolean NOT NULL,
      lead_days integer NOT NULL CHECK (lead_days >= 0),
      steps jsonb NOT NULL,
      materials jsonb NOT NULL,
      revision integer NOT NULL,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE made_to_order_orders (
      order_id uuid PRIMARY KEY,
      order_number text NOT NULL,
      customer_id uuid NOT NULL,
      customer_name text NOT NULL,
      kind text NOT NULL,
      requested_date date NOT NULL,
      service_ticket_number text,
      lines jsonb NOT NULL,
      placed_at timestamptz NOT NULL,
      cancelled_at timestamptz,
      completed_at timestamptz
    )`);
    await db.query(`CREATE TABLE production_deposits (
      order_id uuid PRIMARY KEY,
      customer_id uuid NOT NULL,
      required_deposit_fen bigint NOT NULL,
      paid_fen bigint NOT NULL,
      confirmed_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE TABLE production_orders (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      status text NOT NULL,
      order_id uuid NOT NULL,
      order_number text NOT NULL,
      order_kind text NOT NULL,
      service_ticket_number text,
      customer_id uuid NOT NULL,
      customer_name text NOT NULL,
      line_no integer NOT NULL,
      sku text NOT NULL,
      quantity integer NOT NULL CHECK (quantity > 0),
      requested_date date NOT NULL,
      planned_start date NOT NULL,
      planned_finish date NOT NULL,
      behind_requested_date boolean NOT NULL,
      first_run boolean NOT NULL,
      route text,
      factory_supplier_id uuid,
      agreed_unit_price_fen bigint,
      warehouse_code text,
      materials jsonb NOT NULL,
      materials_issued boolean NOT NULL,
      steps jsonb NOT NULL,
      receipt_id uuid,
      released_by text,
      released_at timestamptz,
      done_at timestamptz,
      received_by text,
      received_at timestamptz,
      cancel_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (order_id, line_no)
    )`);
    await db.query(`CREATE INDEX production_orders_status ON production_orders (status, created_at)`);
    await db.query(`CREATE INDEX production_orders_design ON production_orders (customer_id, sku)`);
    await db.query(`CREATE TABLE reference_samples (
      id uuid PRIMARY KEY,
      customer_id uuid NOT NULL,
      sku text NOT NULL,
      sample_code text NOT NULL,
      location text NOT NULL,
      note text,
      production_order_id uuid NOT NULL REFERENCES production_orders (id),
      production_order_number text NOT NULL,
      registered_by text NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (customer_id, sku)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reference_samples`);
    await db.query(`DROP TABLE production_orders`);
    await db.query(`DROP TABLE production_deposits`);
    await db.query(`DROP TABLE made_to_order_orders`);
    await db.query(`DROP TABLE sku_supply`);
  }
}

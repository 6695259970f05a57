import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchasing: suppliers, purchase orders with their lines, and goods receipts that name the supplier and
 * order they deliver (with when the goods arrived; the lines' purchase fields live in their jsonb). The
 * stock movement kinds gain `purchase_return` (goods sent back to a supplier).
 */
export class Purchasing1765500000000 implements MigrationInterface {
  name = 'Purchasing1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE suppliers (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('goods', 'factory', 'service')),
      tax_id text,
      payment_terms_days int NOT NULL CHECK (payment_terms_days >= 0),
      bank_name text,
      bank_account text,
      contacts jsonb NOT NULL DEFAULT '[]',
      active boolean NOT NULL DEFAULT true,
      revision int NOT NULL DEFAULT 1,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE purchase_orders (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      supplier_id uuid NOT NULL REFERENCES suppliers (id),
      status text NOT NULL CHECK (status IN ('draft', 'approved', 'partly_received', 'received', 'closed', 'cancelled')),
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      prepayment_fen bigint NOT NULL DEFAULT 0 CHECK (prepayment_fen >= 0 AND prepayment_fen <= amount_fen),
      reason text,
      created_by uuid NOT NULL,
      approved_by uuid,
      approved_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX purchase_orders_supplier ON purchase_orders (supplier_id, created_at)`);
    await db.query(`CREATE INDEX purchase_orders_status ON purchase_orders (status, created_at)`);
    await db.query(`CREATE TABLE purchase_order_lines (
      purchase_order_id uuid NOT NULL REFERENCES purchase_orders (id),
      line_no int NOT NULL CHECK (line_no >= 1),
      sku_code text NOT NULL,
      warehouse_code text NOT NULL,
      quantity int NOT NULL CHECK (quantity >= 1),
      received_quantity int NOT NULL DEFAULT 0 CHECK (received_quantity >= 0),
      unit_price_fen bigint NOT NULL CHECK (unit_price_fen >= 0),
      promised_date date NOT NULL,
      PRIMARY KEY (purchase_order_id, line_no)
    )`);
    await db.query(`CREATE INDEX purchase_order_lines_sku ON purchase_order_lines (sku_code)`);
    await db.query(`ALTER TABLE stock_receipts ADD COLUMN supplier_id uuid REFERENCES suppliers (id), ADD COLUMN purchase_order_id uuid REFERENCES purchase_orders (id), ADD COLUMN arrived_at timestamptz`);
    await db.query(`CREATE INDEX stock_receipts_purchase_order ON stock_receipts (purchase_order_id) WHERE purchase_order_id IS NOT NULL`);
    await db.query(`CREATE INDEX stock_receipts_supplier ON stock_receipts (supplier_id) WHERE supplier_id IS NOT NULL`);
    await db.query('ALTER TABLE stock_movements DROP CONSTRAINT stock_movement_kind');
    // Frozen list: a new kind is a new migration.
    await db.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('receipt', 'shipment', 'issue', 'adjustment', 'transfer', 'return_in', 'return_quarantine', 'purchase_return'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE stock_movements DROP CONSTRAINT stock_movement_kind');
    await db.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('receipt', 'shipment', 'issue', 'adjustment', 'transfer', 'return_in', 'return_quarantine'))`);
    await db.query(`ALTER TABLE stock_receipts DROP COLUMN arrived_at, DROP COLUMN purchase_order_id, DROP COLUMN supplier_id`);
    await db.query(`DROP TABLE purchase_order_lines`);
    await db.query(`DROP TABLE purchase_orders`);
    await db.query(`DROP TABLE suppliers`);
  }
}

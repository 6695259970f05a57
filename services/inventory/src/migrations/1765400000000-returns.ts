import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Returned goods: the returns the warehouse expects, two movement kinds for what comes back (accepted to
 * sellable stock, rejected to quarantine), and the quarantine warehouse — not sellable, so never reserved or
 * picked, and not counted as available.
 */
export class ReturnsInventory1765400000000 implements MigrationInterface {
  name = 'ReturnsInventory1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE expected_returns (
      return_id uuid PRIMARY KEY,
      return_number text NOT NULL,
      order_id uuid NOT NULL,
      customer_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('expected', 'received')),
      lines jsonb NOT NULL,
      warehouse_code text,
      received_by text,
      received_at timestamptz,
      expected_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX expected_returns_status ON expected_returns (status, expected_at)`);
    await db.query(`CREATE INDEX expected_returns_order ON expected_returns (order_id)`);
    await db.query('ALTER TABLE stock_movements DROP CONSTRAINT stock_movement_kind');
    // Frozen list: a new kind is a new migration.
    await db.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('receipt', 'shipment', 'issue', 'adjustment', 'transfer', 'return_in', 'return_quarantine'))`);
    await db.query(`ALTER TABLE warehouses ADD COLUMN sellable boolean NOT NULL DEFAULT true`);
    await db.query(`INSERT INTO warehouses (code, name, sellable) VALUES ('QUARANTINE', 'Quarantine (returned goods that failed inspection)', false) ON CONFLICT (code) DO UPDATE SET sellable = false`);
    await db.query(`INSERT INTO locations (warehouse_code, code, name) VALUES ('QUARANTINE', 'QUARANTINE', 'Quarantine area') ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM locations WHERE warehouse_code = 'QUARANTINE' AND NOT EXISTS (SELECT 1 FROM stock_lots WHERE warehouse_code = 'QUARANTINE')`);
    await db.query(`DELETE FROM warehouses WHERE code = 'QUARANTINE' AND NOT EXISTS (SELECT 1 FROM locations WHERE warehouse_code = 'QUARANTINE')`);
    await db.query(`ALTER TABLE warehouses DROP COLUMN sellable`);
    await db.query('ALTER TABLE stock_movements DROP CONSTRAINT stock_movement_kind');
    await db.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('receipt', 'shipment', 'issue', 'adjustment', 'transfer'))`);
    await db.query(`DROP TABLE expected_returns`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stock per location and batch, goods receipts that change nothing until audited, and partial
 * shipments (domain.md §6).
 * Existing stock moves to the default location `STOCK` without a batch.
 */
export class LotsAndReceipts1764300000000 implements MigrationInterface {
  name = 'LotsAndReceipts1764300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE locations (
      warehouse_code text NOT NULL REFERENCES warehouses(code),
      code text NOT NULL,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (warehouse_code, code)
    )`);
    await db.query(`INSERT INTO locations (warehouse_code, code, name) SELECT code, 'STOCK', 'Main stock area' FROM warehouses`);
    await db.query(`CREATE TABLE stock_lots (
      sku_code text NOT NULL REFERENCES skus(code),
      warehouse_code text NOT NULL,
      location text NOT NULL,
      batch text NOT NULL DEFAULT '',
      on_hand integer NOT NULL CONSTRAINT lot_never_negative CHECK (on_hand >= 0),
      since timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (sku_code, warehouse_code, location, batch),
      FOREIGN KEY (warehouse_code, location) REFERENCES locations (warehouse_code, code)
    )`);
    await db.query(`INSERT INTO stock_lots (sku_code, warehouse_code, location, batch, on_hand) SELECT sku_code, warehouse_code, 'STOCK', '', on_hand FROM stock_levels WHERE on_hand > 0`);
    // The ledger is append-only (no UPDATE); a column default fills existing rows without touching them.
    await db.query(`ALTER TABLE stock_movements ADD COLUMN location text NOT NULL DEFAULT 'STOCK', ADD COLUMN batch text NOT NULL DEFAULT ''`);
    await db.query(`CREATE TABLE stock_receipts (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      warehouse_code text NOT NULL REFERENCES warehouses(code),
      reference text NOT NULL,
      status text NOT NULL CHECK (status IN ('saved', 'audited')),
      lines jsonb NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      audited_by text,
      audited_at timestamptz,
      CHECK (audited_by IS NULL OR audited_by <> created_by)
    )`);
    await db.query(`CREATE INDEX stock_receipts_status ON stock_receipts (status, created_at)`);
    await db.query(`ALTER TABLE pick_lists ADD COLUMN picks jsonb NOT NULL DEFAULT '[]'`);
    // Partial shipments: what of each reservation has left already.
    await db.query(`ALTER TABLE reservations ADD COLUMN shipped_quantity integer NOT NULL DEFAULT 0 CHECK (shipped_quantity BETWEEN 0 AND quantity)`);
    await db.query(`UPDATE reservations SET shipped_quantity = quantity WHERE status = 'shipped'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE reservations DROP COLUMN shipped_quantity`);
    await db.query(`ALTER TABLE pick_lists DROP COLUMN picks`);
    await db.query(`DROP TABLE stock_receipts`);
    await db.query(`ALTER TABLE stock_movements DROP COLUMN location, DROP COLUMN batch`);
    await db.query(`DROP TABLE stock_lots`);
    await db.query(`DROP TABLE locations`);
  }
}

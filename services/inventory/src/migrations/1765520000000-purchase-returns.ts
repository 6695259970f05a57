import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Purchase returns (goods back to suppliers; their stock leaves as `purchase_return` movements, a kind the
 * purchasing migration added) and low-stock thresholds per SKU and warehouse, each with whether the alert of
 * its current crossing has gone out.
 */
export class PurchaseReturns1765520000000 implements MigrationInterface {
  name = 'PurchaseReturns1765520000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE purchase_returns (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      supplier_id uuid NOT NULL,
      receipt_id uuid,
      receipt_number text,
      status text NOT NULL CHECK (status IN ('draft', 'approved', 'shipped', 'cancelled')),
      reason text NOT NULL,
      lines jsonb NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      approved_by text,
      approved_at timestamptz,
      shipped_by text,
      shipped_at timestamptz,
      cancelled_by text,
      cancel_reason text,
      CHECK (receipt_id IS NULL OR receipt_number IS NOT NULL)
    )`);
    // What a receipt still has to give back is read per receipt; the evaluation reads shipped returns per period.
    await db.query(`CREATE INDEX purchase_returns_receipt ON purchase_returns (receipt_id) WHERE receipt_id IS NOT NULL`);
    await db.query(`CREATE INDEX purchase_returns_status ON purchase_returns (status, created_at)`);
    await db.query(`CREATE INDEX purchase_returns_shipped ON purchase_returns (shipped_at) WHERE status = 'shipped'`);
    await db.query(`CREATE TABLE stock_thresholds (
      sku_code text NOT NULL REFERENCES skus (code),
      warehouse_code text NOT NULL REFERENCES warehouses (code),
      min_quantity int NOT NULL CHECK (min_quantity >= 0),
      reorder_quantity int NOT NULL CHECK (reorder_quantity >= min_quantity),
      alerted boolean NOT NULL DEFAULT false,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (sku_code, warehouse_code)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE stock_thresholds`);
    await db.query(`DROP TABLE purchase_returns`);
  }
}

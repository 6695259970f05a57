import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Partial shipments, tracked line by line, delivery receipts per shipment, and the VP's shipping exception. */
export class PartialShipments1764500000000 implements MigrationInterface {
  name = 'PartialShipments1764500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_lines ADD COLUMN shipped_quantity integer NOT NULL DEFAULT 0 CHECK (shipped_quantity BETWEEN 0 AND quantity)`);
    await db.query(`UPDATE order_lines l SET shipped_quantity = l.quantity FROM orders o WHERE o.id = l.order_id AND o.status IN ('shipped', 'delivered', 'closed')`);
    await db.query(`ALTER TABLE orders ADD COLUMN shipped_in_part boolean NOT NULL DEFAULT false`);
    await db.query(`UPDATE orders SET shipped_in_part = true WHERE status IN ('shipped', 'delivered', 'closed')`);
    await db.query(`ALTER TABLE shipping_notices ADD COLUMN delivered_at timestamptz, ADD COLUMN delivery_signed_by text`);
    await db.query(`ALTER TABLE orders ADD COLUMN shipping_exception text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipping_notices DROP COLUMN delivered_at, DROP COLUMN delivery_signed_by`);
    await db.query(`ALTER TABLE orders DROP COLUMN shipped_in_part, DROP COLUMN shipping_exception`);
    await db.query(`ALTER TABLE order_lines DROP COLUMN shipped_quantity`);
  }
}

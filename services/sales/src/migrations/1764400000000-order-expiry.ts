import type { MigrationInterface, QueryRunner } from 'typeorm';

/** When an order was placed (its payment clock starts), and the notices people get about their orders. */
export class OrderExpiry1764400000000 implements MigrationInterface {
  name = 'OrderExpiry1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN placed_at timestamptz`);
    await db.query(`UPDATE orders SET placed_at = created_at WHERE status NOT IN ('draft', 'pending_approval', 'rejected')`);
    await db.query(`CREATE INDEX orders_unpaid_prepaid ON orders (placed_at) WHERE payment_terms = 'prepaid' AND NOT paid`);
    await db.query(`CREATE TABLE notifications (
      id bigserial PRIMARY KEY,
      recipient text NOT NULL,
      kind text NOT NULL,
      order_id uuid REFERENCES orders(id),
      message text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz
    )`);
    await db.query(`CREATE INDEX notifications_recipient ON notifications (recipient, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE notifications`);
    await db.query(`DROP INDEX orders_unpaid_prepaid`);
    await db.query(`ALTER TABLE orders DROP COLUMN placed_at`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Cancellations1764100000000 implements MigrationInterface {
  name = 'Cancellations1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_accounts ADD COLUMN cancellation text CHECK (cancellation IN ('refunded', 'kept_as_prepayment', 'nothing_paid'))`);
    await db.query(`CREATE TABLE refunds (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL REFERENCES order_accounts(order_id),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      reason text NOT NULL,
      refunded_by text NOT NULL,
      refunded_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS refunds');
    await db.query('ALTER TABLE order_accounts DROP COLUMN cancellation');
  }
}

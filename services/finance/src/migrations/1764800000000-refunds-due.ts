import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Refunds become documents with a life (domain/refund.ts): a cancellation makes them due, one per way the
 * money came in, and a cashier pays each from the money account it came in through.
 */
export class RefundsDue1764800000000 implements MigrationInterface {
  name = 'RefundsDue1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE refunds
      ADD COLUMN customer_id uuid,
      ADD COLUMN status text NOT NULL DEFAULT 'paid' CHECK (status IN ('due', 'paid')),
      ADD COLUMN method text CHECK (method IN ('cash', 'pos', 'transfer')),
      ADD COLUMN sources jsonb NOT NULL DEFAULT '[]'::jsonb,
      ADD COLUMN created_by text,
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN paid_method text CHECK (paid_method IN ('cash', 'pos', 'transfer')),
      ADD COLUMN payee jsonb`);
    // Refunds so far were paid at once, from the cash drawer, when the order was cancelled.
    await db.query(`UPDATE refunds f SET customer_id = a.customer_id, created_by = f.refunded_by, created_at = f.refunded_at, paid_method = 'cash'
                      FROM order_accounts a WHERE a.order_id = f.order_id`);
    await db.query(`ALTER TABLE refunds RENAME COLUMN refunded_by TO paid_by`);
    await db.query(`ALTER TABLE refunds RENAME COLUMN refunded_at TO paid_at`);
    await db.query(`ALTER TABLE refunds
      ALTER COLUMN customer_id SET NOT NULL,
      ALTER COLUMN created_by SET NOT NULL,
      ALTER COLUMN status DROP DEFAULT,
      ALTER COLUMN paid_by DROP NOT NULL,
      ALTER COLUMN paid_at DROP NOT NULL,
      ALTER COLUMN paid_at DROP DEFAULT,
      ADD CONSTRAINT refund_paid_is_recorded CHECK (status = 'due' OR (paid_by IS NOT NULL AND paid_at IS NOT NULL AND paid_method IS NOT NULL)),
      ADD CONSTRAINT refund_paid_back_as_it_came CHECK (method IS NULL OR paid_method IS NULL OR paid_method = method)`);
    await db.query(`CREATE INDEX refunds_order ON refunds (order_id)`);
    await db.query(`CREATE INDEX refunds_customer ON refunds (customer_id, created_at)`);
    await db.query(`CREATE INDEX refunds_due ON refunds (created_at) WHERE status = 'due'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX refunds_due`);
    await db.query(`DROP INDEX refunds_customer`);
    await db.query(`DROP INDEX refunds_order`);
    await db.query(`DELETE FROM refunds WHERE status = 'due'`);
    await db.query(`ALTER TABLE refunds DROP CONSTRAINT refund_paid_back_as_it_came, DROP CONSTRAINT refund_paid_is_recorded,
      ALTER COLUMN paid_at SET DEFAULT now(), ALTER COLUMN paid_at SET NOT NULL, ALTER COLUMN paid_by SET NOT NULL`);
    await db.query(`ALTER TABLE refunds RENAME COLUMN paid_at TO refunded_at`);
    await db.query(`ALTER TABLE refunds RENAME COLUMN paid_by TO refunded_by`);
    await db.query(`ALTER TABLE refunds DROP COLUMN customer_id, DROP COLUMN status, DROP COLUMN method, DROP COLUMN sources, DROP COLUMN created_by,
      DROP COLUMN created_at, DROP COLUMN paid_method, DROP COLUMN payee`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The cashier's day: each receipt and each refund paid belongs to one business day of its cashier (the day
 * it happened, Asia/Shanghai, for those already recorded), and each cashier's day is counted and closed once.
 */
export class CashierDays1765300000000 implements MigrationInterface {
  name = 'CashierDays1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE receipts ADD COLUMN cashier_date date`);
    await db.query(`UPDATE receipts SET cashier_date = (recorded_at AT TIME ZONE 'Asia/Shanghai')::date`);
    await db.query(`ALTER TABLE receipts ALTER COLUMN cashier_date SET NOT NULL`);
    await db.query(`CREATE INDEX receipts_cashier_day ON receipts (recorded_by, cashier_date)`);
    await db.query(`ALTER TABLE refunds ADD COLUMN paid_on date`);
    await db.query(`UPDATE refunds SET paid_on = (paid_at AT TIME ZONE 'Asia/Shanghai')::date WHERE paid_at IS NOT NULL`);
    await db.query(`CREATE INDEX refunds_cashier_day ON refunds (paid_by, paid_on) WHERE paid_on IS NOT NULL`);
    await db.query(`
      CREATE TABLE cashier_days (
        id uuid PRIMARY KEY,
        cashier_id text NOT NULL,
        business_date date NOT NULL,
        status text NOT NULL CHECK (status IN ('counted', 'closed')),
        lines jsonb NOT NULL,
        receipt_count int NOT NULL,
        counted_at timestamptz NOT NULL,
        confirmed_by text,
        confirmed_at timestamptz,
        UNIQUE (cashier_id, business_date)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE cashier_days`);
    await db.query(`DROP INDEX refunds_cashier_day`);
    await db.query(`ALTER TABLE refunds DROP COLUMN paid_on`);
    await db.query(`DROP INDEX receipts_cashier_day`);
    await db.query(`ALTER TABLE receipts DROP COLUMN cashier_date`);
  }
}

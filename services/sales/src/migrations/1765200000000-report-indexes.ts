import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The sales dashboard's daily report reads orders by when they were placed and cancellations by when they happened. */
export class SalesReportIndexes1765200000000 implements MigrationInterface {
  name = 'SalesReportIndexes1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX orders_placed_at ON orders (placed_at) WHERE placed_at IS NOT NULL`);
    await db.query(`CREATE INDEX state_history_order_cancelled ON state_history (at) WHERE aggregate = 'order' AND to_state = 'cancelled'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX state_history_order_cancelled`);
    await db.query(`DROP INDEX orders_placed_at`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Why each order was released, whose it is, and each customer's overdue standing as finance reports it. */
export class ReleaseBasis1764400000000 implements MigrationInterface {
  name = 'ReleaseBasis1764400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_releases
      ADD COLUMN basis text NOT NULL DEFAULT 'payment' CHECK (basis IN ('payment', 'credit_terms', 'exception')),
      ADD COLUMN customer_id uuid,
      ADD COLUMN exception_reason text`);
    await db.query(`CREATE TABLE customer_standing (
      customer_id uuid PRIMARY KEY,
      overdue_fen bigint NOT NULL DEFAULT 0,
      revision integer NOT NULL DEFAULT 0
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE customer_standing`);
    await db.query(`ALTER TABLE order_releases DROP COLUMN basis, DROP COLUMN customer_id, DROP COLUMN exception_reason`);
  }
}

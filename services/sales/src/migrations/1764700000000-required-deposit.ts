import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Each order carries the deposit its agreement requires: the whole total of a prepaid order unless a lower one was agreed. */
export class RequiredDeposit1764700000000 implements MigrationInterface {
  name = 'RequiredDeposit1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN required_deposit_fen bigint`);
    await db.query(`UPDATE orders SET required_deposit_fen = CASE WHEN payment_terms = 'prepaid' THEN total_fen ELSE 0 END`);
    await db.query(`ALTER TABLE orders ALTER COLUMN required_deposit_fen SET NOT NULL,
      ADD CONSTRAINT orders_required_deposit CHECK (required_deposit_fen BETWEEN 0 AND total_fen)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP COLUMN required_deposit_fen`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** A SKU's reorder point: below it (available over all warehouses) the SKU is listed as low on stock. 0, every SKU's so far, never alerts. */
export class ReorderPoints1765200000000 implements MigrationInterface {
  name = 'ReorderPoints1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE skus ADD COLUMN reorder_point integer NOT NULL DEFAULT 0, ADD CONSTRAINT skus_reorder_point CHECK (reorder_point >= 0)`);
    await db.query(`CREATE INDEX skus_reorder_point ON skus (code) WHERE reorder_point > 0`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX skus_reorder_point`);
    await db.query(`ALTER TABLE skus DROP CONSTRAINT skus_reorder_point, DROP COLUMN reorder_point`);
  }
}

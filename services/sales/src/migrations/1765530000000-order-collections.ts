import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The money finance counted for each order (from `finance.receipt.counted`), one row per receipt: what the
 * sales reports set against what was sold. Keyed by the receipt, so an event delivered twice adds nothing.
 */
export class OrderCollections1765530000000 implements MigrationInterface {
  name = 'OrderCollections1765530000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE order_collections (
        receipt_id uuid PRIMARY KEY,
        receipt_number text NOT NULL,
        order_id uuid NOT NULL,
        amount_fen bigint NOT NULL CHECK (amount_fen > 0),
        received_on date NOT NULL
      )`);
    await db.query(`CREATE INDEX order_collections_received_on ON order_collections (received_on)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE order_collections`);
  }
}

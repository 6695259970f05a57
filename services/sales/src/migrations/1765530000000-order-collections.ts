import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The money finance counted for each order, and paid back: one row per receipt (from `finance.receipt.counted`)
 * and per refund paid (from `finance.refund.issued`, negative). What the sales reports set against what was
 * sold. Keyed by the receipt or the refund, so an event delivered twice adds nothing.
 */
export class OrderCollections1765530000000 implements MigrationInterface {
  name = 'OrderCollections1765530000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE order_collections (
        money_id uuid PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('receipt', 'refund')),
        receipt_number text,
        order_id uuid NOT NULL,
        amount_fen bigint NOT NULL,
        received_on date NOT NULL,
        CONSTRAINT order_collections_sign CHECK ((kind = 'receipt' AND amount_fen > 0) OR (kind = 'refund' AND amount_fen < 0))
      )`);
    await db.query(`CREATE INDEX order_collections_received_on ON order_collections (received_on)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE order_collections`);
  }
}

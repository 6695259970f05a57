import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An invoice becomes a document one can print: its lines with their VAT, the buyer's taxpayer id and the
 * seller as they were at issue. Invoices issued before keep no lines (their amount and journal entry stand).
 */
export class InvoiceDocuments1765100000000 implements MigrationInterface {
  name = 'InvoiceDocuments1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_accounts ADD COLUMN customer_tax_id text`);
    await db.query(`ALTER TABLE invoices ADD COLUMN lines jsonb NOT NULL DEFAULT '[]', ADD COLUMN buyer_tax_id text, ADD COLUMN seller jsonb NOT NULL DEFAULT '{}'`);
    await db.query(`ALTER TABLE invoices ALTER COLUMN lines DROP DEFAULT, ALTER COLUMN seller DROP DEFAULT`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE invoices DROP COLUMN seller, DROP COLUMN buyer_tax_id, DROP COLUMN lines`);
    await db.query(`ALTER TABLE order_accounts DROP COLUMN customer_tax_id`);
  }
}

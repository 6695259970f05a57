import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The buyer's taxpayer id: kept on the customer, copied onto each order (like its name) for the invoices finance prints. */
export class TaxIds1765100000000 implements MigrationInterface {
  name = 'TaxIds1765100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE customers ADD COLUMN tax_id text`);
    await db.query(`ALTER TABLE orders ADD COLUMN customer_tax_id text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP COLUMN customer_tax_id`);
    await db.query(`ALTER TABLE customers DROP COLUMN tax_id`);
  }
}

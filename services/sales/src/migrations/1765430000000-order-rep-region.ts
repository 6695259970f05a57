import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Each order keeps the rep the sale counts for and the customer's region as they were when it was written,
 * and tells finance with the placement (aging by rep and region, commission on collected money). Orders
 * written before take the customer's rep and region of today, else who wrote them.
 */
export class OrderRepRegion1765430000000 implements MigrationInterface {
  name = 'OrderRepRegion1765430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders ADD COLUMN sales_rep text, ADD COLUMN region text`);
    await db.query(`UPDATE orders o SET sales_rep = c.assigned_rep, region = c.region FROM customers c WHERE c.id = o.customer_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP COLUMN sales_rep, DROP COLUMN region`);
  }
}

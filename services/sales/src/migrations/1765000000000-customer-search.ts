import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Customer search by any part of the code or name stays indexed at a hundred thousand customers: trigram
 * indexes serve `ILIKE '%…%'`. pg_trgm ships with Postgres; creating it needs a role that may create
 * extensions (or an administrator who has created it in the database beforehand).
 */
export class CustomerSearch1765000000000 implements MigrationInterface {
  name = 'CustomerSearch1765000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await db.query(`CREATE INDEX customers_code_trgm ON customers USING gin (code public.gin_trgm_ops)`);
    await db.query(`CREATE INDEX customers_name_trgm ON customers USING gin (name public.gin_trgm_ops)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX customers_name_trgm`);
    await db.query(`DROP INDEX customers_code_trgm`);
  }
}

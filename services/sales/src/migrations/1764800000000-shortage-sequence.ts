import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The shortage register keeps each backorder's place in line as inventory gave it (domain.md §4.5), and
 * is listed in that order: the order stock is reserved in. Shortages registered before have none.
 */
export class ShortageSequence1764800000000 implements MigrationInterface {
  name = 'ShortageSequence1764800000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shortages ADD COLUMN sequence bigint`);
    await db.query(`CREATE INDEX shortages_in_line ON shortages (sequence NULLS FIRST, registered_at, id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX shortages_in_line`);
    await db.query(`ALTER TABLE shortages DROP COLUMN sequence`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The incident summary reads incidents by when they occurred. */
export class IncidentOccurredIndex1765200000000 implements MigrationInterface {
  name = 'IncidentOccurredIndex1765200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE INDEX incidents_occurred ON incidents (occurred_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX incidents_occurred`);
  }
}

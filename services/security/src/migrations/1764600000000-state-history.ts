import { STATE_HISTORY_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The history of incidents, expected exits and gate checks, which their stores write with every change. */
export class StateHistorySecurity1764600000000 implements MigrationInterface {
  name = 'StateHistorySecurity1764600000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of STATE_HISTORY_DDL) await db.query(ddl);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS state_history');
  }
}

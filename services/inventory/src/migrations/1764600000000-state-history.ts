import { STATE_HISTORY_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The history of inventory's aggregates (pick lists, receipts, reservations, backorders …), written by their stores. */
export class StateHistoryInventory1764600000000 implements MigrationInterface {
  name = 'StateHistoryInventory1764600000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of STATE_HISTORY_DDL) await db.query(ddl);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE state_history');
  }
}

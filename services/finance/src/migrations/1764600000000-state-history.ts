import { STATE_HISTORY_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The history of finance's aggregates (receipts, invoices, receivables, order accounts, customer
 * balances): one row per move with who and why, written by their stores.
 */
export class StateHistoryFinance1764600000000 implements MigrationInterface {
  name = 'StateHistoryFinance1764600000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of STATE_HISTORY_DDL) await db.query(ddl);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS state_history');
  }
}

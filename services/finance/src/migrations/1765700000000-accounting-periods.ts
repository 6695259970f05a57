import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The books by month: every journal entry carries the business date it belongs to (the Asia/Shanghai calendar,
 * taken from the business clock when it is posted), and a month once closed takes no more entries.
 */
export class AccountingPeriods1765700000000 implements MigrationInterface {
  name = 'AccountingPeriods1765700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE journal_entries ADD COLUMN entry_date date`);
    // The journal refuses updates; this one fills the new column of the entries already posted, once.
    await db.query(`ALTER TABLE journal_entries DISABLE TRIGGER journal_entries_append_only`);
    await db.query(`UPDATE journal_entries SET entry_date = (posted_at AT TIME ZONE 'Asia/Shanghai')::date`);
    await db.query(`ALTER TABLE journal_entries ENABLE TRIGGER journal_entries_append_only`);
    await db.query(`ALTER TABLE journal_entries ALTER COLUMN entry_date SET NOT NULL`);
    await db.query(`CREATE INDEX journal_entries_entry_date ON journal_entries (entry_date)`);
    await db.query(`CREATE TABLE accounting_periods (
      month char(7) PRIMARY KEY CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
      status text NOT NULL CHECK (status IN ('closed')),
      closed_by text NOT NULL,
      closed_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE accounting_periods`);
    await db.query(`DROP INDEX journal_entries_entry_date`);
    await db.query(`ALTER TABLE journal_entries DROP COLUMN entry_date`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Journal1764000000000 implements MigrationInterface {
  name = 'Journal1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE journal_entries (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      source_type text NOT NULL,
      source_id uuid NOT NULL,
      customer_id uuid,
      memo text NOT NULL,
      reversal_of uuid REFERENCES journal_entries(id),
      posted_by text NOT NULL,
      posted_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX journal_entries_source ON journal_entries (source_id)`);
    await db.query(`CREATE TABLE journal_lines (
      entry_id uuid NOT NULL REFERENCES journal_entries(id),
      line_no integer NOT NULL,
      account text NOT NULL,
      debit_fen bigint NOT NULL CHECK (debit_fen >= 0),
      credit_fen bigint NOT NULL CHECK (credit_fen >= 0),
      PRIMARY KEY (entry_id, line_no),
      CONSTRAINT one_side CHECK ((debit_fen > 0) <> (credit_fen > 0))
    )`);
    // The journal is append-only: corrections are reversing entries.
    await db.query(`CREATE FUNCTION refuse_journal_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'the journal is append-only; post a reversing entry'; END $$`);
    for (const table of ['journal_entries', 'journal_lines']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table} FOR EACH ROW EXECUTE FUNCTION refuse_journal_change()`);
    }
    // Every entry balances, checked by the database at commit as well as by the domain code.
    await db.query(`CREATE FUNCTION check_entry_balanced() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE diff bigint;
      BEGIN
        SELECT COALESCE(sum(debit_fen) - sum(credit_fen), 0) INTO diff FROM journal_lines WHERE entry_id = NEW.entry_id;
        IF diff <> 0 THEN RAISE EXCEPTION 'journal entry % does not balance (%)', NEW.entry_id, diff; END IF;
        RETURN NULL;
      END $$`);
    await db.query(`CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
      DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_entry_balanced()`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS journal_lines');
    await db.query('DROP TABLE IF EXISTS journal_entries');
    await db.query('DROP FUNCTION IF EXISTS refuse_journal_change()');
    await db.query('DROP FUNCTION IF EXISTS check_entry_balanced()');
  }
}

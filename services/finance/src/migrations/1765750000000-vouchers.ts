import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Vouchers (记账凭证: manual journal entries reviewed by a second accountant) and the month-end close: a closed
 * month takes no more entries, whichever path posts them. The guard is one trigger on journal_entries: the
 * entry's month looked up in accounting_periods (its primary key) inside the INSERT itself, raising SQLSTATE
 * `OPC01` that post() maps to 409 `period-closed`.
 */
export class Vouchers1765750000000 implements MigrationInterface {
  name = 'Vouchers1765750000000';

  async up(db: QueryRunner): Promise<void> {
    // The periods of the journal's own schema, whatever the inserting session's search_path.
    await db.query(`CREATE FUNCTION refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE closed boolean;
      BEGIN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.accounting_periods WHERE month = $1)', TG_TABLE_SCHEMA) INTO closed USING to_char(NEW.entry_date, 'YYYY-MM');
        IF closed THEN
          RAISE EXCEPTION 'the books of % are closed', to_char(NEW.entry_date, 'YYYY-MM') USING ERRCODE = 'OPC01';
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER journal_entries_open_period BEFORE INSERT ON journal_entries FOR EACH ROW EXECUTE FUNCTION refuse_closed_period()`);
    // What the close found: every check of the checklist as it stood when the month closed.
    await db.query(`ALTER TABLE accounting_periods ADD COLUMN checks jsonb NOT NULL DEFAULT '[]'::jsonb`);
    await db.query(`ALTER TABLE accounting_periods ADD COLUMN entry_count integer NOT NULL DEFAULT 0`);
    await db.query(`CREATE TABLE vouchers (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      entry_date date NOT NULL,
      memo text NOT NULL,
      attachment_count integer NOT NULL DEFAULT 0 CHECK (attachment_count >= 0),
      attachment_refs text[] NOT NULL DEFAULT '{}',
      lines jsonb NOT NULL,
      total_fen bigint NOT NULL CHECK (total_fen > 0),
      status text NOT NULL CHECK (status IN ('draft', 'submitted', 'posted', 'rejected')),
      prepared_by text NOT NULL,
      prepared_at timestamptz NOT NULL,
      submitted_at timestamptz,
      reviewed_by text,
      reviewed_at timestamptz,
      rejection_reason text,
      journal_entry_id uuid REFERENCES journal_entries(id),
      journal_entry_number text,
      reversal_of uuid REFERENCES vouchers(id),
      reversed_by uuid REFERENCES vouchers(id),
      CHECK ((status = 'posted') = (journal_entry_id IS NOT NULL)),
      CHECK (reviewed_by IS NULL OR reviewed_by <> prepared_by)
    )`);
    await db.query(`CREATE INDEX vouchers_status_date ON vouchers (status, entry_date)`);
    await db.query(`CREATE UNIQUE INDEX vouchers_one_reversal ON vouchers (reversal_of) WHERE reversal_of IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE vouchers`);
    await db.query(`ALTER TABLE accounting_periods DROP COLUMN entry_count`);
    await db.query(`ALTER TABLE accounting_periods DROP COLUMN checks`);
    await db.query(`DROP TRIGGER journal_entries_open_period ON journal_entries`);
    await db.query(`DROP FUNCTION refuse_closed_period()`);
  }
}

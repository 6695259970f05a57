import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The closed-month guard on journal_entries (1765750000000-vouchers) looked the month up through EXECUTE, so
 * Postgres parsed and planned that lookup again for every entry posted: two per order, about 2 % of Postgres's
 * time in the flow benchmark (docs/performance.md). The same lookup as a plain statement is planned once per
 * connection. It names the schema the migration runs in, so it still reads the journal's own periods whatever
 * the inserting session's search_path.
 */
export class ClosedPeriodCheckPlannedOnce1765770000000 implements MigrationInterface {
  name = 'ClosedPeriodCheckPlannedOnce1765770000000';

  async up(db: QueryRunner): Promise<void> {
    const [{ schema }]: Array<{ schema: string }> = await db.query(`SELECT quote_ident(current_schema()) AS schema`);
    await db.query(`CREATE OR REPLACE FUNCTION refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF EXISTS (SELECT 1 FROM ${schema}.accounting_periods WHERE month = to_char(NEW.entry_date, 'YYYY-MM')) THEN
          RAISE EXCEPTION 'the books of % are closed', to_char(NEW.entry_date, 'YYYY-MM') USING ERRCODE = 'OPC01';
        END IF;
        RETURN NEW;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`CREATE OR REPLACE FUNCTION refuse_closed_period() RETURNS trigger LANGUAGE plpgsql AS $$
      DECLARE closed boolean;
      BEGIN
        EXECUTE format('SELECT EXISTS (SELECT 1 FROM %I.accounting_periods WHERE month = $1)', TG_TABLE_SCHEMA) INTO closed USING to_char(NEW.entry_date, 'YYYY-MM');
        IF closed THEN
          RAISE EXCEPTION 'the books of % are closed', to_char(NEW.entry_date, 'YYYY-MM') USING ERRCODE = 'OPC01';
        END IF;
        RETURN NEW;
      END $$`);
  }
}

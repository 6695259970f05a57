import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The collection ladder (domain.md §5): each receivable keeps the stage last announced with its revision,
 * the invoice date its problem-account clock starts from, a doubtful declaration, the sales manager's
 * dunning plan, the problem account report and a write-off with its two approvals. Credit holds say who
 * placed them (a person, or the ladder). Order accounts learn the order's rep and region (aging by rep and
 * region, commission), and every settlement of a receivable is kept with its day (commission by month).
 */
export class CollectionLadder1765430000000 implements MigrationInterface {
  name = 'CollectionLadder1765430000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE receivables DROP CONSTRAINT receivables_status_check`);
    await db.query(`ALTER TABLE receivables
      ADD CONSTRAINT receivables_status_check CHECK (status IN ('open', 'settled', 'voided', 'written_off')),
      ADD COLUMN invoice_date date,
      ADD COLUMN stage text NOT NULL DEFAULT 'current' CHECK (stage IN ('current', 'unpaid', 'dunning', 'supply_stopped', 'doubtful', 'written_off', 'cleared')),
      ADD COLUMN stage_revision integer NOT NULL DEFAULT 0,
      ADD COLUMN doubtful_reason text,
      ADD COLUMN dunning_plan jsonb,
      ADD COLUMN problem_report jsonb,
      ADD COLUMN write_off jsonb`);
    await db.query(`UPDATE receivables r SET invoice_date = (i.issued_at AT TIME ZONE 'Asia/Shanghai')::date FROM invoices i WHERE i.id = r.invoice_id`);
    await db.query(`ALTER TABLE receivables ALTER COLUMN invoice_date SET NOT NULL`);
    await db.query(`CREATE INDEX receivables_in_collection ON receivables (due_date) WHERE status = 'open' OR stage NOT IN ('current', 'cleared')`);

    await db.query(`ALTER TABLE customer_balances ADD COLUMN hold_source text CHECK (hold_source IN ('manual', 'collection'))`);
    await db.query(`UPDATE customer_balances SET hold_source = 'manual' WHERE on_hold`);

    await db.query(`ALTER TABLE order_accounts ADD COLUMN sales_rep text, ADD COLUMN region text`);

    await db.query(`CREATE TABLE receivable_settlements (
      receivable_id uuid NOT NULL REFERENCES receivables(id),
      receipt_id uuid NOT NULL REFERENCES receipts(id),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      settled_on date NOT NULL,
      PRIMARY KEY (receivable_id, receipt_id)
    )`);
    await db.query(`CREATE INDEX receivable_settlements_day ON receivable_settlements (settled_on)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE receivable_settlements`);
    await db.query(`ALTER TABLE order_accounts DROP COLUMN sales_rep, DROP COLUMN region`);
    await db.query(`ALTER TABLE customer_balances DROP COLUMN hold_source`);
    await db.query(`DROP INDEX receivables_in_collection`);
    await db.query(`ALTER TABLE receivables DROP COLUMN invoice_date, DROP COLUMN stage, DROP COLUMN stage_revision, DROP COLUMN doubtful_reason,
      DROP COLUMN dunning_plan, DROP COLUMN problem_report, DROP COLUMN write_off, DROP CONSTRAINT receivables_status_check`);
    await db.query(`ALTER TABLE receivables ADD CONSTRAINT receivables_status_check CHECK (status IN ('open', 'settled', 'voided'))`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * An outlet's records (domain.md, outlets): the four-week rota, waste and breakage with finance's cost, targets,
 * customer complaints, replenishment requests with inventory's transfer. Status columns are written only by their
 * AggregateStore (waste, complaint, replenishment); rota and targets have none.
 */
export class OutletRecords1765620000000 implements MigrationInterface {
  name = 'OutletRecords1765620000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE outlet_rotas (
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      start_date date NOT NULL CHECK (extract(isodow FROM start_date) = 1),
      shift_kinds jsonb NOT NULL,
      rows jsonb NOT NULL,
      origin text NOT NULL CHECK (origin IN ('generated', 'edited')),
      saved_by text NOT NULL,
      saved_at timestamptz NOT NULL,
      PRIMARY KEY (outlet_id, start_date)
    )`);
    await db.query(`CREATE TABLE outlet_waste (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      outlet_code text NOT NULL,
      warehouse_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('recorded', 'approved', 'rejected')),
      business_date date NOT NULL,
      lines jsonb NOT NULL,
      note text NOT NULL,
      recorded_by text NOT NULL,
      recorded_at timestamptz NOT NULL,
      decided_by text,
      decided_at timestamptz,
      reject_reason text,
      cost_fen bigint CHECK (cost_fen >= 0),
      journal_entry_number text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (decided_by IS NULL OR decided_by <> recorded_by OR status = 'rejected')
    )`);
    await db.query(`CREATE INDEX outlet_waste_list ON outlet_waste (outlet_id, business_date DESC)`);
    await db.query(`CREATE TABLE outlet_targets (
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      effective_from date NOT NULL,
      daily_fen bigint NOT NULL CHECK (daily_fen >= 0),
      weekly_fen bigint NOT NULL CHECK (weekly_fen >= 0),
      monthly_fen bigint NOT NULL CHECK (monthly_fen >= 0),
      set_by text NOT NULL,
      set_at timestamptz NOT NULL,
      PRIMARY KEY (outlet_id, effective_from)
    )`);
    await db.query(`CREATE TABLE outlet_complaints (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      outlet_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'assigned', 'resolved')),
      customer_name text NOT NULL,
      contact text,
      ticket_number text,
      category text NOT NULL,
      description text NOT NULL,
      logged_by text NOT NULL,
      logged_at timestamptz NOT NULL,
      assigned_to text,
      resolution text,
      outcome text,
      resolved_by text,
      resolved_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'resolved') = (resolved_at IS NOT NULL))
    )`);
    await db.query(`CREATE INDEX outlet_complaints_list ON outlet_complaints (outlet_id, status, logged_at)`);
    await db.query(`CREATE TABLE outlet_replenishments (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      outlet_code text NOT NULL,
      status text NOT NULL CHECK (status IN ('requested', 'transfer-raised')),
      from_warehouse_code text NOT NULL,
      to_warehouse_code text NOT NULL,
      lines jsonb NOT NULL,
      note text,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      transfer_id uuid,
      transfer_number text,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX outlet_replenishments_list ON outlet_replenishments (outlet_id, requested_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['outlet_replenishments', 'outlet_complaints', 'outlet_targets', 'outlet_waste', 'outlet_rotas']) await db.query(`DROP TABLE ${table}`);
  }
}

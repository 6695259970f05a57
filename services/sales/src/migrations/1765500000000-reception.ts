import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The front desk (domain.md §4, front desk): reception log, duty roster and rotation log, leads with follow-ups and disputes, sales targets. */
export class Reception1765500000000 implements MigrationInterface {
  name = 'Reception1765500000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE receptions (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('customer', 'staff_visitor')),
      status text NOT NULL DEFAULT 'logged',
      business_date date NOT NULL,
      at timestamptz NOT NULL,
      channel text CHECK (channel IN ('walk_in', 'phone', 'referral', 'web', 'event')),
      name text NOT NULL,
      phone text,
      phone_normalised text,
      need text,
      consultant text,
      assignment text NOT NULL CHECK (assignment IN ('rotation', 'returning', 'referral', 'named', 'none')),
      skipped jsonb NOT NULL DEFAULT '[]',
      outcome text,
      host text,
      purpose text,
      recorded_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'customer') = (channel IS NOT NULL))
    )`);
    await db.query(`CREATE INDEX receptions_day ON receptions (business_date, kind, channel)`);
    await db.query(`CREATE INDEX receptions_consultant ON receptions (consultant, business_date)`);
    await db.query(`CREATE TABLE duty_rosters (
      business_date date PRIMARY KEY,
      consultants jsonb NOT NULL,
      pointer int NOT NULL DEFAULT 0 CHECK (pointer >= 0),
      away jsonb NOT NULL DEFAULT '{}',
      set_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    // Append-only: every assignment and lost turn, for the fairness audit.
    await db.query(`CREATE TABLE rotation_log (
      seq bigserial PRIMARY KEY,
      business_date date NOT NULL,
      at timestamptz NOT NULL,
      consultant text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('turn', 'skip', 'returning', 'referral')),
      reason text,
      reception_id uuid REFERENCES receptions(id)
    )`);
    await db.query(`CREATE INDEX rotation_log_day ON rotation_log (business_date, consultant)`);
    await db.query(`CREATE TABLE leads (
      id uuid PRIMARY KEY,
      phone text NOT NULL UNIQUE,
      name text NOT NULL,
      need text,
      status text NOT NULL CHECK (status IN ('owned', 'shared', 'pool')),
      owners jsonb NOT NULL,
      owned_since date,
      last_follow_up_on date,
      registered_by text NOT NULL,
      registered_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX leads_lapse ON leads (last_follow_up_on) WHERE status <> 'pool'`);
    await db.query(`CREATE INDEX leads_owners ON leads USING gin (owners jsonb_path_ops)`);
    await db.query(`CREATE TABLE lead_follow_ups (
      id bigserial PRIMARY KEY,
      lead_id uuid NOT NULL REFERENCES leads(id),
      consultant text NOT NULL,
      business_date date NOT NULL,
      at timestamptz NOT NULL,
      note text NOT NULL
    )`);
    await db.query(`CREATE INDEX lead_follow_ups_lead ON lead_follow_ups (lead_id, id DESC)`);
    await db.query(`CREATE TABLE lead_disputes (
      id uuid PRIMARY KEY,
      lead_id uuid NOT NULL REFERENCES leads(id),
      claimant text NOT NULL,
      owners jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'decided')),
      opened_at timestamptz NOT NULL,
      award text CHECK (award IN ('claimant', 'owners', 'shared')),
      decision_reason text,
      decided_by text,
      decided_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX lead_disputes_status ON lead_disputes (status, opened_at)`);
    await db.query(`CREATE TABLE sales_targets (
      id uuid PRIMARY KEY,
      rep text NOT NULL,
      region text NOT NULL,
      month text NOT NULL CHECK (month ~ '^[12][0-9]{3}-(0[1-9]|1[0-2])$'),
      status text NOT NULL CHECK (status IN ('pending', 'approved', 'rejected')),
      proposed_fen bigint NOT NULL CHECK (proposed_fen > 0),
      approved_fen bigint CHECK (approved_fen > 0),
      proposed_by text NOT NULL,
      decided_by text,
      decision_note text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (rep, region, month)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE sales_targets, lead_disputes, lead_follow_ups, leads, rotation_log, duty_rosters, receptions`);
  }
}

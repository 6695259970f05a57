import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outlets (domain.md, outlets): a store or a bar counter with its own warehouse, price list, staff and hours;
 * the opening check that allows its first sale of a day; till tickets with their lines and tenders (the receipt
 * number gapless per outlet); drinks slips written by table staff, made at the bar and settled on the table's ticket.
 */
export class Outlets1765600000000 implements MigrationInterface {
  name = 'Outlets1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE outlets (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9-]{0,15}$'),
      name text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('store', 'bar')),
      warehouse_code text NOT NULL,
      price_list_id uuid NOT NULL REFERENCES price_lists(id),
      opening_hours jsonb NOT NULL,
      status text NOT NULL DEFAULT 'active',
      created_by text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE outlet_staff (
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      username text NOT NULL,
      position text NOT NULL CHECK (position IN ('manager', 'supervisor', 'clerk', 'bar_staff', 'bartender', 'back_room')),
      PRIMARY KEY (outlet_id, username)
    )`);
    await db.query(`CREATE TABLE opening_checks (
      id uuid PRIMARY KEY,
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      business_date date NOT NULL,
      equipment_ok boolean NOT NULL,
      equipment_notes text,
      cash_float_fen bigint NOT NULL CHECK (cash_float_fen >= 0),
      display_stock_checked boolean NOT NULL,
      display_notes text,
      checked_by text NOT NULL,
      checked_at timestamptz NOT NULL,
      UNIQUE (outlet_id, business_date)
    )`);
    await db.query(`CREATE TABLE till_tickets (
      id uuid PRIMARY KEY,
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      number text UNIQUE,
      status text NOT NULL,
      table_label text,
      business_date date NOT NULL,
      subtotal_fen bigint NOT NULL DEFAULT 0 CHECK (subtotal_fen >= 0),
      discount_fen bigint NOT NULL DEFAULT 0 CHECK (discount_fen >= 0),
      total_fen bigint NOT NULL DEFAULT 0 CHECK (total_fen >= 0),
      discount_approved_by text,
      opened_by text NOT NULL,
      opened_at timestamptz NOT NULL,
      cashier text,
      paid_at timestamptz,
      voided_by text,
      void_reason text,
      voided_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'open') = (number IS NULL))
    )`);
    // One open ticket per table at a time: served slips land on it.
    await db.query(`CREATE UNIQUE INDEX till_tickets_open_table ON till_tickets (outlet_id, table_label) WHERE status = 'open' AND table_label IS NOT NULL`);
    await db.query(`CREATE INDEX till_tickets_day ON till_tickets (outlet_id, business_date, status)`);
    await db.query(`CREATE INDEX till_tickets_paid_at ON till_tickets (outlet_id, paid_at)`);
    await db.query(`CREATE TABLE till_ticket_lines (
      ticket_id uuid NOT NULL REFERENCES till_tickets(id),
      line_no int NOT NULL CHECK (line_no >= 1),
      sku text NOT NULL,
      name text NOT NULL,
      quantity int NOT NULL CHECK (quantity >= 1),
      list_price_fen bigint NOT NULL CHECK (list_price_fen >= 0),
      unit_price_fen bigint NOT NULL CHECK (unit_price_fen >= 0),
      amount_fen bigint NOT NULL CHECK (amount_fen >= 0),
      slip_id uuid,
      PRIMARY KEY (ticket_id, line_no)
    )`);
    await db.query(`CREATE TABLE till_ticket_tenders (
      ticket_id uuid NOT NULL REFERENCES till_tickets(id),
      seq int NOT NULL CHECK (seq >= 1),
      method text NOT NULL CHECK (method IN ('cash', 'pos', 'transfer')),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      tendered_fen bigint,
      change_fen bigint NOT NULL DEFAULT 0 CHECK (change_fen >= 0),
      counterfeit_checked boolean,
      cards jsonb,
      payer text,
      reference text,
      PRIMARY KEY (ticket_id, seq),
      CHECK (method <> 'cash' OR counterfeit_checked IS TRUE)
    )`);
    await db.query(`CREATE TABLE drinks_slips (
      id uuid PRIMARY KEY,
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      number text NOT NULL UNIQUE,
      table_label text NOT NULL,
      status text NOT NULL,
      business_date date NOT NULL,
      written_by text NOT NULL,
      written_at timestamptz NOT NULL,
      made_by text,
      made_at timestamptz,
      served_by text,
      served_at timestamptz,
      cancelled_by text,
      cancel_reason text,
      ticket_id uuid REFERENCES till_tickets(id),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX drinks_slips_board ON drinks_slips (outlet_id, business_date, status)`);
    await db.query(`CREATE TABLE drinks_slip_lines (
      slip_id uuid NOT NULL REFERENCES drinks_slips(id),
      line_no int NOT NULL CHECK (line_no >= 1),
      sku text NOT NULL,
      quantity int NOT NULL CHECK (quantity >= 1),
      note text,
      PRIMARY KEY (slip_id, line_no)
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['drinks_slip_lines', 'drinks_slips', 'till_ticket_tenders', 'till_ticket_lines', 'till_tickets', 'opening_checks', 'outlet_staff', 'outlets']) await db.query(`DROP TABLE ${table}`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outlets' money (domain/outlet-money.ts): till tickets booked and reversed (once each: the till takings per
 * outlet and business date add up from it), the outlet shifts handed over, the last purchase price finance booked
 * per SKU (to cost waste) and the waste costed.
 */
export class OutletMoney1765630000000 implements MigrationInterface {
  name = 'OutletMoney1765630000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE till_takings (
      ticket_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('paid', 'voided')),
      number text NOT NULL,
      outlet_id uuid NOT NULL,
      outlet_code text NOT NULL,
      business_date date NOT NULL,
      cash_fen bigint NOT NULL,
      pos_fen bigint NOT NULL,
      transfer_fen bigint NOT NULL,
      total_fen bigint NOT NULL CHECK (total_fen >= 0),
      journal_entry_id uuid,
      booked_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (ticket_id, kind),
      CHECK (cash_fen + pos_fen + transfer_fen = total_fen)
    )`);
    await db.query(`CREATE INDEX till_takings_day ON till_takings (business_date, outlet_code)`);
    await db.query(`CREATE TABLE outlet_shifts (
      handover_id uuid PRIMARY KEY,
      outlet_id uuid NOT NULL,
      outlet_code text NOT NULL,
      business_date date NOT NULL,
      handed_over_by text NOT NULL,
      taken_over_by text NOT NULL,
      ticket_count int NOT NULL,
      expected_cash_fen bigint NOT NULL,
      counted_cash_fen bigint NOT NULL,
      difference_fen bigint NOT NULL,
      explanation text,
      float_fen bigint NOT NULL,
      pos_fen bigint NOT NULL,
      transfer_fen bigint NOT NULL,
      goods_checked boolean NOT NULL,
      confirmed_at timestamptz NOT NULL,
      journal_entry_id uuid,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      CHECK (difference_fen = counted_cash_fen - expected_cash_fen),
      CHECK ((difference_fen = 0) = (journal_entry_id IS NULL))
    )`);
    await db.query(`CREATE INDEX outlet_shifts_day ON outlet_shifts (business_date, outlet_code, confirmed_at)`);
    await db.query(`CREATE TABLE purchase_prices (
      sku text PRIMARY KEY,
      unit_price_fen bigint NOT NULL,
      unit_net_fen bigint NOT NULL,
      receipt_id uuid NOT NULL,
      receipt_number text NOT NULL,
      audited_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE TABLE outlet_waste_costs (
      waste_id uuid PRIMARY KEY,
      number text NOT NULL,
      outlet_code text NOT NULL,
      business_date date NOT NULL,
      lines jsonb NOT NULL,
      cost_fen bigint NOT NULL CHECK (cost_fen >= 0),
      journal_entry_id uuid,
      journal_entry_number text,
      costed_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS outlet_waste_costs');
    await db.query('DROP TABLE IF EXISTS purchase_prices');
    await db.query('DROP TABLE IF EXISTS outlet_shifts');
    await db.query('DROP TABLE IF EXISTS till_takings');
  }
}

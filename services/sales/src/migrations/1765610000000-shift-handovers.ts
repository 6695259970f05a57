import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shift handovers at an outlet's till (domain.md, outlets): the drawer counted against the shift's tickets, the
 * figures kept as they were at the count, the difference explained, and the incoming person's confirmation.
 */
export class ShiftHandovers1765610000000 implements MigrationInterface {
  name = 'ShiftHandovers1765610000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE shift_handovers (
      id uuid PRIMARY KEY,
      outlet_id uuid NOT NULL REFERENCES outlets(id),
      outlet_code text NOT NULL,
      business_date date NOT NULL,
      status text NOT NULL,
      handed_over_by text NOT NULL,
      taken_over_by text NOT NULL CHECK (taken_over_by <> handed_over_by),
      shift_start timestamptz NOT NULL,
      counted_at timestamptz NOT NULL,
      ticket_count int NOT NULL,
      opening_float_fen bigint NOT NULL,
      cash_fen bigint NOT NULL,
      pos_fen bigint NOT NULL,
      transfer_fen bigint NOT NULL,
      voided_cash_fen bigint NOT NULL,
      expected_cash_fen bigint NOT NULL,
      counted_cash_fen bigint NOT NULL CHECK (counted_cash_fen >= 0),
      difference_fen bigint NOT NULL,
      float_fen bigint NOT NULL CHECK (float_fen >= 0),
      goods_checked boolean NOT NULL,
      goods_notes text,
      explanation text,
      explained_by text,
      confirmed_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (difference_fen = counted_cash_fen - expected_cash_fen),
      CHECK (status <> 'confirmed' OR difference_fen = 0 OR explanation IS NOT NULL)
    )`);
    // One handover waiting for its confirmation per outlet: the next shift starts from it.
    await db.query(`CREATE UNIQUE INDEX shift_handovers_pending ON shift_handovers (outlet_id) WHERE status = 'counted'`);
    await db.query(`CREATE INDEX shift_handovers_day ON shift_handovers (outlet_id, business_date, counted_at)`);
    await db.query(`CREATE INDEX till_tickets_voided_at ON till_tickets (outlet_id, voided_at) WHERE voided_at IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX till_tickets_voided_at`);
    await db.query(`DROP TABLE shift_handovers`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Returns (RMA) of shipped goods: the return with its lines, approval steps, investigation and settlement. */
export class ReturnsSales1765400000000 implements MigrationInterface {
  name = 'ReturnsSales1765400000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE returns (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL REFERENCES orders(id),
      order_number text NOT NULL,
      customer_id uuid NOT NULL,
      customer_name text NOT NULL,
      status text NOT NULL CHECK (status IN ('requested', 'manager_approved', 'vp_approved', 'approved', 'goods_received', 'investigated', 'closed', 'rejected', 'cancelled')),
      reason text NOT NULL CHECK (reason IN ('quality_problem', 'wrong_goods', 'transport_damage', 'other')),
      faulty boolean NOT NULL,
      note text,
      lines jsonb NOT NULL,
      required_levels jsonb NOT NULL,
      approvals jsonb NOT NULL,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL DEFAULT now(),
      decided_by text,
      decision_note text,
      investigation jsonb,
      credit_note_number text,
      refund_fen bigint CHECK (refund_fen >= 0),
      goods_back_at timestamptz,
      settled_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE INDEX returns_order ON returns (order_id)`);
    await db.query(`CREATE INDEX returns_customer ON returns (customer_id, requested_at DESC)`);
    await db.query(`CREATE INDEX returns_status ON returns (status, requested_at DESC)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE returns`);
  }
}

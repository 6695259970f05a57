import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral rewards (老带新, domain.md): one per new customer; the status is written only by ReferralRewardStore.
 * A request after its deadline is kept, void with its reason.
 */
export class ReferralRewards1765740000000 implements MigrationInterface {
  name = 'ReferralRewards1765740000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE referral_rewards (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('requested', 'rep_confirmed', 'manager_confirmed', 'paid', 'credited', 'void')),
      referrer_id uuid NOT NULL REFERENCES customers(id),
      referrer_name text NOT NULL,
      new_customer_id uuid NOT NULL UNIQUE REFERENCES customers(id),
      new_customer_name text NOT NULL,
      order_id uuid NOT NULL REFERENCES orders(id),
      order_number text NOT NULL,
      order_total_fen bigint NOT NULL CHECK (order_total_fen >= 0),
      order_placed_at timestamptz NOT NULL,
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      deadline date NOT NULL,
      note text,
      requested_by text NOT NULL,
      requested_at timestamptz NOT NULL,
      rep_confirmed_by text,
      manager_confirmed_by text,
      confirmed_at timestamptz,
      void_reason text,
      voided_by text,
      payment_method text CHECK (payment_method IN ('cash', 'transfer', 'credit')),
      journal_entry_number text,
      paid_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (referrer_id <> new_customer_id),
      CHECK (manager_confirmed_by IS NULL OR (manager_confirmed_by <> requested_by AND manager_confirmed_by <> rep_confirmed_by)),
      CHECK ((status = 'void') = (void_reason IS NOT NULL))
    )`);
    await db.query(`CREATE INDEX referral_rewards_list ON referral_rewards (requested_at DESC, id DESC)`);
    await db.query(`CREATE INDEX referral_rewards_referrer ON referral_rewards (referrer_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE referral_rewards`);
  }
}

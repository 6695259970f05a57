import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Referral rewards in finance (老带新, domain.md): one row per reward sales confirmed, checked and paid or credited;
 * the status is written only by FinanceReferralRewardStore. A reward credited to the referrer is a prepayment
 * movement of its own kind.
 */
export class ReferralRewardsFinance1765740000000 implements MigrationInterface {
  name = 'ReferralRewardsFinance1765740000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE referral_rewards (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      status text NOT NULL CHECK (status IN ('to_check', 'approved', 'rejected', 'paid', 'credited')),
      referrer_id uuid NOT NULL,
      referrer_name text NOT NULL,
      new_customer_id uuid NOT NULL,
      new_customer_name text NOT NULL,
      order_id uuid NOT NULL,
      order_number text NOT NULL,
      order_total_fen bigint NOT NULL CHECK (order_total_fen >= 0),
      amount_fen bigint NOT NULL CHECK (amount_fen > 0),
      requested_by text NOT NULL,
      manager_confirmed_by text NOT NULL,
      received_at timestamptz NOT NULL,
      checked_by text,
      checked_at timestamptz,
      reject_reason text,
      method text CHECK (method IN ('cash', 'transfer', 'credit')),
      bank_reference text,
      paid_by text,
      paid_at timestamptz,
      journal_entry_number text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (paid_by IS NULL OR paid_by <> checked_by),
      CHECK (method <> 'transfer' OR bank_reference IS NOT NULL)
    )`);
    await db.query(`CREATE INDEX referral_rewards_list ON referral_rewards (received_at DESC, id DESC)`);
    await db.query(`ALTER TABLE prepayment_movements DROP CONSTRAINT prepayment_movements_kind_check`);
    await db.query(`ALTER TABLE prepayment_movements ADD CONSTRAINT prepayment_movements_kind_check CHECK (kind IN ('overpayment', 'kept_from_cancellation', 'applied_to_order', 'referral_reward'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE prepayment_movements DROP CONSTRAINT prepayment_movements_kind_check`);
    await db.query(`ALTER TABLE prepayment_movements ADD CONSTRAINT prepayment_movements_kind_check CHECK (kind IN ('overpayment', 'kept_from_cancellation', 'applied_to_order'))`);
    await db.query(`DROP TABLE referral_rewards`);
  }
}

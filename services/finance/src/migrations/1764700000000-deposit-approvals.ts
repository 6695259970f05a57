import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deposits (domain.md §5, the cashier's rules): each order account carries the deposit its agreement
 * requires and when its first payment counted; a first payment below the deposit is accepted by two
 * people, one for sales management and one finance manager.
 */
export class DepositApprovals1764700000000 implements MigrationInterface {
  name = 'DepositApprovals1764700000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_accounts ADD COLUMN required_deposit_fen bigint, ADD COLUMN deposit_accepted_at timestamptz`);
    // Orders placed before sales sent a deposit: a prepaid order needed all of it, a credit order nothing.
    await db.query(`UPDATE order_accounts SET required_deposit_fen = CASE WHEN payment_terms = 'prepaid' THEN total_fen ELSE 0 END`);
    await db.query(`UPDATE order_accounts a SET deposit_accepted_at = (SELECT min(r.recorded_at) FROM receipts r WHERE r.order_id = a.order_id AND r.status = 'counted')`);
    await db.query(`ALTER TABLE order_accounts ALTER COLUMN required_deposit_fen SET NOT NULL, ALTER COLUMN required_deposit_fen SET DEFAULT 0,
      ADD CONSTRAINT deposit_fits CHECK (required_deposit_fen BETWEEN 0 AND total_fen)`);

    // The one approval so far was sales management's: it becomes the sales side.
    await db.query(`ALTER TABLE receipts RENAME COLUMN deposit_approved_by TO deposit_sales_approved_by`);
    await db.query(`ALTER TABLE receipts RENAME COLUMN deposit_approved_at TO deposit_sales_approved_at`);
    await db.query(`ALTER TABLE receipts RENAME CONSTRAINT deposit_approver_is_not_recorder TO deposit_sales_approver_is_not_recorder`);
    await db.query(`ALTER TABLE receipts
      ADD COLUMN deposit_finance_approved_by text,
      ADD COLUMN deposit_finance_approved_at timestamptz,
      ADD CONSTRAINT deposit_finance_approver_is_not_recorder CHECK (deposit_finance_approved_by IS NULL OR deposit_finance_approved_by <> recorded_by),
      ADD CONSTRAINT deposit_approvers_differ CHECK (deposit_finance_approved_by IS NULL OR deposit_sales_approved_by IS NULL OR deposit_finance_approved_by <> deposit_sales_approved_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE receipts DROP CONSTRAINT deposit_approvers_differ, DROP CONSTRAINT deposit_finance_approver_is_not_recorder,
      DROP COLUMN deposit_finance_approved_by, DROP COLUMN deposit_finance_approved_at`);
    await db.query(`ALTER TABLE receipts RENAME CONSTRAINT deposit_sales_approver_is_not_recorder TO deposit_approver_is_not_recorder`);
    await db.query(`ALTER TABLE receipts RENAME COLUMN deposit_sales_approved_at TO deposit_approved_at`);
    await db.query(`ALTER TABLE receipts RENAME COLUMN deposit_sales_approved_by TO deposit_approved_by`);
    await db.query(`ALTER TABLE order_accounts DROP CONSTRAINT deposit_fits, DROP COLUMN required_deposit_fen, DROP COLUMN deposit_accepted_at`);
  }
}

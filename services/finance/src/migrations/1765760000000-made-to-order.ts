import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Made to order (issue 19): an order account knows whether the order has lines made for it, when finance told
 * inventory its deposit is in (production is issued on that, so it is said once), and the balance the customer
 * was told when production finished. Accounts opened before this had no made-to-order lines.
 */
export class MadeToOrderFinance1765760000000 implements MigrationInterface {
  name = 'MadeToOrderFinance1765760000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_accounts
      ADD COLUMN made_to_order boolean NOT NULL DEFAULT false,
      ADD COLUMN deposit_confirmed_at timestamptz,
      ADD COLUMN balance_notice jsonb,
      ADD CONSTRAINT deposit_confirmed_only_made_to_order CHECK (deposit_confirmed_at IS NULL OR made_to_order)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_accounts DROP CONSTRAINT deposit_confirmed_only_made_to_order,
      DROP COLUMN balance_notice, DROP COLUMN deposit_confirmed_at, DROP COLUMN made_to_order`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The SKUs the online store lists (heard from `sales.listing.published` / `unlisted`): inventory reports their
 * available stock (`inventory.availability.changed`) when it starts following one and after each movement that
 * changes it. `changed_at` is the time of the listing event last applied, so one heard late changes nothing;
 * `available_quantity` the last figure reported; the reports' sequence rises across all SKUs.
 */
export class FollowedSkus1765710000000 implements MigrationInterface {
  name = 'FollowedSkus1765710000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE followed_skus (
      sku text PRIMARY KEY,
      listing_id uuid NOT NULL,
      following boolean NOT NULL,
      changed_at timestamptz NOT NULL,
      available_quantity integer,
      reported_at timestamptz
    )`);
    await db.query(`CREATE SEQUENCE availability_report_seq`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP SEQUENCE availability_report_seq`);
    await db.query(`DROP TABLE followed_skus`);
  }
}

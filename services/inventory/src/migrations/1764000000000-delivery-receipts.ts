import type { MigrationInterface, QueryRunner } from 'typeorm';

export class DeliveryReceipts1764000000000 implements MigrationInterface {
  name = 'DeliveryReceipts1764000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipments ADD COLUMN delivery_signed_by text, ADD COLUMN delivered_at timestamptz`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE shipments DROP COLUMN delivery_signed_by, DROP COLUMN delivered_at`);
  }
}

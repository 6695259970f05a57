import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReceiptDetails1764200000000 implements MigrationInterface {
  name = 'ReceiptDetails1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE receipts
      ADD COLUMN status text NOT NULL DEFAULT 'counted' CHECK (status IN ('counted', 'pending_verification')),
      ADD COLUMN details jsonb NOT NULL DEFAULT '{}'::jsonb,
      ADD COLUMN verified_by text,
      ADD COLUMN verified_at timestamptz,
      ADD CONSTRAINT verifier_is_not_recorder CHECK (verified_by IS NULL OR verified_by <> recorded_by)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE receipts DROP CONSTRAINT verifier_is_not_recorder, DROP COLUMN status, DROP COLUMN details, DROP COLUMN verified_by, DROP COLUMN verified_at`);
  }
}

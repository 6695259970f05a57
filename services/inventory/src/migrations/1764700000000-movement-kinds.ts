import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The stock ledger names why each unit moved: receipts and shipments as before, and issues without an
 * order, adjustments and transfers for the operations the ledger now has. The kind is held to that list.
 */
export class MovementKinds1764700000000 implements MigrationInterface {
  name = 'MovementKinds1764700000000';

  async up(db: QueryRunner): Promise<void> {
    // Frozen list: a new kind is a new migration.
    await db.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('receipt', 'shipment', 'issue', 'adjustment', 'transfer'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE stock_movements DROP CONSTRAINT stock_movement_kind');
  }
}

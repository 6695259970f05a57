import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PickLists1764100000000 implements MigrationInterface {
  name = 'PickLists1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE pick_lists (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'picked', 'verified', 'packed', 'shipped')),
      lines jsonb NOT NULL,
      picked_by text,
      verified_by text,
      packed_by text,
      pieces integer CHECK (pieces > 0),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      -- The two-person rule, in the data too.
      CONSTRAINT picker_is_not_verifier CHECK (verified_by IS NULL OR verified_by <> picked_by)
    )`);
    await db.query(`CREATE UNIQUE INDEX pick_lists_one_open_per_order ON pick_lists (order_id) WHERE status <> 'shipped'`);
    await db.query(`ALTER TABLE shipments ADD COLUMN pick_list_id uuid REFERENCES pick_lists(id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE shipments DROP COLUMN pick_list_id');
    await db.query('DROP TABLE IF EXISTS pick_lists');
  }
}

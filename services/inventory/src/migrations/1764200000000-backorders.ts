import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Backorders1764200000000 implements MigrationInterface {
  name = 'Backorders1764200000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE backorders (
      id bigserial PRIMARY KEY,
      order_id uuid NOT NULL UNIQUE,
      lines jsonb NOT NULL,
      status text NOT NULL CHECK (status IN ('open', 'filled', 'cancelled')),
      registered_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      filled_at timestamptz
    )`);
    await db.query(`CREATE INDEX backorders_open ON backorders (id) WHERE status = 'open'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS backorders');
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Promotions and price holds (domain.md "Promotions and price holds"). Status columns are written only by their
 * AggregateStore (promotions.stores.ts). An order finds the promotions in force for all its SKUs in one query:
 * approved, the window covering the business date, `skus && $skus` (GIN index over approved promotions).
 * An order line says which price applied and why.
 */
export class Promotions1765720000000 implements MigrationInterface {
  name = 'Promotions1765720000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE promotions (
      id uuid PRIMARY KEY,
      code text NOT NULL UNIQUE,
      name text NOT NULL,
      status text NOT NULL CHECK (status IN ('draft', 'approved', 'rejected', 'ended', 'cancelled')),
      kind text NOT NULL CHECK (kind IN ('price', 'percent')),
      promo_price_fen bigint CHECK (promo_price_fen >= 0),
      percent_off_basis_points int CHECK (percent_off_basis_points BETWEEN 1 AND 9999),
      starts_on date NOT NULL,
      ends_on date NOT NULL,
      skus text[] NOT NULL CHECK (cardinality(skus) >= 1),
      lines jsonb NOT NULL,
      required_level text NOT NULL CHECK (required_level IN ('sales_manager', 'sales_vp', 'general_manager')),
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      decided_by text,
      decided_at timestamptz,
      decision_note text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (ends_on >= starts_on),
      CHECK ((kind = 'price') = (promo_price_fen IS NOT NULL) AND (kind = 'percent') = (percent_off_basis_points IS NOT NULL)),
      CHECK (decided_by IS NULL OR decided_by <> created_by)
    )`);
    await db.query(`CREATE INDEX promotions_in_force ON promotions USING gin (skus) WHERE status = 'approved'`);
    await db.query(`CREATE INDEX promotions_window ON promotions (starts_on DESC, id)`);
    await db.query(`CREATE TABLE price_holds (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      customer_id uuid NOT NULL REFERENCES customers(id),
      customer_name text NOT NULL,
      status text NOT NULL CHECK (status IN ('active', 'used', 'cancelled')),
      lines jsonb NOT NULL,
      hold_until date NOT NULL,
      deposit_fen bigint NOT NULL CHECK (deposit_fen > 0),
      deposit_reference text NOT NULL,
      created_by text NOT NULL,
      created_at timestamptz NOT NULL,
      reapprovals jsonb NOT NULL DEFAULT '[]',
      used_by_order_id uuid UNIQUE,
      used_by_order_number text,
      used_at timestamptz,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((status = 'used') = (used_by_order_id IS NOT NULL))
    )`);
    await db.query(`CREATE INDEX price_holds_customer ON price_holds (customer_id, created_at DESC)`);
    await db.query(`ALTER TABLE order_lines
      ADD COLUMN price_basis text NOT NULL DEFAULT 'list' CHECK (price_basis IN ('list', 'promotion', 'price_hold')),
      ADD COLUMN promotion_id uuid REFERENCES promotions(id),
      ADD COLUMN promotion_code text,
      ADD COLUMN price_hold_id uuid REFERENCES price_holds(id),
      ADD COLUMN price_note text`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE order_lines DROP COLUMN price_note, DROP COLUMN price_hold_id, DROP COLUMN promotion_code, DROP COLUMN promotion_id, DROP COLUMN price_basis`);
    await db.query(`DROP TABLE price_holds`);
    await db.query(`DROP TABLE promotions`);
  }
}

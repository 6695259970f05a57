import { PLATFORM_TABLES, PLATFORM_TABLES_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class InitialInventory1763800000000 implements MigrationInterface {
  name = 'InitialInventory1763800000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of PLATFORM_TABLES_DDL) await db.query(ddl);
    await db.query(`CREATE TABLE skus (
      code text PRIMARY KEY,
      name text NOT NULL,
      model text NOT NULL,
      version text NOT NULL,
      unit text NOT NULL,
      packaging text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await db.query(`CREATE TABLE warehouses (code text PRIMARY KEY, name text NOT NULL)`);
    await db.query(`INSERT INTO warehouses (code, name) VALUES ('MAIN', 'Main warehouse')`);
    await db.query(`CREATE TABLE stock_levels (
      sku_code text NOT NULL REFERENCES skus(code),
      warehouse_code text NOT NULL REFERENCES warehouses(code),
      on_hand integer NOT NULL,
      reserved integer NOT NULL DEFAULT 0,
      PRIMARY KEY (sku_code, warehouse_code),
      -- The last line of defence against overselling: the database refuses it too.
      CONSTRAINT stock_never_negative CHECK (reserved >= 0 AND on_hand >= reserved)
    )`);
    await db.query(`CREATE TABLE stock_movements (
      id bigserial PRIMARY KEY,
      sku_code text NOT NULL REFERENCES skus(code),
      warehouse_code text NOT NULL REFERENCES warehouses(code),
      quantity integer NOT NULL CHECK (quantity <> 0),
      kind text NOT NULL,
      document_ref text NOT NULL,
      actor_id text NOT NULL,
      occurred_at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await db.query(`CREATE INDEX stock_movements_sku ON stock_movements (sku_code, warehouse_code, id)`);
    // The ledger is append-only: corrections are new movements, never edits.
    await db.query(`CREATE FUNCTION refuse_ledger_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'stock_movements is append-only'; END $$`);
    await db.query(`CREATE TRIGGER stock_movements_append_only BEFORE UPDATE OR DELETE ON stock_movements
      FOR EACH ROW EXECUTE FUNCTION refuse_ledger_change()`);
    await db.query(`CREATE TABLE reservations (
      id bigserial PRIMARY KEY,
      order_id uuid NOT NULL,
      sku_code text NOT NULL REFERENCES skus(code),
      warehouse_code text NOT NULL REFERENCES warehouses(code),
      quantity integer NOT NULL CHECK (quantity > 0),
      status text NOT NULL CHECK (status IN ('reserved', 'released', 'shipped')),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      UNIQUE (order_id, sku_code, warehouse_code)
    )`);
    await db.query(`CREATE TABLE order_releases (order_id uuid PRIMARY KEY, event_id uuid NOT NULL, released_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`CREATE TABLE shipments (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      order_id uuid NOT NULL,
      carrier text NOT NULL,
      tracking_number text NOT NULL,
      pieces integer NOT NULL CHECK (pieces > 0),
      lines jsonb NOT NULL,
      shipped_by text NOT NULL,
      shipped_at timestamptz NOT NULL
    )`);
    await db.query(`CREATE INDEX shipments_order ON shipments (order_id)`);
    await db.query(`CREATE TABLE recount_requests (
      id bigserial PRIMARY KEY,
      incident_id uuid NOT NULL UNIQUE,
      incident_number text NOT NULL,
      warehouse_code text NOT NULL,
      location text NOT NULL,
      reason text NOT NULL,
      status text NOT NULL DEFAULT 'open',
      requested_at timestamptz NOT NULL DEFAULT now()
    )`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['recount_requests', 'shipments', 'order_releases', 'reservations', 'stock_movements', 'stock_levels', 'warehouses', 'skus', ...PLATFORM_TABLES]) {
      await db.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await db.query(`DROP FUNCTION IF EXISTS refuse_ledger_change()`);
  }
}

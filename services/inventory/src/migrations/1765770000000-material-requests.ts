import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Material requests: what a released production order needs of a material and the stock did not cover, for
 * purchasing to buy (`MR-<year>-nnnnnn`). The figures at raising are kept (required = available + requested);
 * a request names the purchase order it was bought on once ordered.
 */
export class MaterialRequests1765770000000 implements MigrationInterface {
  name = 'MaterialRequests1765770000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE material_requests (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      production_order_id uuid NOT NULL,
      production_order_number text NOT NULL,
      sku text NOT NULL,
      required_quantity int NOT NULL CHECK (required_quantity >= 1),
      available_quantity int NOT NULL CHECK (available_quantity >= 0),
      requested_quantity int NOT NULL CHECK (requested_quantity >= 1),
      status text NOT NULL CHECK (status IN ('open', 'ordered', 'received', 'cancelled')),
      purchase_order_id uuid REFERENCES purchase_orders (id),
      purchase_order_number text,
      raised_by text NOT NULL,
      cancelled_by text,
      cancel_reason text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (required_quantity = available_quantity + requested_quantity),
      CHECK ((status IN ('ordered', 'received')) = (purchase_order_id IS NOT NULL))
    )`);
    await db.query(`CREATE INDEX material_requests_production_order ON material_requests (production_order_id)`);
    await db.query(`CREATE INDEX material_requests_status ON material_requests (status, created_at)`);
    await db.query(`CREATE INDEX material_requests_sku ON material_requests (sku) WHERE status IN ('open', 'ordered')`);
    await db.query(`CREATE INDEX material_requests_purchase_order ON material_requests (purchase_order_id) WHERE purchase_order_id IS NOT NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE material_requests`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The outlets' stock (domain/outlet-stock.ts): three more movement kinds (an outlet's till sale, a voided ticket's
 * goods back, its waste); the outlet documents inventory applied (once each, with the lots they took); the till
 * shortfalls for the outlet's next stocktake; and the replenishment requests heard, each with its transfer or the
 * problem that kept inventory from raising one.
 */
export class OutletStock1765600000000 implements MigrationInterface {
  name = 'OutletStock1765600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE stock_movements DROP CONSTRAINT stock_movement_kind');
    await db.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('receipt', 'shipment', 'issue', 'adjustment', 'transfer', 'return_in', 'return_quarantine', 'purchase_return', 'till_sale', 'till_void', 'waste'))`);
    await db.query(`CREATE TABLE outlet_stock_documents (
      document_id uuid NOT NULL,
      kind text NOT NULL CHECK (kind IN ('till_sale', 'till_void', 'waste')),
      number text NOT NULL,
      outlet_code text NOT NULL,
      warehouse_code text NOT NULL,
      business_date date NOT NULL,
      issued jsonb NOT NULL DEFAULT '[]',
      applied_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (document_id, kind)
    )`);
    await db.query(`CREATE TABLE till_shortfalls (
      id bigserial PRIMARY KEY,
      document_kind text NOT NULL CHECK (document_kind IN ('till_sale', 'waste')),
      document_id uuid NOT NULL,
      document_number text NOT NULL,
      outlet_code text NOT NULL,
      warehouse_code text NOT NULL,
      business_date date NOT NULL,
      line_no int NOT NULL,
      sku text NOT NULL,
      quantity int NOT NULL CHECK (quantity > 0),
      reason text NOT NULL CHECK (reason IN ('short', 'unknown-sku', 'unknown-warehouse', 'not-a-store')),
      ticket_voided_at timestamptz,
      recorded_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (document_kind, document_id, line_no)
    )`);
    await db.query(`CREATE INDEX till_shortfalls_warehouse ON till_shortfalls (warehouse_code, id DESC)`);
    await db.query(`CREATE INDEX till_shortfalls_outlet ON till_shortfalls (outlet_code, id DESC)`);
    await db.query(`CREATE TABLE replenishment_requests (
      request_id uuid PRIMARY KEY,
      number text NOT NULL,
      outlet_code text NOT NULL,
      from_warehouse_code text NOT NULL,
      to_warehouse_code text NOT NULL,
      lines jsonb NOT NULL,
      requested_by text NOT NULL,
      note text,
      transfer_id uuid,
      transfer_number text,
      problem text,
      received_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((transfer_id IS NULL) = (transfer_number IS NULL)),
      CHECK ((transfer_id IS NULL) <> (problem IS NULL))
    )`);
    await db.query(`CREATE INDEX replenishment_requests_unanswered ON replenishment_requests (received_at DESC) WHERE transfer_id IS NULL`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE IF EXISTS replenishment_requests');
    await db.query('DROP TABLE IF EXISTS till_shortfalls');
    await db.query('DROP TABLE IF EXISTS outlet_stock_documents');
    await db.query('ALTER TABLE stock_movements DROP CONSTRAINT stock_movement_kind');
    await db.query(`ALTER TABLE stock_movements ADD CONSTRAINT stock_movement_kind CHECK (kind IN ('receipt', 'shipment', 'issue', 'adjustment', 'transfer', 'return_in', 'return_quarantine', 'purchase_return'))`);
  }
}

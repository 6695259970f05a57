import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Made to order (issue 19): which SKUs inventory makes per order; made-to-order lines and orders; the commercial
 * state `awaiting_confirmation` (agreed, waiting for the customer's written confirmation) and the shown status
 * `in_production` (placed, its goods not yet made and reserved) in the derived-status CHECK; replacement orders
 * raised from a complaint ticket; the balance notice finance gave when production finished.
 */
export class MadeToOrder1765760000000 implements MigrationInterface {
  name = 'MadeToOrder1765760000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE sku_supply (
      sku text PRIMARY KEY, made_to_order boolean NOT NULL, lead_days int NOT NULL CHECK (lead_days >= 0), revision int NOT NULL CHECK (revision >= 1)
    )`);
    await db.query(`ALTER TABLE order_lines ADD COLUMN made_to_order boolean NOT NULL DEFAULT false`);
    await db.query(`ALTER TABLE orders
      ADD COLUMN made_to_order boolean NOT NULL DEFAULT false,
      ADD COLUMN kind text NOT NULL DEFAULT 'sale' CHECK (kind IN ('sale', 'replacement')),
      ADD COLUMN service_ticket_id uuid, ADD COLUMN service_ticket_number text,
      ADD COLUMN written_confirmation jsonb, ADD COLUMN balance_notice jsonb,
      ADD CONSTRAINT orders_replacement_ticket CHECK ((kind = 'replacement') = (service_ticket_id IS NOT NULL)),
      DROP CONSTRAINT orders_commercial, DROP CONSTRAINT orders_status_derived`);
    await db.query(`ALTER TABLE orders
      ADD CONSTRAINT orders_commercial CHECK (commercial IN ('draft', 'pending_approval', 'awaiting_confirmation', 'placed', 'rejected', 'cancelled', 'closed')),
      ADD CONSTRAINT orders_status_derived CHECK (status = CASE
        WHEN commercial <> 'placed' THEN commercial
        WHEN fulfilment = 'unreserved' THEN CASE WHEN made_to_order THEN 'in_production' ELSE 'approved' END
        WHEN fulfilment = 'backordered' THEN 'backordered'
        WHEN fulfilment IN ('reserved', 'shipped_in_part') THEN CASE WHEN payment = 'paid' OR payment_terms = 'credit' THEN 'ready_to_ship' ELSE 'awaiting_payment' END
        ELSE fulfilment END)`);
    await db.query(`CREATE INDEX orders_service_ticket ON orders (service_ticket_id) WHERE service_ticket_id IS NOT NULL`);
    await db.query(`ALTER TABLE service_tickets ADD COLUMN replacement_orders jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE service_tickets DROP COLUMN replacement_orders`);
    await db.query(`DROP INDEX orders_service_ticket`);
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_commercial, DROP CONSTRAINT orders_status_derived`);
    await db.query(`ALTER TABLE orders
      ADD CONSTRAINT orders_commercial CHECK (commercial IN ('draft', 'pending_approval', 'placed', 'rejected', 'cancelled', 'closed')),
      ADD CONSTRAINT orders_status_derived CHECK (status = CASE
        WHEN commercial <> 'placed' THEN commercial
        WHEN fulfilment = 'unreserved' THEN 'approved'
        WHEN fulfilment = 'backordered' THEN 'backordered'
        WHEN fulfilment IN ('reserved', 'shipped_in_part') THEN CASE WHEN payment = 'paid' OR payment_terms = 'credit' THEN 'ready_to_ship' ELSE 'awaiting_payment' END
        ELSE fulfilment END)`);
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_replacement_ticket, DROP COLUMN made_to_order, DROP COLUMN kind, DROP COLUMN service_ticket_id,
      DROP COLUMN service_ticket_number, DROP COLUMN written_confirmation, DROP COLUMN balance_notice`);
    await db.query(`ALTER TABLE order_lines DROP COLUMN made_to_order`);
    await db.query(`DROP TABLE sku_supply`);
  }
}

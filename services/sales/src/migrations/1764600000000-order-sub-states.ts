import { STATE_HISTORY_DDL } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The order's status becomes three sub-states (commercial, payment, fulfilment) with the shown status
 * derived from them — a CHECK keeps the stored status equal to that derivation. Order history moves
 * into the service's `state_history`, which every aggregate's store writes.
 */
export class OrderSubStates1764600000000 implements MigrationInterface {
  name = 'OrderSubStates1764600000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of STATE_HISTORY_DDL) await db.query(ddl);
    await db.query(`INSERT INTO state_history (aggregate, aggregate_id, from_state, to_state, reason, actor_id, event_id, at)
      SELECT 'order', order_id::text, from_status, to_status, reason, actor_id, event_id, at FROM order_history ORDER BY id`);
    await db.query(`DROP TABLE order_history`);
    await db.query(`ALTER TABLE orders ADD COLUMN commercial text, ADD COLUMN payment text, ADD COLUMN fulfilment text`);
    await db.query(`UPDATE orders SET
      commercial = CASE WHEN status IN ('draft', 'pending_approval', 'rejected', 'cancelled', 'closed') THEN status ELSE 'placed' END,
      payment = CASE WHEN paid THEN 'paid' ELSE 'unpaid' END,
      fulfilment = CASE
        WHEN status IN ('delivered', 'closed') THEN 'delivered'
        WHEN status = 'shipped' THEN 'shipped'
        WHEN shipped_in_part THEN 'shipped_in_part'
        WHEN status = 'backordered' THEN 'backordered'
        WHEN stock_reserved THEN 'reserved'
        ELSE 'unreserved' END`);
    await db.query(`ALTER TABLE orders
      ALTER COLUMN commercial SET NOT NULL, ALTER COLUMN payment SET NOT NULL, ALTER COLUMN fulfilment SET NOT NULL,
      ADD CONSTRAINT orders_commercial CHECK (commercial IN ('draft', 'pending_approval', 'placed', 'rejected', 'cancelled', 'closed')),
      ADD CONSTRAINT orders_payment CHECK (payment IN ('unpaid', 'paid')),
      ADD CONSTRAINT orders_fulfilment CHECK (fulfilment IN ('unreserved', 'backordered', 'reserved', 'shipped_in_part', 'shipped', 'delivered')),
      ADD CONSTRAINT orders_status_derived CHECK (status = CASE
        WHEN commercial <> 'placed' THEN commercial
        WHEN fulfilment = 'unreserved' THEN 'approved'
        WHEN fulfilment = 'backordered' THEN 'backordered'
        WHEN fulfilment IN ('reserved', 'shipped_in_part') THEN CASE WHEN payment = 'paid' OR payment_terms = 'credit' THEN 'ready_to_ship' ELSE 'awaiting_payment' END
        ELSE fulfilment END),
      DROP COLUMN stock_reserved, DROP COLUMN paid, DROP COLUMN shipped_in_part, DROP COLUMN version`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE orders DROP CONSTRAINT orders_status_derived, DROP CONSTRAINT orders_commercial, DROP CONSTRAINT orders_payment, DROP CONSTRAINT orders_fulfilment,
      ADD COLUMN stock_reserved boolean NOT NULL DEFAULT false, ADD COLUMN paid boolean NOT NULL DEFAULT false, ADD COLUMN shipped_in_part boolean NOT NULL DEFAULT false,
      ADD COLUMN version integer NOT NULL DEFAULT 1`);
    await db.query(`UPDATE orders SET paid = payment = 'paid', stock_reserved = fulfilment NOT IN ('unreserved', 'backordered'), shipped_in_part = fulfilment IN ('shipped_in_part', 'shipped', 'delivered')`);
    await db.query(`ALTER TABLE orders DROP COLUMN commercial, DROP COLUMN payment, DROP COLUMN fulfilment`);
    await db.query(`CREATE TABLE order_history (
      id bigserial PRIMARY KEY, order_id uuid NOT NULL REFERENCES orders(id), from_status text NOT NULL, to_status text NOT NULL,
      reason text NOT NULL, actor_id text NOT NULL, event_id uuid, at timestamptz NOT NULL DEFAULT clock_timestamp()
    )`);
    await db.query(`INSERT INTO order_history (order_id, from_status, to_status, reason, actor_id, event_id, at)
      SELECT aggregate_id::uuid, from_state, to_state, reason, actor_id, event_id, at FROM state_history WHERE aggregate = 'order' ORDER BY id`);
    await db.query(`DROP TABLE state_history`);
  }
}

import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business accounts of the online store (buyers linked to a customer, suppliers, service providers) reviewed
 * before they trade, and after-sales service tickets (domain.md, business accounts; service tickets). Status
 * columns are written only by their AggregateStore; history goes to state_history.
 */
export class BusinessAccountsAndTickets1765730000000 implements MigrationInterface {
  name = 'BusinessAccountsAndTickets1765730000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE business_accounts (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('buyer', 'supplier', 'service_provider')),
      sub_kind text,
      status text NOT NULL CHECK (status IN ('pending_review', 'approved', 'rejected', 'suspended')),
      company_name text NOT NULL,
      credit_code text NOT NULL CHECK (credit_code ~ '^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$'),
      contact_name text NOT NULL,
      contact_phone text NOT NULL,
      contact_email text,
      customer_id uuid REFERENCES customers(id),
      documents jsonb NOT NULL DEFAULT '[]',
      registered_by text NOT NULL,
      registered_at timestamptz NOT NULL,
      reviewed_by text,
      reviewed_at timestamptz,
      decision_reason text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'buyer') = (customer_id IS NOT NULL)),
      CHECK (reviewed_by IS NULL OR reviewed_by <> registered_by),
      CHECK (status = 'pending_review' OR reviewed_by IS NOT NULL)
    )`);
    // One live registration per company and kind; one buyer account per customer (the order check reads it by this index).
    await db.query(`CREATE UNIQUE INDEX business_accounts_code ON business_accounts (credit_code, kind) WHERE status <> 'rejected'`);
    await db.query(`CREATE UNIQUE INDEX business_accounts_buyer ON business_accounts (customer_id) WHERE customer_id IS NOT NULL AND status <> 'rejected'`);
    await db.query(`CREATE INDEX business_accounts_list ON business_accounts (status, registered_at DESC)`);

    await db.query(`CREATE TABLE service_tickets (
      id uuid PRIMARY KEY,
      number text NOT NULL UNIQUE,
      kind text NOT NULL CHECK (kind IN ('inquiry', 'complaint', 'return_request', 'exchange_request')),
      status text NOT NULL CHECK (status IN ('open', 'in_progress', 'resolved', 'closed')),
      channel text NOT NULL CHECK (channel IN ('phone', 'online_chat', 'email', 'store', 'wechat')),
      subject text NOT NULL,
      customer_id uuid REFERENCES customers(id),
      customer_name text NOT NULL,
      customer_phone text,
      order_id uuid REFERENCES orders(id),
      order_number text,
      owner text NOT NULL,
      opened_by text NOT NULL,
      opened_at timestamptz NOT NULL,
      deadline_at timestamptz NOT NULL CHECK (deadline_at > opened_at),
      notes jsonb NOT NULL DEFAULT '[]',
      first_response_at timestamptz,
      resolution text,
      resolved_at timestamptz,
      closed_at timestamptz,
      satisfaction smallint CHECK (satisfaction BETWEEN 1 AND 5),
      feedback text,
      return_id uuid,
      rma_number text,
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK (customer_id IS NOT NULL OR (kind = 'inquiry' AND customer_phone IS NOT NULL AND order_id IS NULL)),
      CHECK ((status = 'closed') = (closed_at IS NOT NULL AND satisfaction IS NOT NULL)),
      CHECK (status NOT IN ('resolved', 'closed') OR resolved_at IS NOT NULL),
      CHECK (return_id IS NULL OR kind = 'return_request')
    )`);
    await db.query(`CREATE INDEX service_tickets_list ON service_tickets (opened_at DESC)`);
    await db.query(`CREATE INDEX service_tickets_overdue ON service_tickets (deadline_at) WHERE status IN ('open', 'in_progress')`);
    await db.query(`CREATE INDEX service_tickets_owner ON service_tickets (owner, opened_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['service_tickets', 'business_accounts']) await db.query(`DROP TABLE ${table}`);
  }
}

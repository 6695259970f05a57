import type { ListAuditQuery, Page, AuditEntryView } from '@ops/contracts';
import { pageWindow } from '@ops/contracts';
import type { AuditEntry } from '@ops/messaging';
import { appendRow, type AppendOnlyTable } from '@ops/persistence';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Each service's own append-only audit table (domain.md §9): a trigger refuses UPDATE, DELETE and
 * TRUNCATE for every database role, the application's included.
 */
// Frozen: committed migrations run this text. A change is a new constant and a new migration.
export const AUDIT_LOG_DDL: string[] = [
  `CREATE TABLE audit_log (
     id bigserial PRIMARY KEY,
     at timestamptz NOT NULL DEFAULT clock_timestamp(),
     actor_id text NOT NULL,
     actor_roles text[] NOT NULL,
     command text NOT NULL,
     target text,
     request_id text NOT NULL,
     outcome text NOT NULL CHECK (outcome IN ('done', 'refused', 'rejected', 'failed')),
     status integer NOT NULL,
     summary jsonb NOT NULL DEFAULT '{}'::jsonb
   )`,
  `CREATE INDEX audit_log_at ON audit_log (at)`,
  `CREATE INDEX audit_log_actor ON audit_log (actor_id, at)`,
  `CREATE INDEX audit_log_target ON audit_log (target, at)`,
  `CREATE FUNCTION refuse_audit_change() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$`,
  `CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION refuse_audit_change()`,
  `CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION refuse_audit_change()`,
];

export const AUDIT_LOG_DROP: string[] = ['DROP TABLE IF EXISTS audit_log', 'DROP FUNCTION IF EXISTS refuse_audit_change()'];

export const AUDIT_LOG_TABLE: AppendOnlyTable = {
  name: 'audit_log',
  columns: { actor_id: 'text', actor_roles: 'text[]', command: 'text', target: 'text', request_id: 'text', outcome: 'text', status: 'integer', summary: 'jsonb' },
};

/** Appends one line, in `db`'s transaction when it is one (a command's own audit line commits with it). */
export async function appendAudit(db: DataSource | EntityManager, entry: AuditEntry): Promise<void> {
  await appendRow(db, AUDIT_LOG_TABLE, {
    actor_id: entry.actor?.userId ?? '(none)', actor_roles: entry.actor?.roles ?? [], command: entry.command, target: entry.target, request_id: entry.requestId,
    outcome: entry.outcome, status: entry.status, summary: entry.summary,
  });
}

export async function listAudit(db: DataSource | EntityManager, query: ListAuditQuery): Promise<Page<AuditEntryView>> {
  const { page, pageSize, offset } = pageWindow(query);
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, value: unknown) => {
    params.push(value);
    conditions.push(sql.replace('?', `$${params.length}`));
  };
  if (query.userId) add('actor_id = ?', query.userId);
  if (query.target) add('target = ?', query.target);
  if (query.command) add('command = ?', query.command);
  if (query.outcome) add('outcome = ?', query.outcome);
  if (query.from) add('at >= ?', query.from);
  if (query.to) add('at < ?', query.to);
  const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
  const [{ total }] = await db.query(`SELECT count(*)::int AS total FROM audit_log ${where}`, params);
  const rows: Array<Record<string, any>> = await db.query(
    `SELECT id, at, actor_id, actor_roles, command, target, request_id, outcome, status, summary FROM audit_log ${where} ORDER BY id DESC LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  return {
    items: rows.map((r) => ({
      id: Number(r.id), at: new Date(r.at).toISOString(), actorId: r.actor_id, actorRoles: r.actor_roles, command: r.command,
      target: r.target, requestId: r.request_id, outcome: r.outcome, status: r.status, summary: r.summary,
    })),
    page,
    pageSize,
    total,
  };
}

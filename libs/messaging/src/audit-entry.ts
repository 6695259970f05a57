import type { Actor } from '@ops/contracts';

/** One line of a service's audit trail: who did what to which document, and how it ended. */
export interface AuditEntry {
  command: string;
  actor: Actor | null;
  requestId: string;
  target: string | null;
  outcome: 'done' | 'refused' | 'rejected' | 'failed';
  status: number;
  summary: Record<string, unknown>;
}

/** The audit line of a request and its result. */
export function auditEntry(command: string, actor: Actor | null, requestId: string, outcome: AuditEntry['outcome'], status: number, payload: unknown, result?: unknown): AuditEntry {
  return { command, actor, requestId, target: targetOf(payload, result), outcome, status, summary: summarize(payload, result) };
}

/** Never kept in an audit line: secrets, and a person's identity document number (a visitor's is stored masked, domain.md §7). */
const SECRET_FIELDS = /password|secret|token|idNumber/i;

/** What the audit keeps of a request and its result: the fields, secrets masked, long text cut. */
export function summarize(payload: unknown, result?: unknown): Record<string, unknown> {
  // A control character cannot be stored in jsonb (NUL) and hides what was sent: each shows as U+FFFD.
  const visible = (text: string) => text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD');
  const clip = (value: unknown, depth = 0): unknown => {
    if (typeof value === 'string') return visible(value.length > 200 ? `${value.slice(0, 200)}…` : value);
    if (Array.isArray(value)) return depth > 2 ? `[${value.length} items]` : value.slice(0, 20).map((v) => clip(v, depth + 1));
    if (value && typeof value === 'object') {
      if (depth > 2) return '{…}';
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [visible(k), SECRET_FIELDS.test(k) ? '***' : clip(v, depth + 1)]));
    }
    return value;
  };
  const after = result && typeof result === 'object' ? pick(result as Record<string, unknown>, ['id', 'number', 'status', 'totalFen', 'amountFen', 'orderId', 'code', 'sku']) : undefined;
  return { request: clip(payload), ...(after && Object.keys(after).length ? { result: after } : {}) };
}

function pick(source: Record<string, unknown>, keys: string[]): Record<string, unknown> {
  return Object.fromEntries(keys.filter((k) => source[k] !== undefined).map((k) => [k, source[k]]));
}

/** The document a command acted on: the id it names, or the id of what it created. */
export function targetOf(payload: unknown, result: unknown): string | null {
  for (const source of [result, payload]) {
    if (source && typeof source === 'object') {
      const s = source as Record<string, unknown>;
      for (const key of ['id', 'orderId', 'shipmentId', 'code', 'sku']) if (typeof s[key] === 'string') return s[key] as string;
    }
  }
  return null;
}

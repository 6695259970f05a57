import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './scripts.js';

interface ExportedSpan {
  service: string;
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  attributes: Record<string, string | number | boolean>;
}
const KIND = { internal: 1, server: 2, client: 3, producer: 4, consumer: 5 };

/**
 * One order placed on the platform as it runs in production (built services, one process each, the
 * OpenTelemetry instrumentations loaded, spans exported over OTLP/HTTP): scripts/trace-order.mjs collects
 * what every process exported. The spans must form one trace from the gateway's HTTP request down to the
 * Postgres statements of the inventory consumer that reacted to the event, with one request id throughout.
 */
describe('tracing one order across processes', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-trace-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('links gateway → sales → outbox publish → inventory consumer → its Postgres statements', async () => {
    const reportFile = join(dir, 'trace.json');
    await runScript('trace-order.mjs', { TRACE_REPORT: reportFile });
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as { requestId: string; answered: { requestId: string }; spans: ExportedSpan[] };
    const byId = new Map(report.spans.map((s) => [s.spanId, s]));
    const parentOf = (span: ExportedSpan) => (span.parentSpanId ? byId.get(span.parentSpanId) : undefined);
    const one = (what: string, found: ExportedSpan[]) => {
      if (found.length !== 1) throw new Error(`expected one ${what}, found ${found.length}: ${JSON.stringify(found.map((s) => `${s.service} ${s.name}`))}`);
      return found[0];
    };

    // The caller's X-Request-Id is the request's id everywhere: the answer, and the span of the service it reached.
    expect(report.answered.requestId).toBe(report.requestId);
    const salesCommand = one('sales command span', report.spans.filter((s) => s.service === 'sales' && s.kind === KIND.server && s.attributes['ops.request_id'] === report.requestId));
    const trace = report.spans.filter((s) => s.traceId === salesCommand.traceId);

    // gateway: HTTP server span (instrumentation) → the route → the NATS request → sales' command
    const request = parentOf(parentOf(salesCommand)!)!;
    expect([parentOf(salesCommand)?.service, parentOf(salesCommand)?.kind]).toEqual(['gateway', KIND.client]);
    expect([request.service, request.name, request.attributes['ops.request_id']]).toEqual(['gateway', 'POST /api/v1/sales/orders', report.requestId]);
    const httpServer = parentOf(request)!;
    expect([httpServer.service, httpServer.name, httpServer.kind, httpServer.parentSpanId]).toEqual(['gateway', 'POST /api/v1/sales/orders', KIND.server, null]);
    expect(httpServer.attributes['http.response.status_code'] ?? httpServer.attributes['http.status_code']).toBe(201);

    // sales' statements run under its command; the event it wrote is published under it
    expect(trace.some((s) => s.service === 'sales' && s.attributes['db.system.name'] === 'postgresql' && parentOf(s) === salesCommand)).toBe(true);
    const publish = one('publish of order-placed', trace.filter((s) => s.kind === KIND.producer && String(s.attributes['messaging.destination.name']).endsWith('sales.order.placed.v1')));
    expect(publish.service).toBe('sales');
    expect(parentOf(publish)).toBe(salesCommand);

    // inventory handles it under the publish, and its statements run under that
    const consumed = one('inventory consumer span', trace.filter((s) => s.service === 'inventory' && s.kind === KIND.consumer));
    expect(parentOf(consumed)).toBe(publish);
    const statements = trace.filter((s) => s.service === 'inventory' && s.attributes['db.system.name'] === 'postgresql' && parentOf(s) === consumed);
    expect(statements.length).toBeGreaterThan(2);
    // one span per statement: a statement is never counted twice
    expect(new Set(statements.map((s) => s.parentSpanId)).size).toBe(1);
    expect(statements.every((s) => !statements.some((other) => other.spanId === s.parentSpanId))).toBe(true);
    // finance heard the same event, in the same trace
    expect(trace.some((s) => s.service === 'finance' && s.kind === KIND.consumer && parentOf(s) === publish)).toBe(true);
  }, 240_000);
});

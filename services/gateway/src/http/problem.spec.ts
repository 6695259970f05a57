import type { ArgumentsHost } from '@nestjs/common';
import type { IdentityService } from '../identity/identity.service.js';
import { ProblemFilter } from './problem.js';

/** What the filter sends for `exception`: status and problem+json body. */
async function answered(exception: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const sent: { status: number; body: Record<string, unknown> } = { status: 0, body: {} };
  const reply = {
    status(code: number) { sent.status = code; return reply; },
    header() { return reply; },
    send(body: Record<string, unknown>) { sent.body = body; return reply; },
  };
  const request = { url: '/api/v1/auth/login', id: 'req-1' };
  const host = { switchToHttp: () => ({ getResponse: () => reply, getRequest: () => request }) } as unknown as ArgumentsHost;
  await new ProblemFilter({} as IdentityService).catch(exception, host);
  return sent;
}

/** The gateway's own routes (sign-in, sessions, users) read and write its tables: Postgres going away is not a bug there either. */
describe('the gateway problem filter, when its own database is away', () => {
  it('answers 503 database-unavailable when no connection could be had', async () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', syscall: 'connect' });
    const { status, body } = await answered(Object.assign(new Error('query failed'), { driverError: refused }));
    expect(status).toBe(503);
    expect(body).toMatchObject({ status: 503, title: 'Service unavailable', requestId: 'req-1' });
    expect(body.type).toMatch(/database-unavailable$/);
  });

  it('answers 504 database-connection-lost when the connection ended under the work', async () => {
    const { status, body } = await answered(new Error('Connection terminated unexpectedly'));
    expect(status).toBe(504);
    expect(body.type).toMatch(/database-connection-lost$/);
    expect(body.detail).toMatch(/outcome is unknown.*same Idempotency-Key/);
  });

  it('still answers 500 internal-error for anything else', async () => {
    const { status, body } = await answered(new TypeError('cannot read properties of undefined'));
    expect(status).toBe(500);
    expect(body.type).toMatch(/internal-error$/);
  });
});

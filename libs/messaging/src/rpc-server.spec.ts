import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { RPC_HEADER, rpcSubject, type RpcReply } from '@ops/contracts';
import pg from 'pg';
import { Registry } from 'prom-client';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { Naming } from './naming.js';
import { RpcServer, type RpcGuard } from './rpc-server.js';

/** A loopback port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Real NATS and the real Postgres driver: what a client is told when a command cannot run. */
describe('the RPC server, when a command fails', () => {
  let nc: NatsConnection;
  let server: RpcServer;
  let naming: Naming;
  const audited: Array<{ outcome: string; status: number }> = [];
  const warnings: string[] = [];
  const errors: string[] = [];

  const guard: RpcGuard = {
    verifyActor: () => ({ userId: 'u-1', roles: ['tester'] }),
    decide: () => ({ allowed: true, kind: 'command' }),
    audit: async (entry) => void audited.push({ outcome: entry.outcome, status: entry.status }),
  };

  beforeAll(async () => {
    nc = await connect({ servers: process.env.TEST_NATS_URL });
    naming = new Naming(`rpc_${randomBytes(4).toString('hex')}`);
    const logger = { log: () => undefined, warn: (_: unknown, m: string) => void warnings.push(m), error: (_: unknown, m: string) => void errors.push(m) };
    server = new RpcServer({ service: 'sales', nc, naming, logger, registry: new Registry(), guard });
    const port = await closedPort();
    server.register({
      name: 'record-without-database',
      handle: async () => {
        const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
        await client.connect();
        return {};
      },
    });
    server.register({
      name: 'record-when-the-connection-drops',
      handle: async () => {
        const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
        client.on('error', () => undefined); // the socket closing after the server ended the session
        await client.connect();
        try {
          await client.query('BEGIN');
          await client.query('SELECT 1');
          // Postgres ends this session as a fast shutdown would (57P01), in the middle of the transaction.
          await client.query('SELECT pg_terminate_backend(pg_backend_pid())');
          await client.query('COMMIT');
          return {};
        } finally {
          await client.end().catch(() => undefined);
        }
      },
    });
    server.register({ name: 'record-with-a-bug', handle: async () => { throw new TypeError('cannot read properties of undefined'); } });
    server.start();
    await nc.flush();
  });

  afterAll(async () => {
    await server.stop();
    await nc.close();
  });

  beforeEach(() => {
    audited.length = 0;
    warnings.length = 0;
    errors.length = 0;
  });

  const ask = async (name: string): Promise<RpcReply> => {
    const h = headers();
    h.set(RPC_HEADER.requestId, `req-${name}`);
    return (await nc.request(naming.subject(rpcSubject('sales', name)), '{}', { timeout: 5_000, headers: h })).json<RpcReply>();
  };

  it('answers 503 database-unavailable, to be tried again, when no connection to Postgres could be had', async () => {
    const reply = await ask('record-without-database');
    expect(reply).toMatchObject({ ok: false, problem: { status: 503, title: 'Service unavailable' } });
    expect(!reply.ok && reply.problem.type).toMatch(/database-unavailable$/);
    expect(!reply.ok && reply.problem.detail).toMatch(/could not run the request; try again/);
    expect(warnings).toEqual(['request not run: the database cannot be reached']);
    expect(errors).toEqual([]);
    expect(audited).toEqual([]);
  });

  it('answers 504 database-connection-lost, outcome unknown, when the connection to Postgres ends during the request', async () => {
    const reply = await ask('record-when-the-connection-drops');
    expect(reply).toMatchObject({ ok: false, problem: { status: 504, title: 'Outcome unknown' } });
    expect(!reply.ok && reply.problem.type).toMatch(/database-connection-lost$/);
    expect(!reply.ok && reply.problem.detail).toMatch(/outcome is unknown.*same Idempotency-Key/);
    expect(warnings).toEqual(['outcome unknown: the database connection was lost during the request']);
    expect(errors).toEqual([]);
    // It may have committed with its own audit line: no 'failed' one is written beside it.
    expect(audited).toEqual([]);
  });

  it('still answers 500 internal-error, logged and audited as failed, for anything else', async () => {
    const reply = await ask('record-with-a-bug');
    expect(reply).toMatchObject({ ok: false, problem: { status: 500 } });
    expect(!reply.ok && reply.problem.type).toMatch(/internal-error$/);
    expect(errors).toEqual(['command failed']);
    expect(audited).toEqual([{ outcome: 'failed', status: 500 }]);
  });
});

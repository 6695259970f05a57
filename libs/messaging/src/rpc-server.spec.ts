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

  it('still answers 500 internal-error, logged and audited as failed, for anything else', async () => {
    const reply = await ask('record-with-a-bug');
    expect(reply).toMatchObject({ ok: false, problem: { status: 500 } });
    expect(!reply.ok && reply.problem.type).toMatch(/internal-error$/);
    expect(errors).toEqual(['command failed']);
    expect(audited).toEqual([{ outcome: 'failed', status: 500 }]);
  });
});

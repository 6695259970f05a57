// Jest loads this file outside the module mapper, so it imports npm packages only.
import { connect } from '@nats-io/transport-node';
import pg from 'pg';

interface Infrastructure {
  databaseUrl: string;
  natsUrl: string;
  source: 'environment' | 'testcontainers' | 'local';
  stop(): Promise<void>;
}

const LOCAL = { databaseUrl: 'postgres://postgres@127.0.0.1:5432/postgres', natsUrl: 'nats://127.0.0.1:4222' };

/**
 * Finds Postgres and NATS for a test run, in this order: TEST_DATABASE_URL/TEST_NATS_URL when set;
 * Testcontainers when a Docker engine answers; else the services running on this machine. The
 * answer reaches the test workers through the environment; each test file then makes its own
 * database and subject prefix (see test-environment.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.TEST_DATABASE_URL && process.env.TEST_NATS_URL) return;
  const infrastructure = (process.env.TESTCONTAINERS_DISABLED ? null : await startContainers()) ?? (await local());
  process.env.TEST_DATABASE_URL = infrastructure.databaseUrl;
  process.env.TEST_NATS_URL = infrastructure.natsUrl;
  (globalThis as { __opsInfrastructure?: Infrastructure }).__opsInfrastructure = infrastructure;
  if (process.env.CI) console.log(`\ntest infrastructure: ${infrastructure.source} (Postgres ${infrastructure.databaseUrl}, NATS ${infrastructure.natsUrl})`);
}

async function startContainers(): Promise<Infrastructure | null> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return null; // no Docker engine answers: use the local services
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const { NatsContainer } = await import('@testcontainers/nats');
  const [postgres, nats] = await Promise.all([
    new PostgreSqlContainer('postgres:15-alpine').withUsername('postgres').withPassword('postgres').start(),
    new NatsContainer('nats:2.10-alpine').withJetStream().start(),
  ]);
  return {
    databaseUrl: postgres.getConnectionUri(),
    natsUrl: `nats://${nats.getConnectionOptions().user}:${nats.getConnectionOptions().pass}@${nats.getHost()}:${nats.getMappedPort(4222)}`,
    source: 'testcontainers',
    stop: async () => {
      await Promise.all([postgres.stop(), nats.stop()]);
    },
  };
}

async function local(): Promise<Infrastructure> {
  const client = new pg.Client({ connectionString: LOCAL.databaseUrl, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new Error(`No Docker engine, and Postgres is not reachable at ${LOCAL.databaseUrl} (${(error as Error).message}). Start it, or set TEST_DATABASE_URL and TEST_NATS_URL.`);
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    const nc = await connect({ servers: LOCAL.natsUrl, timeout: 3_000 });
    await nc.close();
  } catch (error) {
    throw new Error(`No Docker engine, and NATS is not reachable at ${LOCAL.natsUrl} (${(error as Error).message}). Start it with JetStream (-js), or set TEST_NATS_URL.`);
  }
  return { ...LOCAL, source: 'local', stop: async () => undefined };
}


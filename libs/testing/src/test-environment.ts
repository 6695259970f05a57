import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { deleteStreams, Naming } from '@ops/messaging';
import { dropDatabase, ensureDatabase, withDatabase } from '@ops/persistence';
import { randomBytes } from 'node:crypto';

export interface TestEnvironment {
  runId: string;
  /** This run's own database. */
  databaseUrl: string;
  natsUrl: string;
  /** This run's own subject and stream prefix. */
  subjectPrefix: string;
  naming: Naming;
  dispose(): Promise<void>;
}

/**
 * A database and a subject/stream prefix of the test file's own, so runs never collide; `dispose`
 * drops the database and deletes the streams.
 */
export async function createTestEnvironment(): Promise<TestEnvironment> {
  const baseUrl = process.env.TEST_DATABASE_URL;
  const natsUrl = process.env.TEST_NATS_URL;
  if (!baseUrl || !natsUrl) throw new Error('TEST_DATABASE_URL and TEST_NATS_URL are unset: run through the jest config, whose global setup resolves them');
  const runId = randomBytes(4).toString('hex');
  const databaseUrl = withDatabase(baseUrl, `ops_test_${runId}`);
  await ensureDatabase(databaseUrl);
  const subjectPrefix = `t_${runId}`;
  const naming = new Naming(subjectPrefix);
  return {
    runId,
    databaseUrl,
    natsUrl,
    subjectPrefix,
    naming,
    async dispose() {
      const nc = await connect({ servers: natsUrl });
      try {
        await deleteStreams(await jetstreamManager(nc), naming);
      } finally {
        await nc.close();
      }
      await dropDatabase(databaseUrl);
    },
  };
}

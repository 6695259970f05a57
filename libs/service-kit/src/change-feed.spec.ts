import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ChangeFeed } from './change-feed.js';
import type { ServiceConfig } from './config.js';

/** Real Postgres: a long poll's wait, woken by a NOTIFY at commit, and across its LISTEN connection ending. */
describe('the change feed', () => {
  const run = randomBytes(4).toString('hex');
  const config = { service: `feed_${run}`, instanceId: `feed-${run}`, databaseUrl: process.env.TEST_DATABASE_URL } as unknown as ServiceConfig;
  let feed: ChangeFeed;
  let admin: pg.Client;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    feed = new ChangeFeed(config);
    await feed.onApplicationBootstrap();
  });

  afterAll(async () => {
    await feed.beforeApplicationShutdown();
    await admin.end();
  });

  /** Polls `condition` until it holds, for at most `ms`. */
  async function until(condition: () => boolean | Promise<boolean>, ms = 5_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  const listeners = async () => Number((await admin.query('SELECT count(*) FROM pg_stat_activity WHERE application_name = $1', [`${config.instanceId}:changes`])).rows[0].count);

  it('answers a waiting read as soon as the change it waits for is announced', async () => {
    let changed = false;
    const started = Date.now();
    const waiting = feed.until('order-1', 20, async () => changed, (found) => found);
    await new Promise((resolve) => setTimeout(resolve, 100));
    changed = true;
    await admin.query(`SELECT pg_notify($1, 'order-1')`, [`changes_${config.service}`]);
    await expect(waiting).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reads again once it listens again after its connection ended: a notice sent while none listened is lost', async () => {
    let changed = false;
    let reads = 0;
    const started = Date.now();
    const waiting = feed.until('order-2', 20, async () => (reads++, changed), (found) => found);
    await until(() => reads === 1);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [`${config.instanceId}:changes`]);
    // The read the ending itself set off finds nothing yet; the change commits while no connection listens.
    await until(() => reads === 2);
    changed = true;
    await expect(waiting).resolves.toBe(true);
    expect(Date.now() - started).toBeLessThan(10_000);
    await until(async () => (await listeners()) === 1);
  });
});

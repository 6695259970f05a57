import { databaseStatements, inReadSnapshot, openServiceDataSource } from '@ops/persistence';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';
import type { DataSource, EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

/** A read of several statements against a commit that lands between them, on real Postgres. */
describe('a read in one snapshot', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  const statements = databaseStatements('snap'); // the data source's connections: application_name is its schema

  beforeAll(async () => {
    env = await createTestEnvironment();
    ds = await openServiceDataSource({ url: env.databaseUrl, schema: 'snap', entities: [], migrations: [], poolSize: 3 });
    await ds.query(`CREATE TABLE parcels (id uuid PRIMARY KEY, status text NOT NULL)`);
    await ds.query(`CREATE TABLE parcel_history (parcel_id uuid NOT NULL, status text NOT NULL)`);
  });

  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  const newParcel = async () => {
    const id = uuidv7();
    await ds.query(`INSERT INTO parcels VALUES ($1, 'packed')`, [id]);
    await ds.query(`INSERT INTO parcel_history VALUES ($1, 'packed')`, [id]);
    return id;
  };
  /** Another connection ships the parcel and commits. */
  const shipElsewhere = (id: string) =>
    ds.transaction(async (tx) => {
      await tx.query(`UPDATE parcels SET status = 'shipped' WHERE id = $1`, [id]);
      await tx.query(`INSERT INTO parcel_history VALUES ($1, 'shipped')`, [id]);
    });
  /** The parcel's row, then (after the commit elsewhere) its history: two statements, like a view of an order. */
  const readAcrossTheCommit = async (db: EntityManager, id: string) => {
    const [{ status }] = await db.query(`SELECT status FROM parcels WHERE id = $1`, [id]);
    await shipElsewhere(id);
    const history = (await db.query(`SELECT status FROM parcel_history WHERE parcel_id = $1 ORDER BY status DESC`, [id])).map((r: { status: string }) => r.status);
    return { status, history };
  };

  it('answers the row and its history as of one moment, though a commit lands between the two statements', async () => {
    const id = await newParcel();
    expect(await inReadSnapshot(ds, (db) => readAcrossTheCommit(db, id))).toEqual({ status: 'packed', history: ['packed'] });
    // The commit did land; a read after it sees it.
    expect(await inReadSnapshot(ds, async (db) => (await db.query(`SELECT status FROM parcels WHERE id = $1`, [id]))[0].status)).toBe('shipped');
  });

  it('(the control) statement by statement, the same read is torn: the row from before the commit, the history from after it', async () => {
    const id = await newParcel();
    expect(await readAcrossTheCommit(ds.manager, id)).toEqual({ status: 'packed', history: ['shipped', 'packed'] });
  });

  it('refuses a write, and nothing is written', async () => {
    const id = await newParcel();
    await expect(inReadSnapshot(ds, (db) => db.query(`UPDATE parcels SET status = 'lost' WHERE id = $1`, [id]))).rejects.toThrow(/read-only transaction/);
    expect((await ds.query(`SELECT status FROM parcels WHERE id = $1`, [id]))[0].status).toBe('packed');
  });

  it('costs two statements beyond the reads, and gives its connection back', async () => {
    const id = await newParcel();
    const before = statements();
    for (let i = 0; i < 5; i++) await inReadSnapshot(ds, (db) => db.query(`SELECT status FROM parcels WHERE id = $1`, [id]));
    expect(statements() - before).toBe(5 * 3);
    // A pool of three served five snapshots one after another, and no connection stays in a transaction.
    const open = await ds.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'snap' AND state LIKE 'idle in transaction%'`);
    expect(open[0].n).toBe(0);
  });
});

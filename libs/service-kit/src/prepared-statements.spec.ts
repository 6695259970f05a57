import { prepareRepeatedStatements } from '@ops/persistence';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';
import pg from 'pg';

/** Named statements on real Postgres: their rows, read with the columns described once, as pg reads them itself. */
describe('named statements', () => {
  let env: TestEnvironment;
  let client: pg.Client;
  // Every kind of column the services read, nulls and an empty result included.
  const many = `SELECT $1::int AS n, $1::bigint AS big, 1.250::numeric(12,3) AS weight, $2::text AS label, NULL::text AS nothing, true AS yes,
    '{"names":["top","易碎"]}'::jsonb AS labels, ARRAY['a','b']::text[] AS tags, '2026-11-30'::date AS packed_on,
    '2026-11-30T08:15:00.123Z'::timestamptz AS sealed_at, '\\x0102'::bytea AS raw, gen_random_uuid() IS NOT NULL AS has_id
    FROM generate_series(1, $1::int)`;

  beforeAll(async () => {
    env = await createTestEnvironment();
    prepareRepeatedStatements();
    client = new pg.Client({ connectionString: env.databaseUrl });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    await env?.dispose();
  });

  /** The same statement as pg runs it on its own: unnamed, described and parsed afresh. */
  const asPgDoes = (text: string, values: unknown[]) => client.query({ text, values });

  it('give the rows pg gives, every time, and work out the columns only the first time', async () => {
    const first = await client.query(many, [3, 'first']);
    const addFields = jest.spyOn(Object.getPrototypeOf(first) as { addFields(fields: unknown[]): void }, 'addFields');
    try {
      for (const [n, label] of [[2, 'again'], [0, 'none'], [4, '再来']] as const) {
        const named = await client.query(many, [n, label]);
        expect(named.rows).toEqual((await asPgDoes(many, [n, label])).rows);
        expect(named.fields.map((f) => f.name)).toEqual(first.fields.map((f) => f.name));
        expect(named.rowCount).toBe(n);
      }
      // Only the unnamed reference queries described their columns.
      expect(addFields).toHaveBeenCalledTimes(3);
      expect(first.rows[0]).toEqual({
        n: 3, big: '3', weight: '1.250', label: 'first', nothing: null, yes: true, labels: { names: ['top', '易碎'] }, tags: ['a', 'b'],
        packed_on: new Date(2026, 10, 30), sealed_at: new Date('2026-11-30T08:15:00.123Z'), raw: Buffer.from([1, 2]), has_id: true,
      });
    } finally {
      addFields.mockRestore();
    }
  });

  it('ask Postgres to describe the columns only on a statement\'s first run on the connection', async () => {
    const connection = (client as unknown as { connection: NodeJS.EventEmitter }).connection;
    let descriptions = 0;
    const counted = () => descriptions++;
    connection.on('rowDescription', counted);
    try {
      const text = `SELECT $1::int AS n, $2::text AS label FROM generate_series(1, $1::int)`;
      expect((await client.query(text, [2, 'first'])).rows).toEqual([{ n: 2, label: 'first' }, { n: 2, label: 'first' }]);
      expect(descriptions).toBe(1);
      // Pipelined, as a transaction's statements go: each answered with its own rows, none described again.
      const again = await Promise.all([1, 0, 3].map((n) => client.query(text, [n, `run ${n}`])));
      expect(again.map((r) => [r.rowCount, r.rows[0] ?? null, r.fields.map((f) => f.name)])).toEqual([
        [1, { n: 1, label: 'run 1' }, ['n', 'label']], [0, null, ['n', 'label']], [3, { n: 3, label: 'run 3' }, ['n', 'label']],
      ]);
      expect(descriptions).toBe(1);
      // A statement Postgres refuses (a value out of range) fails alone; the connection goes on.
      await expect(client.query(text, [1n << 70n, 'too big'])).rejects.toThrow();
      expect((await client.query(text, [1, 'after'])).rows).toEqual([{ n: 1, label: 'after' }]);
      // pg's own unnamed statements are described every time, as before.
      await asPgDoes(text, [1, 'unnamed']);
      await asPgDoes(text, [1, 'unnamed']);
      expect(descriptions).toBe(3);
    } finally {
      connection.off('rowDescription', counted);
    }
  });

  it('keep each statement columns apart, and read a statement that returns no columns', async () => {
    const one = `SELECT $1::int AS a`;
    const other = `SELECT $1::text AS b, $1::text AS c`;
    expect((await client.query(one, [1])).rows).toEqual([{ a: 1 }]);
    expect((await client.query(other, ['x'])).rows).toEqual([{ b: 'x', c: 'x' }]);
    expect((await client.query(one, [2])).rows).toEqual([{ a: 2 }]);
    expect((await client.query(other, ['y'])).rows).toEqual([{ b: 'y', c: 'y' }]);
    await client.query(`CREATE TEMP TABLE marks (v int)`);
    for (const v of [1, 2]) expect((await client.query(`INSERT INTO marks (v) VALUES ($1)`, [v])).rowCount).toBe(1);
    for (const v of [1, 2]) expect((await client.query(`INSERT INTO marks (v) VALUES ($1) RETURNING v`, [v])).rows).toEqual([{ v }]);
  });
});

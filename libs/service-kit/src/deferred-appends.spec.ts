import { INBOX_TABLE, MESSAGING_TABLES_DDL, OUTBOX_TABLE } from '@ops/messaging';
import { AlreadyClaimedError, appendRow, readsUnderLocks, REFUSE_UNLESS_DDL, retryUnderLocks, StaleReadError, staleWhen, databaseStatements, deferAppends, DOCUMENT_SEQUENCES_DDL, formatDocumentNumber, holdsNumberRow, numberAtCommit, numberDrawnInStatement, flushAppends, withDrawnNumbers, insertAtFlush, notifyAtCommit, openServiceDataSource, queryTogether, rowByKey, rowsAppendedIn, rowsWhere, roundTripsOf, statementsSentIn, updateAtFlush, writeAtFlush } from '@ops/persistence';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@ops/testing';
import pg from 'pg';
import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type DataSource, type EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { AUDIT_LOG_DDL, AUDIT_LOG_TABLE } from './audit-trail.js';
import { historyOf, historyOfCreated, STATE_HISTORY_DDL, STATE_HISTORY_TABLE } from './state-history.js';

/** A row the tests update the way an aggregate store does. */
@Entity({ name: 'parcels' })
class ParcelEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') status!: string;
  @Column('jsonb') labels!: string[];
  @Column('integer', { default: 1 }) pieces!: number;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** Notes on parcels, keyed by a sequence of the database's. */
@Entity({ name: 'parcel_notes' })
class ParcelNoteEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('text') note!: string;
}

/** A parcel's lines: rows that must find their parcel (a foreign key). */
@Entity({ name: 'parcel_items' })
class ParcelItemEntity {
  @PrimaryColumn('uuid', { name: 'parcel_id' }) parcelId!: string;
  @PrimaryColumn('integer', { name: 'line_no' }) lineNo!: number;
  @Column('text') sku!: string;
}

/**
 * A command's or an event's appends (history, audit line, outbox, inbox) and its NOTIFYs, held until
 * the end of its transaction and written in one statement, on real Postgres.
 */
describe('deferred appends', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  let listener: pg.Client;
  const heard: string[] = [];
  const statements = databaseStatements('kit'); // the data source's connections: application_name is its schema

  const history = (aggregateId: string, to: string) => ({
    aggregate: 'order', aggregate_id: aggregateId, from_state: 'draft', to_state: to, reason: `to ${to}`, changes: { status: { before: 'draft', after: to } },
    actor_id: 'u1', event_id: null, request_id: 'r1',
  });
  const audit = (target: string) => ({ actor_id: 'u1', actor_roles: ['sales_rep', 'sales_manager'], command: 'approveOrder', target, request_id: 'r1', outcome: 'done', status: 200, summary: { note: 'it\'s "quoted"' } });
  const outbox = () => ({ id: uuidv7(), subject: 'sales.order.approved', type: 'sales.order.approved', envelope: { data: { n: 1 } }, headers: { traceparent: 'x' } });
  const count = async (table: string, where = 'true', params: unknown[] = []) => Number((await ds.query(`SELECT count(*) FROM ${table} WHERE ${where}`, params))[0].count);

  /**
   * Runs a deferred transaction while another connection holds the parcel `id` locked, and lets go once
   * `behind` statements wait on the wire behind the blocked one (pg keeps the running statement apart
   * from those sent after it): proof they were sent without waiting for its answer.
   */
  const sentBehindLock = async <T>(id: string, behind: number, work: (tx: EntityManager) => Promise<T>): Promise<T> => {
    const blocker = new pg.Client({ connectionString: env.databaseUrl });
    await blocker.connect();
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT 1 FROM kit.parcels WHERE id = $1 FOR UPDATE`, [id]);
      let client: (pg.Client & { _sentQueryQueue: unknown[] }) | undefined;
      const running = ds.transaction(async (tx) => {
        deferAppends(tx);
        client = (await tx.queryRunner!.connect()) as typeof client;
        await tx.query(`SELECT 1`);
        return work(tx);
      });
      await waitFor(`${behind} statement(s) sent behind the blocked one`, () => client?._sentQueryQueue.length === behind, { timeoutMs: 5_000 });
      await blocker.query('COMMIT');
      return await running;
    } finally {
      await blocker.end();
    }
  };

  beforeAll(async () => {
    env = await createTestEnvironment();
    ds = await openServiceDataSource({ url: env.databaseUrl, schema: 'kit', entities: [ParcelEntity, ParcelItemEntity, ParcelNoteEntity], migrations: [], poolSize: 3 });
    for (const ddl of [...MESSAGING_TABLES_DDL, ...STATE_HISTORY_DDL, ...AUDIT_LOG_DDL, DOCUMENT_SEQUENCES_DDL, REFUSE_UNLESS_DDL]) await ds.query(ddl);
    await ds.query(`CREATE TABLE parcels (id uuid PRIMARY KEY, status text NOT NULL, labels jsonb NOT NULL, pieces integer NOT NULL DEFAULT 1 CHECK (pieces > 0), updated_at timestamptz NOT NULL DEFAULT now())`);
    await ds.query(`CREATE TABLE parcel_notes (id bigserial PRIMARY KEY, note text NOT NULL)`);
    await ds.query(`CREATE TABLE parcel_items (parcel_id uuid NOT NULL REFERENCES parcels, line_no integer NOT NULL, sku text NOT NULL, PRIMARY KEY (parcel_id, line_no))`);
    listener = new pg.Client({ connectionString: env.databaseUrl });
    await listener.connect();
    listener.on('notification', (n) => heard.push(`${n.channel}:${n.payload}`));
    await listener.query('LISTEN deferred_spec');
  });

  afterAll(async () => {
    await listener?.end();
    await ds?.destroy();
    await env?.dispose();
  });

  it('writes every deferred row and notification in one statement, at the end of the transaction', async () => {
    const orderId = uuidv7();
    const eventId = uuidv7();
    let sent = 0;
    await ds.transaction(async (tx) => {
      deferAppends(tx);
      await tx.query(`SELECT 1`); // a command's first read (START TRANSACTION goes with it)
      expect(await appendRow(tx, INBOX_TABLE, { consumer: 'c1', event_id: eventId })).toBe(true);
      await appendRow(tx, STATE_HISTORY_TABLE, history(orderId, 'approved'));
      await appendRow(tx, STATE_HISTORY_TABLE, history(orderId, 'confirmed'));
      await appendRow(tx, AUDIT_LOG_TABLE, audit(orderId));
      await appendRow(tx, OUTBOX_TABLE, outbox());
      await notifyAtCommit(tx, 'deferred_spec', `order:${orderId}`);
      await notifyAtCommit(tx, 'deferred_spec', `order:${orderId}`); // the same one twice is sent once
      const before = statements();
      await flushAppends(tx);
      sent = statements() - before;
      // Not yet committed: nobody has heard anything.
      expect(heard).toEqual([]);
    });
    expect(sent).toBe(1);
    expect(await count('inbox', 'event_id = $1', [eventId])).toBe(1);
    const rows = await ds.query(`SELECT to_state, changes FROM state_history WHERE aggregate_id = $1 ORDER BY id`, [orderId]);
    expect(rows).toEqual([
      { to_state: 'approved', changes: { status: { before: 'draft', after: 'approved' } } },
      { to_state: 'confirmed', changes: { status: { before: 'draft', after: 'confirmed' } } },
    ]);
    const [line] = await ds.query(`SELECT actor_roles, status, summary FROM audit_log WHERE target = $1`, [orderId]);
    expect(line).toEqual({ actor_roles: ['sales_rep', 'sales_manager'], status: 200, summary: { note: 'it\'s "quoted"' } });
    expect(await count('outbox')).toBe(1);
    await waitFor('the notification after commit', () => heard.length > 0, { timeoutMs: 5_000 });
    expect(heard).toEqual([`deferred_spec:order:${orderId}`]);
  });

  it('writes a jsonb column given as text as the value it holds, and refuses text that is not one JSON value', async () => {
    const envelope = { id: 'e1', data: { note: 'it\'s "quoted"', lines: [{ sku: 'A-1', quantity: 2 }] } };
    const id = uuidv7();
    await ds.transaction(async (tx) => {
      deferAppends(tx);
      await tx.query(`SELECT 1`);
      await appendRow(tx, OUTBOX_TABLE, { ...outbox(), id, envelope: JSON.stringify(envelope) });
    });
    expect(await ds.query(`SELECT envelope, jsonb_typeof(envelope) AS kind FROM outbox WHERE id = $1`, [id])).toEqual([{ envelope, kind: 'object' }]);
    // Such text cannot add keys to the row's JSON (the flush's rows are one JSON text): it is refused, and nothing is written.
    const smuggled = uuidv7();
    await expect(ds.transaction(async (tx) => {
      deferAppends(tx);
      await tx.query(`SELECT 1`);
      await appendRow(tx, OUTBOX_TABLE, { ...outbox(), id: smuggled, envelope: '{}, "subject": "elsewhere"' });
    })).rejects.toThrow(SyntaxError);
    expect(await count('outbox', 'id = $1', [smuggled])).toBe(0);
  });

  it('writes a held row\'s own time, or the column\'s default where it left it empty; the history a transaction wrote is what is read once it commits', async () => {
    const orderId = uuidv7();
    const at = new Date('2026-03-04T05:06:07.089Z');
    let written: Awaited<ReturnType<typeof historyOfCreated>> = [];
    await ds.transaction(async (tx) => {
      deferAppends(tx);
      await tx.query(`SELECT 1`);
      await appendRow(tx, STATE_HISTORY_TABLE, { ...history(orderId, 'approved'), at });
      await appendRow(tx, STATE_HISTORY_TABLE, history(orderId, 'confirmed')); // no time: the table's clock_timestamp()
      await appendRow(tx, STATE_HISTORY_TABLE, { ...history(uuidv7(), 'other'), at });
      written = await historyOfCreated(tx, 'order', orderId);
    });
    const read = await historyOf(ds.manager, 'order', orderId);
    expect(read.map((h) => h.toState)).toEqual(['approved', 'confirmed']);
    expect(read[0].at).toEqual(at);
    expect(Date.now() - read[1].at.getTime()).toBeLessThan(60_000);
    expect(written.map(({ at: _, ...h }) => h)).toEqual(read.map(({ id: _, at: __, ...h }) => h));
    expect(written[0].at).toEqual(at);
    // Outside a deferred transaction it is read.
    expect((await historyOfCreated(ds.manager, 'order', orderId)).map((h) => h.toState)).toEqual(['approved', 'confirmed']);
  });

  it('runs a unit of work again, reading under locks, when its reads without a lock were stale at the COMMIT, and only then', async () => {
    const id = uuidv7();
    await ds.query(`INSERT INTO parcels (id, status, labels, pieces) VALUES ($1, 'packed', '[]', 1)`, [id]);
    const marked: boolean[] = [];
    const seen = await retryUnderLocks((prepare) => ds.transaction(async (tx) => {
      prepare(tx);
      deferAppends(tx);
      marked.push(readsUnderLocks(tx));
      const [{ pieces }] = await tx.query(`SELECT pieces FROM parcels WHERE id = $1${readsUnderLocks(tx) ? ' FOR UPDATE' : ''}`, [id]);
      // What it decides relies on the figure it read: the COMMIT says so.
      await writeAtFlush(tx, [`SELECT refuse_unless((SELECT pieces FROM parcels WHERE id = $1) = $2, 'the parcel')`, [id, pieces]], staleWhen('The parcel'));
      if (marked.length === 1) await ds.query(`UPDATE parcels SET pieces = 2 WHERE id = $1`, [id]); // another writer, before this COMMIT
      return pieces;
    }));
    expect(marked).toEqual([false, true]);
    expect(seen).toBe(2);
    const other = new Error('not stale');
    let calls = 0;
    await expect(retryUnderLocks(async () => {
      calls += 1;
      throw other;
    })).rejects.toBe(other);
    expect(calls).toBe(1);
    await expect(retryUnderLocks(async () => {
      throw new StaleReadError('It');
    })).rejects.toBeInstanceOf(StaleReadError); // stale twice: the second failure is thrown
  });

  it('finds an event handled before at the flush, and rolls the repeat back whole', async () => {
    const eventId = uuidv7();
    const orderId = uuidv7();
    await ds.transaction(async (tx) => {
      deferAppends(tx);
      await appendRow(tx, INBOX_TABLE, { consumer: 'c2', event_id: eventId });
      await flushAppends(tx);
    });
    const repeat = ds.transaction(async (tx) => {
      deferAppends(tx);
      await appendRow(tx, INBOX_TABLE, { consumer: 'c2', event_id: eventId });
      await appendRow(tx, STATE_HISTORY_TABLE, history(orderId, 'approved'));
      await tx.query(`INSERT INTO outbox (id, subject, type, envelope) VALUES ($1, 's', 't', '{}')`, [uuidv7()]);
      await flushAppends(tx);
    });
    await expect(repeat).rejects.toBeInstanceOf(AlreadyClaimedError);
    expect(await count('state_history', 'aggregate_id = $1', [orderId])).toBe(0);
    expect(await count('inbox', 'event_id = $1', [eventId])).toBe(1);
  });

  it('writes at once, and answers a repeated claim, in a transaction that did not defer', async () => {
    const eventId = uuidv7();
    const orderId = uuidv7();
    await ds.transaction(async (tx) => {
      expect(await appendRow(tx, INBOX_TABLE, { consumer: 'c3', event_id: eventId })).toBe(true);
      expect(await appendRow(tx, INBOX_TABLE, { consumer: 'c3', event_id: eventId })).toBe(false);
      await appendRow(tx, STATE_HISTORY_TABLE, history(orderId, 'approved'));
      expect(await count('state_history', 'aggregate_id = $1', [orderId])).toBe(0); // another connection: not committed yet
      expect(Number((await tx.query(`SELECT count(*) FROM state_history WHERE aggregate_id = $1`, [orderId]))[0].count)).toBe(1);
    });
    await appendRow(ds, AUDIT_LOG_TABLE, audit(orderId)); // a refusal's line, outside any transaction
    expect(await count('audit_log', 'target = $1', [orderId])).toBe(1);
  });

  it('writes nothing and tells no one when the transaction fails before its end', async () => {
    const orderId = uuidv7();
    heard.length = 0;
    const failing = ds.transaction(async (tx) => {
      deferAppends(tx);
      await appendRow(tx, STATE_HISTORY_TABLE, history(orderId, 'approved'));
      await notifyAtCommit(tx, 'deferred_spec', `order:${orderId}`);
      throw new Error('the domain refused');
    });
    await expect(failing).rejects.toThrow('the domain refused');
    await notifyAtCommit(ds, 'deferred_spec', 'marker'); // anything sent before it would arrive before it
    await waitFor('the marker notification', () => heard.includes('deferred_spec:marker'), { timeoutMs: 5_000 });
    expect(heard).toEqual(['deferred_spec:marker']);
    expect(await count('state_history', 'aggregate_id = $1', [orderId])).toBe(0);
  });

  describe('sent with the COMMIT', () => {
    it('writes what is still held with the COMMIT, without waiting for the flush\'s answer before sending it', async () => {
      const id = uuidv7();
      await ds.query(`INSERT INTO parcels (id, status, labels, pieces) VALUES ($1, 'packed', '[]', 1)`, [id]);
      // The flush waits for the blocker's lock, and the COMMIT is on the wire behind it already.
      await sentBehindLock(id, 1, async (tx) => {
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped' });
        await appendRow(tx, STATE_HISTORY_TABLE, history(id, 'shipped'));
      });
      expect((await ds.query(`SELECT status FROM parcels WHERE id = $1`, [id]))[0].status).toBe('shipped');
      expect(await count('state_history', 'aggregate_id = $1', [id])).toBe(1);
    });

    it('rolls a repeated inbox claim back whole when the COMMIT carries it', async () => {
      const eventId = uuidv7();
      const orderId = uuidv7();
      const handle = () => ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        await appendRow(tx, INBOX_TABLE, { consumer: 'c4', event_id: eventId });
        await appendRow(tx, STATE_HISTORY_TABLE, history(orderId, 'approved'));
      });
      await handle();
      await expect(handle()).rejects.toBeInstanceOf(AlreadyClaimedError);
      expect(await count('state_history', 'aggregate_id = $1', [orderId])).toBe(1);
      expect(await count('inbox', 'event_id = $1', [eventId])).toBe(1);
    });

    it('sends START TRANSACTION with the first statement, and nothing for a transaction that sent none', async () => {
      const single = await openServiceDataSource({ url: env.databaseUrl, schema: 'kit', entities: [ParcelEntity], migrations: [], poolSize: 1 });
      try {
        const before = statements();
        await single.transaction(async () => undefined);
        expect(statements() - before).toBe(0);
        const id = uuidv7();
        const failing = single.transaction(async (tx) => {
          await tx.query(`INSERT INTO parcels (id, status, labels, pieces) VALUES ($1, 'packed', '[]', 1)`, [id]);
          expect((await tx.query(`SELECT pg_current_xact_id_if_assigned() IS NOT NULL AS open`))[0].open).toBe(true);
          throw new Error('the domain refused');
        });
        await expect(failing).rejects.toThrow('the domain refused');
        // The first INSERT ran inside the transaction: the rollback took it back.
        expect(await count('parcels', 'id = $1', [id])).toBe(0);
        expect(await single.query(`SELECT pg_current_xact_id_if_assigned() IS NULL AS idle`)).toEqual([{ idle: true }]);
      } finally {
        await single.destroy();
      }
    });
  });

  describe('held row updates', () => {
    const parcel = async () => {
      const id = uuidv7();
      await ds.query(`INSERT INTO parcels (id, status, labels, pieces, updated_at) VALUES ($1, 'packed', '["fragile"]', 2, now() - interval '1 hour')`, [id]);
      return id;
    };
    const row = async (id: string) => (await ds.query(`SELECT status, labels, pieces, updated_at > now() - interval '1 minute' AS touched FROM parcels WHERE id = $1`, [id]))[0];

    it('writes the update with the appends, in the one flush statement, merging two changes of the same row', async () => {
      const id = await parcel();
      let sent = 0;
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`); // the aggregate's read (START TRANSACTION goes with it)
        const before = statements();
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped', labels: ['fragile', 'express'] });
        await updateAtFlush(tx, ParcelEntity, { id }, { pieces: 3 });
        await appendRow(tx, STATE_HISTORY_TABLE, history(id, 'shipped'));
        await flushAppends(tx);
        sent = statements() - before;
      });
      expect(sent).toBe(1);
      expect(await row(id)).toEqual({ status: 'shipped', labels: ['fragile', 'express'], pieces: 3, touched: true });
      expect(await count('state_history', 'aggregate_id = $1', [id])).toBe(1);
    });

    it('is written before any other statement of the transaction, so a read sees the row changed', async () => {
      const id = await parcel();
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped' });
        expect((await tx.findOneByOrFail(ParcelEntity, { id })).status).toBe('shipped');
        expect((await tx.query(`SELECT status FROM parcels WHERE id = $1`, [id]))[0].status).toBe('shipped');
      });
      expect((await row(id)).status).toBe('shipped');
    });

    it('fails the transaction, and changes nothing, when the held update breaks a constraint', async () => {
      const id = await parcel();
      const failing = ds.transaction(async (tx) => {
        deferAppends(tx);
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped', pieces: 0 });
        await appendRow(tx, STATE_HISTORY_TABLE, history(id, 'shipped'));
        await flushAppends(tx);
      });
      await expect(failing).rejects.toThrow(/check constraint/);
      expect(await row(id)).toEqual({ status: 'packed', labels: ['fragile'], pieces: 2, touched: false });
      expect(await count('state_history', 'aggregate_id = $1', [id])).toBe(0);
    });

    it('drops what it holds at a rollback, and gives the connection back clean, even after a failed statement', async () => {
      const id = await parcel();
      const single = await openServiceDataSource({ url: env.databaseUrl, schema: 'kit', entities: [ParcelEntity], migrations: [], poolSize: 1 });
      try {
        const failing = single.transaction(async (tx) => {
          deferAppends(tx);
          await tx.query(`SELECT 1 / 0`).catch(() => undefined); // a refusal caught: the transaction is aborted all the same
          await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped' });
          throw new Error('the domain refused');
        });
        await expect(failing).rejects.toThrow('the domain refused');
        // The pool's one connection is the one that failed: it must be out of the transaction.
        expect(await single.query(`SELECT status FROM parcels WHERE id = $1`, [id])).toEqual([{ status: 'packed' }]);
      } finally {
        await single.destroy();
      }
    });

    /** Runs `reads`, then ships the parcel, in a deferred transaction; answers the transaction, to ask what it sent. */
    const shippedAfter = async (id: string, reads: (tx: EntityManager) => Promise<unknown>) => {
      let tx!: object;
      await ds.transaction(async (manager) => {
        tx = manager;
        deferAppends(manager);
        await reads(manager);
        await updateAtFlush(manager, ParcelEntity, { id }, { status: 'shipped' });
        await appendRow(manager, STATE_HISTORY_TABLE, history(id, 'shipped'));
      });
      return tx;
    };

    it('counts the statements the transaction sent, the held update riding with the next one, and the commit', async () => {
      const id = await parcel();
      const tx = await shippedAfter(id, (manager) => manager.query(`SELECT 1`));
      expect(statementsSentIn(tx)).toBe(3); // SELECT 1, the flush, COMMIT
      expect(statementsSentIn({})).toBeUndefined();
    });

    it('counts the round trips: the START with the first statement, reads asked for together in one, the flush with the COMMIT', async () => {
      const id = await parcel();
      const tx = await shippedAfter(id, async (manager) => {
        await manager.query(`SELECT 1`);
        await Promise.all([manager.query(`SELECT 2`), manager.query(`SELECT 3`)]);
        await manager.query(`SELECT 4`);
        expect(roundTripsOf(manager)).toBeUndefined(); // not before the commit
      });
      expect(statementsSentIn(tx)).toBe(6); // the four reads, the flush, COMMIT
      expect(roundTripsOf(tx)).toBe(4); // START + SELECT 1, SELECT 2 + 3, SELECT 4, the flush + COMMIT
      expect((await ds.query(`SELECT status FROM parcels WHERE id = $1`, [id]))[0].status).toBe('shipped');
    });

    it('sends the next statement behind the flush without waiting for its answer, and throws the flush\'s own error when it fails', async () => {
      const id = await parcel();
      // The flush waits for the blocker's lock, and the read is on the wire behind it already.
      const status = await sentBehindLock(id, 1, async (tx) => {
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped' });
        return (await tx.query(`SELECT status FROM parcels WHERE id = $1`, [id]))[0].status as string;
      });
      expect(status).toBe('shipped');
      const failing = ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        await updateAtFlush(tx, ParcelEntity, { id }, { pieces: 0 });
        await tx.query(`SELECT status FROM parcels WHERE id = $1`, [id]);
      });
      await expect(failing).rejects.toThrow(/check constraint/);
      expect((await row(id)).pieces).toBe(2);
    });

    it('updates at once in a transaction that did not defer', async () => {
      const id = await parcel();
      await ds.transaction(async (tx) => {
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped' });
        expect((await ds.query(`SELECT status FROM parcels WHERE id = $1`, [id]))[0].status).toBe('packed'); // another connection: not committed yet
      });
      expect((await row(id)).status).toBe('shipped');
    });
  });

  describe('held row inserts', () => {
    const newParcel = (status = 'packed', pieces = 1) => Object.assign(new ParcelEntity(), { id: uuidv7(), status, labels: ['new'], pieces, updatedAt: new Date() });
    const items = (parcelId: string) => [1, 2].map((lineNo) => Object.assign(new ParcelItemEntity(), { parcelId, lineNo, sku: `SKU-${lineNo}` }));
    const stored = async (id: string) => ({
      parcel: (await ds.query(`SELECT status, pieces FROM parcels WHERE id = $1`, [id]))[0],
      items: await count('parcel_items', 'parcel_id = $1', [id]),
    });

    it('writes a new row and its lines with an update and the appends in the one flush statement (the lines find their parcel)', async () => {
      const other = newParcel();
      await ds.getRepository(ParcelEntity).insert(other);
      const parcel = newParcel();
      let sent = 0;
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        const before = statements();
        await insertAtFlush(tx, ParcelEntity, [parcel]);
        await insertAtFlush(tx, ParcelItemEntity, items(parcel.id));
        await updateAtFlush(tx, ParcelEntity, { id: other.id }, { status: 'shipped' });
        await appendRow(tx, STATE_HISTORY_TABLE, history(parcel.id, 'packed'));
        expect(statements() - before).toBe(0); // held: nothing sent yet
        await flushAppends(tx);
        sent = statements() - before;
      });
      expect(sent).toBe(1);
      expect(await stored(parcel.id)).toEqual({ parcel: { status: 'packed', pieces: 1 }, items: 2 });
      expect((await stored(other.id)).parcel.status).toBe('shipped');
      expect(await count('state_history', 'aggregate_id = $1', [parcel.id])).toBe(1);
    });

    it('is written before any other statement, so a read sees it; an update of the held row lands too', async () => {
      const parcel = newParcel();
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await insertAtFlush(tx, ParcelEntity, [parcel]);
        await updateAtFlush(tx, ParcelEntity, { id: parcel.id }, { status: 'shipped' });
        expect((await tx.findOneByOrFail(ParcelEntity, { id: parcel.id })).status).toBe('shipped');
      });
      const second = newParcel();
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await insertAtFlush(tx, ParcelEntity, [second]);
        await updateAtFlush(tx, ParcelEntity, { id: second.id }, { pieces: 4 }); // the one flush would not see the row it inserts
      });
      expect((await stored(parcel.id)).parcel).toEqual({ status: 'shipped', pieces: 1 });
      expect((await stored(second.id)).parcel).toEqual({ status: 'packed', pieces: 4 });
    });

    it('inserts at once, and reads back what Postgres filled in, when a row leaves a defaulted column to it', async () => {
      const parcel = Object.assign(new ParcelEntity(), { id: uuidv7(), status: 'packed', labels: [], updatedAt: new Date() });
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`); // START TRANSACTION goes with it
        const before = statements();
        await insertAtFlush(tx, ParcelEntity, [parcel]);
        expect(statements() - before).toBe(1);
        expect(parcel.pieces).toBe(1);
      });
      expect((await stored(parcel.id)).parcel).toEqual({ status: 'packed', pieces: 1 });
    });

    it('holds a row whose generated key was drawn ahead, with that key; without one, inserts at once and reads the key back', async () => {
      const [{ id: drawn }] = await ds.query(`SELECT nextval(pg_get_serial_sequence('parcel_notes', 'id'))::text AS id`);
      const ahead = Object.assign(new ParcelNoteEntity(), { id: drawn, note: 'drawn ahead' });
      const plain = Object.assign(new ParcelNoteEntity(), { note: 'numbered by Postgres' });
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        const before = statements();
        await insertAtFlush(tx, ParcelNoteEntity, [ahead]);
        expect(statements() - before).toBe(0);
        await insertAtFlush(tx, ParcelNoteEntity, [plain]); // the held row is written first, in the same write
        expect(statements() - before).toBe(2);
        expect(Number(plain.id)).toBeGreaterThan(Number(drawn));
      });
      expect(await ds.query(`SELECT id::text, note FROM parcel_notes WHERE id IN ($1, $2) ORDER BY id`, [drawn, plain.id])).toEqual([
        { id: drawn, note: 'drawn ahead' }, { id: String(plain.id), note: 'numbered by Postgres' },
      ]);
    });

    it('stamps an update date left empty, and holds the row', async () => {
      const parcel = Object.assign(new ParcelEntity(), { id: uuidv7(), status: 'packed', labels: [], pieces: 2 });
      const stamp = Date.now();
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        const before = statements();
        await insertAtFlush(tx, ParcelEntity, [parcel]);
        expect(statements() - before).toBe(0);
        expect(parcel.updatedAt.getTime()).toBeGreaterThanOrEqual(stamp);
      });
      const [row] = await ds.query(`SELECT updated_at FROM parcels WHERE id = $1`, [parcel.id]);
      expect(new Date(row.updated_at).getTime()).toBe(parcel.updatedAt.getTime());
    });

    it('fails the transaction, and writes nothing, when the held row breaks a constraint; a rollback drops what it holds', async () => {
      const broken = newParcel('packed', 0);
      const failing = ds.transaction(async (tx) => {
        deferAppends(tx);
        await insertAtFlush(tx, ParcelEntity, [broken]);
        await insertAtFlush(tx, ParcelItemEntity, items(broken.id));
        await tx.query(`SELECT 1`);
      });
      await expect(failing).rejects.toThrow(/check constraint/);
      expect(await stored(broken.id)).toEqual({ parcel: undefined, items: 0 });
      const dropped = newParcel();
      const refused = ds.transaction(async (tx) => {
        deferAppends(tx);
        await insertAtFlush(tx, ParcelEntity, [dropped]);
        throw new Error('the domain refused');
      });
      await expect(refused).rejects.toThrow('the domain refused');
      expect(await stored(dropped.id)).toEqual({ parcel: undefined, items: 0 });
    });

    it('inserts at once in a transaction that did not defer', async () => {
      const parcel = newParcel();
      await ds.transaction(async (tx) => {
        await insertAtFlush(tx, ParcelEntity, [parcel]);
        expect((await tx.query(`SELECT status FROM parcels WHERE id = $1`, [parcel.id]))[0].status).toBe('packed');
      });
    });
  });

  describe('held statements', () => {
    const parcelInsert = (id: string, pieces = 1) => [`INSERT INTO parcels (id, status, labels, pieces) VALUES ($1, 'packed', '[]', $2)`, [id, pieces]] as const;
    const exists = async (id: string) => (await count('parcels', 'id = $1', [id])) === 1;

    it('sends the statement right behind the held rows, in the COMMIT\'s write', async () => {
      const id = uuidv7();
      let sent = 0;
      let tx!: object;
      await ds.transaction(async (manager) => {
        tx = manager;
        deferAppends(manager);
        await manager.query(`SELECT 1`);
        const before = statements();
        await writeAtFlush(manager, parcelInsert(id));
        await appendRow(manager, STATE_HISTORY_TABLE, history(id, 'packed'));
        sent = statements() - before;
      });
      expect(sent).toBe(0);
      expect(statementsSentIn(tx)).toBe(4); // SELECT 1, the rows, the held statement, COMMIT: the last three in one write
      expect(await exists(id)).toBe(true);
      expect(await count('state_history', 'aggregate_id = $1', [id])).toBe(1);
    });

    it('is written before a later statement, which sees its row', async () => {
      const id = uuidv7();
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await writeAtFlush(tx, parcelInsert(id));
        expect(await tx.query(`SELECT status FROM parcels WHERE id = $1`, [id])).toEqual([{ status: 'packed' }]);
      });
    });

    it('throws its failure as the caller means it, at the COMMIT, and nothing of the transaction is written', async () => {
      const id = uuidv7();
      const meaning = (error: unknown) => ((error as { driverError?: { code?: string } }).driverError?.code === '23514' ? new Error('no parcel without pieces') : undefined);
      const failing = ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        await appendRow(tx, STATE_HISTORY_TABLE, history(id, 'packed'));
        await writeAtFlush(tx, parcelInsert(id, 0), meaning);
      });
      await expect(failing).rejects.toThrow('no parcel without pieces');
      expect(await count('state_history', 'aggregate_id = $1', [id])).toBe(0);
      // Not deferred: at once, the failure meaning the same.
      await expect(ds.transaction((tx) => writeAtFlush(tx, parcelInsert(id, 0), meaning))).rejects.toThrow('no parcel without pieces');
      await expect(ds.transaction((tx) => writeAtFlush(tx, parcelInsert(id, 0)))).rejects.toThrow(/check constraint/);
      expect(await exists(id)).toBe(false);
    });
  });

  it('draws a number inside a statement in the format every document number has, past six digits too', async () => {
    const drawn = numberDrawnInStatement(ds, 'drawn', '$1', '$2');
    // The transaction that sends it holds the series' row until it commits: a batch of events ends there.
    expect(holdsNumberRow(ds)).toBe(true);
    const draw = async () => (await ds.query(`WITH ${drawn.cte} SELECT ${drawn.number} AS number FROM drawn`, ['ZZ', 2026]))[0].number;
    expect(await draw()).toBe(formatDocumentNumber('ZZ', 2026, 1));
    await ds.query(`UPDATE document_sequences SET last = 999998 WHERE series = 'ZZ'`);
    expect([await draw(), await draw()]).toEqual([formatDocumentNumber('ZZ', 2026, 999_999), formatDocumentNumber('ZZ', 2026, 1_000_000)]);
  });

  describe('numbers drawn at commit', () => {
    /** Whether another connection can take the series' counter row now (NOWAIT): nobody holds it. */
    const counterFree = async (series: string) => {
      const other = new pg.Client({ connectionString: env.databaseUrl });
      await other.connect();
      try {
        await other.query('BEGIN');
        await other.query(`SELECT last FROM kit.document_sequences WHERE series = $1 FOR UPDATE NOWAIT`, [series]);
        return true;
      } catch (error) {
        if ((error as { code?: string }).code === '55P03') return false;
        throw error;
      } finally {
        await other.end();
      }
    };

    it('draws the number in the COMMIT\'s write, and puts it wherever its stand-in went: held rows, appends, held statements, the answer', async () => {
      await ds.query(`INSERT INTO document_sequences (series, year, last) VALUES ('NA', 2026, 41)`);
      const id = uuidv7();
      const eventId = uuidv7();
      let committed!: EntityManager;
      const freeBeforeCommit: boolean[] = [];
      const answer = await ds.transaction(async (tx) => {
        committed = tx;
        deferAppends(tx);
        const number = await numberAtCommit(tx, 'NA', 2026);
        expect(number).not.toMatch(/^NA-/);
        expect(holdsNumberRow(tx)).toBe(true); // a batch of events ends here
        // A statement that does not carry it leaves the draw held: the counter row stays free.
        await tx.query(`SELECT 1`);
        freeBeforeCommit.push(await counterFree('NA'));
        await insertAtFlush(tx, ParcelEntity, [tx.create(ParcelEntity, { id, status: number, labels: [number, 'fragile'], pieces: 1 })]);
        await appendRow(tx, OUTBOX_TABLE, { ...outbox(), id: eventId, envelope: { data: { number, note: `parcel ${number}` } } });
        await writeAtFlush(tx, [`INSERT INTO parcel_notes (note) VALUES ('numbered ' || $1::text)`, [number]]);
        freeBeforeCommit.push(await counterFree('NA'));
        return { number, lines: [{ note: `for ${number}` }] };
      });
      expect(freeBeforeCommit).toEqual([true, true]);
      expect(withDrawnNumbers(committed, answer)).toEqual({ number: 'NA-2026-000042', lines: [{ note: 'for NA-2026-000042' }] });
      expect(await ds.query(`SELECT status, labels FROM parcels WHERE id = $1`, [id])).toEqual([{ status: 'NA-2026-000042', labels: ['NA-2026-000042', 'fragile'] }]);
      expect((await ds.query(`SELECT envelope FROM outbox WHERE id = $1`, [eventId]))[0].envelope).toEqual({ data: { number: 'NA-2026-000042', note: 'parcel NA-2026-000042' } });
      expect(await count('parcel_notes', `note = 'numbered NA-2026-000042'`)).toBe(1);
      // What the transaction appended, as it is read after the commit (the change notices do).
      expect(rowsAppendedIn(committed, OUTBOX_TABLE).map((row) => row.envelope)).toEqual([{ data: { number: 'NA-2026-000042', note: 'parcel NA-2026-000042' } }]);
      expect(await ds.query(`SELECT last FROM document_sequences WHERE series = 'NA'`)).toEqual([{ last: '42' }]);
    });

    it('sends the draw ahead of the first statement that carries the stand-in, and gives the number back when the transaction rolls back', async () => {
      await ds.query(`INSERT INTO document_sequences (series, year, last) VALUES ('NB', 2026, 6)`);
      const seen: Array<{ filled: string; free: boolean }> = [];
      await expect(ds.transaction(async (tx) => {
        deferAppends(tx);
        const number = await numberAtCommit(tx, 'NB', 2026);
        const [{ filled }] = await tx.query(`SELECT 'it is ' || $1::text AS filled`, [number]);
        seen.push({ filled, free: await counterFree('NB') });
        throw new Error('changed my mind');
      })).rejects.toThrow('changed my mind');
      expect(seen).toEqual([{ filled: 'it is NB-2026-000007', free: false }]);
      let committed!: EntityManager;
      const again = await ds.transaction(async (tx) => {
        committed = tx;
        deferAppends(tx);
        return { number: await numberAtCommit(tx, 'NB', 2026) };
      });
      // Taken back with the rollback: the series stays gapless.
      expect(withDrawnNumbers(committed, again)).toEqual({ number: 'NB-2026-000007' });
    });

    it('refuses a statement that carries the stand-in where its type is not named, and draws at once outside a deferred transaction', async () => {
      await expect(ds.transaction(async (tx) => {
        deferAppends(tx);
        const number = await numberAtCommit(tx, 'NC', 2026);
        await tx.query(`SELECT $1 AS number`, [number]);
      })).rejects.toThrow(/does not name its type/);
      expect(await count('document_sequences', `series = 'NC'`)).toBe(0);
      expect(await ds.transaction((tx) => numberAtCommit(tx, 'NC', 2026))).toBe('NC-2026-000001');
    });
  });

  describe('statements sent together', () => {
    const parcel = async (pieces = 1) => {
      const id = uuidv7();
      await ds.query(`INSERT INTO parcels (id, status, labels, pieces) VALUES ($1, 'packed', '[]', $2)`, [id, pieces]);
      return id;
    };

    it('sends them in one write, runs them in order (locks in the order written), and answers each in order', async () => {
      const first = await parcel();
      const second = await parcel(2);
      let sent = 0;
      // All three are on the wire while the first waits for the blocker's lock.
      const [locked, updated, read] = await sentBehindLock(first, 2, async (tx) => {
        const before = statements();
        const answers = await queryTogether(tx, [
          [`SELECT id FROM parcels WHERE id = $1 FOR UPDATE`, [first]],
          [`UPDATE parcels SET pieces = pieces + 1 WHERE id = ANY($1::uuid[])`, [[first, second]]],
          [`SELECT pieces FROM parcels WHERE id = $1`, [second]],
        ]);
        sent = statements() - before;
        return answers;
      });
      expect(locked.rows).toEqual([{ id: first }]);
      expect(updated.rowCount).toBe(2);
      expect(read.rows).toEqual([{ pieces: 3 }]); // ran after the update
      expect(sent).toBe(3);
    });

    it('writes held updates first, and throws the failing statement\'s error, not the aborted ones after it; nothing is written', async () => {
      const id = await parcel(2);
      let seen: unknown;
      const failing = ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped' });
        const [held] = await queryTogether(tx, [[`SELECT status FROM parcels WHERE id = $1`, [id]], [`SELECT 1`]]);
        expect(held.rows).toEqual([{ status: 'shipped' }]);
        await queryTogether(tx, [
          [`UPDATE parcels SET labels = '["late"]' WHERE id = $1`, [id]],
          [`UPDATE parcels SET pieces = 0 WHERE id = $1`, [id]], // breaks the CHECK
          [`SELECT 1`],
        ]).catch((error: unknown) => {
          seen = error;
          throw error;
        });
      });
      await expect(failing).rejects.toThrow(/check constraint/);
      expect((seen as Error).message).not.toMatch(/aborted/);
      expect(await ds.query(`SELECT status, labels, pieces FROM parcels WHERE id = $1`, [id])).toEqual([{ status: 'packed', labels: [], pieces: 2 }]);
    });

    it('writes the held appends first when asked (a read of what the transaction appended), in the same round trip', async () => {
      const id = await parcel();
      let sent = 0;
      await ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        await appendRow(tx, STATE_HISTORY_TABLE, history(id, 'shipped'));
        const [without] = await queryTogether(tx, [[`SELECT count(*)::int AS n FROM state_history WHERE aggregate_id = $1`, [id]]]);
        expect(without.rows).toEqual([{ n: 0 }]); // still held
        const before = statements();
        const [read] = await queryTogether(tx, [[`SELECT to_state FROM state_history WHERE aggregate_id = $1`, [id]]], { withAppends: true });
        sent = statements() - before;
        expect(read.rows).toEqual([{ to_state: 'shipped' }]);
      });
      expect(sent).toBe(2); // the flush and the read, sent together
      expect(await count('state_history', 'aggregate_id = $1', [id])).toBe(1);
    });

    it('sends reads started together (TypeORM\'s query, rowByKey, rowsWhere) in one write, in the order asked, held updates first', async () => {
      const id = await parcel(2);
      let writes = 0;
      const [, locked, [read]] = await ds.transaction(async (tx) => {
        deferAppends(tx);
        await tx.query(`SELECT 1`);
        await updateAtFlush(tx, ParcelEntity, { id }, { status: 'shipped' });
        // What reaches the socket: a corked write of several statements is one _writev, a lone one a _write.
        const stream = ((await tx.queryRunner!.connect()) as pg.Client & { connection: { stream: { _write: (...a: unknown[]) => unknown; _writev: (...a: unknown[]) => unknown } } }).connection.stream;
        for (const method of ['_write', '_writev'] as const) {
          const original = stream[method];
          stream[method] = function (this: unknown, ...args: unknown[]) {
            writes++;
            return original.apply(this, args);
          };
        }
        const answers = await Promise.all([
          tx.query(`UPDATE parcels SET pieces = pieces * 10 WHERE id = $1`, [id]),
          rowByKey(tx, ParcelEntity, 'id', id, { lock: true }),
          rowsWhere(tx, ParcelEntity, '{id} = $1', [id]),
        ]);
        expect(writes).toBe(1); // the flush and the three statements (the COMMIT comes after)
        return answers;
      });
      // Each ran after the one before it: the held update, then the multiplication, then the reads.
      expect(locked).toMatchObject({ status: 'shipped', pieces: 20 });
      expect(read).toMatchObject({ status: 'shipped', pieces: 20 });
    });

    it('sends them one after the other outside a transaction', async () => {
      const id = await parcel(4);
      const [updated, read] = await queryTogether(ds.manager, [[`UPDATE parcels SET pieces = 5 WHERE id = $1`, [id]], [`SELECT pieces FROM parcels WHERE id = $1`, [id]]]);
      expect(updated.rowCount).toBe(1);
      expect(read.rows).toEqual([{ pieces: 5 }]);
    });
  });
});

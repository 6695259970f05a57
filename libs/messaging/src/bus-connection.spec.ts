import { connect, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { connectBus } from './bus-connection.js';

type Counted = { _write: (...a: unknown[]) => unknown; _writev: (...a: unknown[]) => unknown };

/** Counts the writes that reach a connection's socket: a corked batch is one _writev, a lone frame one _write. */
function countWrites(nc: NatsConnection): () => number {
  const socket = (nc as unknown as { protocol: { transport: { socket: Counted } } }).protocol.transport.socket;
  let writes = 0;
  for (const method of ['_write', '_writev'] as const) {
    const original = socket[method];
    socket[method] = function (this: unknown, ...args: unknown[]) {
      writes++;
      return original.apply(this, args);
    };
  }
  return () => writes;
}

/**
 * Publishes five messages in one turn of the event loop, each after the client has flushed the one before
 * (it flushes at the next microtask), as handlers finishing one after another in a turn do.
 */
async function publishInOneTurn(nc: NatsConnection, subject: string): Promise<void> {
  for (let i = 0; i < 5; i++) {
    nc.publish(subject, `m${i}`);
    await Promise.resolve();
  }
}

/** Real NATS: what one turn's messages cost in writes, with the bus's transport and with the client's own. */
describe('the bus connection', () => {
  let bus: NatsConnection;
  let plain: NatsConnection;
  let listener: NatsConnection;

  beforeAll(async () => {
    plain = await connect({ servers: process.env.TEST_NATS_URL });
    listener = await connect({ servers: process.env.TEST_NATS_URL });
    bus = await connectBus({ natsUrl: process.env.TEST_NATS_URL!, instanceId: 'bus-connection-spec' });
  });

  afterAll(async () => {
    await Promise.all([bus?.close(), plain?.close(), listener?.close()]);
  });

  /** Writes counted while the turn runs and once it has ended, and what the listener heard. */
  async function heard(nc: NatsConnection): Promise<{ writesInTurn: number; writes: number; messages: string[] }> {
    const subject = `t_${randomBytes(4).toString('hex')}.turn`;
    const messages: string[] = [];
    const all = new Promise<void>((resolve) => listener.subscribe(subject, { callback: (_e, msg) => {
        messages.push(msg.string());
        if (messages.length === 5) resolve();
      } }));
    await listener.flush();
    await nc.flush();
    const writes = countWrites(nc);
    await publishInOneTurn(nc, subject);
    const writesInTurn = writes();
    await new Promise((resolve) => setImmediate(resolve));
    const written = writes();
    await all;
    return { writesInTurn, writes: written, messages };
  }

  it('sends the messages of one turn in one write when the turn ends, in order', async () => {
    expect(await heard(bus)).toEqual({ writesInTurn: 0, writes: 1, messages: ['m0', 'm1', 'm2', 'm3', 'm4'] });
  });

  it('where the client alone writes each message at once', async () => {
    expect(await heard(plain)).toEqual({ writesInTurn: 5, writes: 5, messages: ['m0', 'm1', 'm2', 'm3', 'm4'] });
  });

  it('sends what it holds before a drain closes it, as a service does when it stops', async () => {
    const closing = await connectBus({ natsUrl: process.env.TEST_NATS_URL!, instanceId: 'bus-connection-spec-close' });
    const subject = `t_${randomBytes(4).toString('hex')}.last`;
    const got = new Promise<string>((resolve) => listener.subscribe(subject, { max: 1, callback: (_e, msg) => resolve(msg.string()) }));
    await listener.flush();
    closing.publish(subject, 'last words');
    await closing.drain();
    await expect(got).resolves.toBe('last words');
  });
});

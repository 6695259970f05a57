import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { whileWorking } from '@ops/messaging';
import { createTestEnvironment, waitFor, type TestEnvironment } from '@ops/testing';

/**
 * ack_wait is short so that the events a killed process held come back within seconds; a handler that
 * runs longer keeps its event by telling the server it is still working on it. On real JetStream.
 */
describe('whileWorking', () => {
  const ACK_WAIT_MS = 1_000;
  const SLOW_HANDLER_MS = 2_500;
  let env: TestEnvironment;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  let stream: string;

  beforeAll(async () => {
    env = await createTestEnvironment();
    nc = await connect({ servers: env.natsUrl });
    jsm = await jetstreamManager(nc);
    stream = env.naming.stream('WORKING');
    await jsm.streams.add({ name: stream, subjects: [env.naming.subject('working.>')] });
  });

  afterAll(async () => {
    await nc?.close();
    await env?.dispose();
  });

  /** Publishes one event to a fresh consumer, handles it with `handle` (slower than ack_wait), acks it; answers how often the server delivered it. */
  async function handleSlowly(name: string, handle: (message: Parameters<typeof whileWorking>[0], work: () => Promise<void>) => Promise<void>): Promise<number> {
    const subject = env.naming.subject(`working.${name}`);
    await jsm.consumers.add(stream, { durable_name: name, ack_policy: AckPolicy.Explicit, filter_subject: subject, ack_wait: nanos(ACK_WAIT_MS) });
    const js = jetstream(nc);
    await js.publish(subject, 'event');
    const messages = await (await js.consumers.get(stream, name)).consume({ max_messages: 4 });
    for await (const message of messages) {
      // The slow handler under test: its duration is the point, not a wait for a condition.
      await handle(message, () => new Promise((resolve) => setTimeout(resolve, SLOW_HANDLER_MS)));
      message.ack();
      break;
    }
    await messages.close();
    await waitFor('the ack to reach the server', async () => (await jsm.consumers.info(stream, name)).num_ack_pending === 0, { timeoutMs: 5_000 });
    // Every delivery, the first and each redelivery, takes a consumer sequence number.
    return (await jsm.consumers.info(stream, name)).delivered.consumer_seq;
  }

  it('keeps an event taken while its handler outlasts ack_wait: it is not delivered again', async () => {
    expect(await handleSlowly('kept', (message, work) => whileWorking(message, ACK_WAIT_MS / 3, work))).toBe(1);
  });

  it('(the control) without it, the server delivers the event again while the handler still works', async () => {
    expect(await handleSlowly('lost', (_message, work) => work())).toBeGreaterThan(1);
  });
});

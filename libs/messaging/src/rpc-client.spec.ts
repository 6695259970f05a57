import { connect, headers, NoRespondersError, TimeoutError, type NatsConnection } from '@nats-io/transport-node';
import { randomBytes } from 'node:crypto';
import { rpcSubject } from '@ops/contracts';
import { Naming } from './naming.js';
import { AnswerInbox, RpcClient } from './rpc-client.js';

/** Requests over real NATS, each test under a subject prefix of its own. */
describe('answers to requests', () => {
  let nc: NatsConnection;
  let service: NatsConnection;
  const subject = () => `t_${randomBytes(4).toString('hex')}.ask`;

  beforeAll(async () => {
    nc = await connect({ servers: process.env.TEST_NATS_URL, noAsyncTraces: true });
    service = await connect({ servers: process.env.TEST_NATS_URL });
  });

  afterAll(async () => {
    await nc?.close();
    await service?.close();
  });

  it('gives each request its own answer, many at once, with the headers sent', async () => {
    const on = subject();
    service.subscribe(on, { callback: (_e, msg) => {
        setTimeout(() => msg.respond(`${msg.string()}:${msg.headers?.get('x-n')}`), Math.random() * 20);
      } });
    await service.flush();
    const inbox = new AnswerInbox(nc);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => {
      const h = headers();
      h.set('x-n', String(i));
      return inbox.ask(on, `q${i}`, h, 2_000);
    }));
    expect(answers.map((m) => m.string())).toEqual(Array.from({ length: 50 }, (_, i) => `q${i}:${i}`));
  });

  it('fails at once with NoRespondersError when nobody listens', async () => {
    const started = Date.now();
    await expect(new AnswerInbox(nc).ask(subject(), 'q', headers(), 5_000)).rejects.toBeInstanceOf(NoRespondersError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('fails with TimeoutError when the answer does not come in time, and ignores it when it comes later', async () => {
    const on = subject();
    let late!: () => void;
    service.subscribe(on, { callback: (_e, msg) => {
      late = () => msg.respond('late');
    } });
    await service.flush();
    const inbox = new AnswerInbox(nc);
    await expect(inbox.ask(on, 'q', headers(), 100)).rejects.toBeInstanceOf(TimeoutError);
    late();
    await service.flush();
    // The late answer found no one waiting; the next request still gets its own.
    service.subscribe(`${on}.next`, { callback: (_e, msg) => {
      msg.respond('next');
    } });
    await service.flush();
    expect((await inbox.ask(`${on}.next`, 'q', headers(), 2_000)).string()).toBe('next');
  });

  it('fails what is still waiting when the connection closes', async () => {
    const own = await connect({ servers: process.env.TEST_NATS_URL });
    const on = subject();
    service.subscribe(on, { callback: () => undefined }); // never answers
    await service.flush();
    const waiting = new AnswerInbox(own).ask(on, 'q', headers(), 10_000);
    await own.flush();
    await own.close();
    await expect(waiting).rejects.toThrow('connection closed');
  });

  it('turns the transport failures into problems: 503 with nobody listening, 504 after the timeout', async () => {
    const naming = new Naming(`t_${randomBytes(4).toString('hex')}`);
    const rpc = new RpcClient(nc, naming, 100);
    const options = { actorAssertion: 'a', requestId: 'r' };
    expect(await rpc.request('sales', 'placeOrder', {}, options)).toMatchObject({ ok: false, problem: { status: 503, type: expect.stringContaining('service-unavailable') } });
    service.subscribe(naming.subject(rpcSubject('sales', 'placeOrder')), { callback: () => undefined });
    await service.flush();
    expect(await rpc.request('sales', 'placeOrder', {}, options)).toMatchObject({ ok: false, problem: { status: 504, type: expect.stringContaining('service-timeout') } });
  });
});

import type { Msg, NatsConnection, Subscription, SubscriptionOptions } from '@nats-io/transport-node';
import { NOTICES_WANTED_EVERY_MS, type ChangeNotice } from '@ops/contracts';
import { ChangeFeedHub, type ChangeListener } from './changes.controller.js';

/**
 * A NATS connection that keeps subscriptions (which subjects are followed, and a way to deliver to them),
 * and records what is published and asked; each request waits until the test answers it.
 */
function fakeConnection() {
  const open = new Map<string, SubscriptionOptions>();
  const published: string[] = [];
  const asked: Array<{ subject: string; answer: () => void; fail: () => void }> = [];
  let flushes = 0;
  const nc = {
    subscribe(subject: string, options: SubscriptionOptions) {
      open.set(subject, options);
      return { unsubscribe: () => open.delete(subject) } as unknown as Subscription;
    },
    publish: (subject: string) => void published.push(subject),
    request: (subject: string) => new Promise<Msg>((resolve, reject) => asked.push({ subject, answer: () => resolve({} as Msg), fail: () => reject(new Error('no responders')) })),
    isClosed: () => false,
    flush: async () => {
      flushes++;
    },
  } as unknown as NatsConnection;
  const deliver = (subject: string, notices: ChangeNotice[]) =>
    open.get(subject)?.callback?.(null, { json: () => notices } as unknown as Msg);
  /** Answers every request made so far, as a running service does. */
  const answerAll = () => asked.splice(0).forEach((request) => request.answer());
  return { nc, subjects: () => [...open.keys()].sort(), deliver, flushes: () => flushes, published, asked, answerAll };
}

const notice = (service: string, id: string): ChangeNotice => ({ service, aggregate: 'order', id, to: 'shipped', at: '2026-12-02T00:00:00.000Z' });

function listener(...services: Array<'sales' | 'finance' | 'inventory' | 'security'>): ChangeListener & { heard: string[] } {
  const heard: string[] = [];
  return { services: new Set(services), heard, send: (notices) => heard.push(...notices.map((n) => `${n.service}:${n.id}`)), end: () => undefined };
}

/** Listens, answering the services' confirmations as running services do. */
async function listening(bus: ReturnType<typeof fakeConnection>, hub: ChangeFeedHub, who: ChangeListener): Promise<() => void> {
  const listened = hub.listen(who);
  for (let turn = 0; turn < 5; turn++) {
    await Promise.resolve();
    bus.answerAll();
  }
  return listened;
}

describe('the gateway follows change notices only while someone listens', () => {
  it('subscribes to nothing, and asks for nothing, until a stream opens', () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    expect(bus.subjects()).toEqual([]);
    expect(bus.published).toEqual([]);
    expect(hub.following).toEqual([]);
  });

  it("subscribes to the services a listener may read, once each, and tells each that its notices are wanted before the stream's first word", async () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    let ready = false;
    const listened = hub.listen(listener('sales', 'inventory')).then(() => (ready = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(bus.subjects()).toEqual(['p.changes.asked', 'p.changes.inventory', 'p.changes.sales']);
    expect(bus.flushes()).toBe(1);
    expect(bus.asked.map((a) => a.subject).sort()).toEqual(['p.changes.inventory.wanted', 'p.changes.sales.wanted']);
    // Not connected until every service it newly follows has heard it.
    expect(ready).toBe(false);
    bus.asked[0].answer();
    await new Promise((resolve) => setImmediate(resolve));
    expect(ready).toBe(false);
    bus.answerAll();
    await listened;
    // A second reader of inventory shares its subscription: nothing new to make, nobody to tell.
    await hub.listen(listener('inventory'));
    expect(bus.subjects()).toEqual(['p.changes.asked', 'p.changes.inventory', 'p.changes.sales']);
    expect(bus.flushes()).toBe(1);
    expect(bus.asked).toEqual([]);
  });

  it('does not wait for a service that is down: it asks when it starts, and hears it then', async () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    const listened = hub.listen(listener('security'));
    await new Promise((resolve) => setImmediate(resolve));
    bus.asked.splice(0).forEach((request) => request.fail());
    await listened;
    // The service starts and asks whether its notices are wanted.
    bus.deliver('p.changes.asked', []);
    expect(bus.published).toEqual(['p.changes.security.wanted']);
  });

  it('says again, every few seconds, which notices it still wants, and stops when the last listener hangs up', async () => {
    jest.useFakeTimers();
    try {
      const bus = fakeConnection();
      const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
      const stopKeeper = await listening(bus, hub, listener('sales', 'inventory'));
      jest.advanceTimersByTime(NOTICES_WANTED_EVERY_MS);
      expect(bus.published.sort()).toEqual(['p.changes.inventory.wanted', 'p.changes.sales.wanted']);
      bus.published.length = 0;
      stopKeeper();
      jest.advanceTimersByTime(3 * NOTICES_WANTED_EVERY_MS);
      expect(bus.published).toEqual([]);
      expect(bus.subjects()).toEqual([]);
    } finally {
      jest.useRealTimers();
    }
  });

  it('passes each notice only to those who may read its service', async () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    const keeper = listener('sales', 'inventory');
    const guard = listener('security');
    await listening(bus, hub, keeper);
    await listening(bus, hub, guard);
    bus.deliver('p.changes.sales', [notice('sales', 'o1')]);
    bus.deliver('p.changes.security', [notice('security', 'g1')]);
    expect(keeper.heard).toEqual(['sales:o1']);
    expect(guard.heard).toEqual(['security:g1']);
  });

  it("drops a service's subscription when the last one who reads it hangs up", async () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    const stopKeeper = await listening(bus, hub, listener('sales', 'inventory'));
    const stopClerk = await listening(bus, hub, listener('inventory'));
    stopKeeper();
    expect(bus.subjects()).toEqual(['p.changes.asked', 'p.changes.inventory']);
    stopKeeper(); // twice: nothing more
    expect(hub.listening).toBe(1);
    stopClerk();
    expect(bus.subjects()).toEqual([]);
    expect(hub.following).toEqual([]);
  });
});

import type { Msg, NatsConnection, Subscription, SubscriptionOptions } from '@nats-io/transport-node';
import type { ChangeNotice } from '@ops/contracts';
import { ChangeFeedHub, type ChangeListener } from './changes.controller.js';

/** A NATS connection that only keeps subscriptions: which subjects are followed, and a way to deliver to them. */
function fakeConnection() {
  const open = new Map<string, SubscriptionOptions>();
  let flushes = 0;
  const nc = {
    subscribe(subject: string, options: SubscriptionOptions) {
      open.set(subject, options);
      return { unsubscribe: () => open.delete(subject) } as unknown as Subscription;
    },
    flush: async () => {
      flushes++;
    },
  } as unknown as NatsConnection;
  const deliver = (subject: string, notices: ChangeNotice[]) =>
    open.get(subject)?.callback?.(null, { json: () => notices } as unknown as Msg);
  return { nc, subjects: () => [...open.keys()].sort(), deliver, flushes: () => flushes };
}

const notice = (service: string, id: string): ChangeNotice => ({ service, aggregate: 'order', id, to: 'shipped', at: '2026-12-02T00:00:00.000Z' });

function listener(...services: Array<'sales' | 'finance' | 'inventory' | 'security'>): ChangeListener & { heard: string[] } {
  const heard: string[] = [];
  return { services: new Set(services), heard, send: (notices) => heard.push(...notices.map((n) => `${n.service}:${n.id}`)), end: () => undefined };
}

describe('the gateway follows change notices only while someone listens', () => {
  it('subscribes to nothing until a stream opens', () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    expect(bus.subjects()).toEqual([]);
    expect(hub.following).toEqual([]);
  });

  it("subscribes to the services a listener may read, once each, and is sure of them before the stream's first word", async () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    const keeper = listener('sales', 'inventory');
    await hub.listen(keeper);
    expect(bus.subjects()).toEqual(['p.changes.inventory', 'p.changes.sales']);
    expect(bus.flushes()).toBe(1);
    // A second reader of inventory shares its subscription: nothing new to make, nothing to wait for.
    await hub.listen(listener('inventory'));
    expect(bus.subjects()).toEqual(['p.changes.inventory', 'p.changes.sales']);
    expect(bus.flushes()).toBe(1);
  });

  it('passes each notice only to those who may read its service', async () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    const keeper = listener('sales', 'inventory');
    const guard = listener('security');
    await hub.listen(keeper);
    await hub.listen(guard);
    bus.deliver('p.changes.sales', [notice('sales', 'o1')]);
    bus.deliver('p.changes.security', [notice('security', 'g1')]);
    expect(keeper.heard).toEqual(['sales:o1']);
    expect(guard.heard).toEqual(['security:g1']);
  });

  it("drops a service's subscription when the last one who reads it hangs up", async () => {
    const bus = fakeConnection();
    const hub = new ChangeFeedHub(bus.nc, { subjectPrefix: 'p' });
    const stopKeeper = await hub.listen(listener('sales', 'inventory'));
    const stopClerk = await hub.listen(listener('inventory'));
    stopKeeper();
    expect(bus.subjects()).toEqual(['p.changes.inventory']);
    stopKeeper(); // twice: nothing more
    expect(hub.listening).toBe(1);
    stopClerk();
    expect(bus.subjects()).toEqual([]);
    expect(hub.following).toEqual([]);
  });
});

import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { MAX_WAIT_SECONDS } from '@ops/contracts';
import { notifyAtCommit } from '@ops/persistence';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import type { ServiceConfig } from './config.js';
import { SERVICE_CONFIG } from './tokens.js';

/**
 * Lets a read wait, at no cost while it waits, for something another transaction is about to commit: an
 * order's account opened in finance, an order released for picking in inventory. The writer calls
 * `changed(tx, key)` in its transaction (a Postgres NOTIFY, delivered at commit to every instance of the
 * service); a reader calls `until(key, seconds, read, done)`, which answers as soon as `read` finds what it waits
 * for, or what there is at the deadline. One LISTEN connection per process.
 */
const RELISTEN_MS = 1_000;

@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly waiters = new Map<string, Set<() => void>>();
  private client?: pg.Client;
  private readonly channel: string;
  private readonly logger = new Logger(ChangeFeed.name);
  private closing = false;
  private relisten?: NodeJS.Timeout;

  constructor(@Inject(SERVICE_CONFIG) private readonly config: ServiceConfig) {
    this.channel = `changes_${config.service}`;
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.listen();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.closing = true;
    clearTimeout(this.relisten);
    this.wakeAll();
    await this.client?.end().catch(() => undefined);
  }

  /** Marks `key` as changed when `tx` commits; waiters on every instance of the service read again. */
  changed(tx: EntityManager, key: string): Promise<void> {
    return notifyAtCommit(tx, this.channel, key);
  }

  /**
   * Reads until `done` holds for what `read` finds, waiting for a change of `key` between reads, for at
   * most `seconds`; answers the last read either way. The waiter is registered before each read, so a
   * change committed in between is not missed.
   */
  async until<T>(key: string, seconds: number, read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + Math.min(Math.max(seconds, 0), MAX_WAIT_SECONDS) * 1000;
    for (;;) {
      let wake!: () => void;
      const woken = new Promise<void>((resolve) => (wake = resolve));
      const set = this.waiters.get(key) ?? new Set();
      set.add(wake);
      this.waiters.set(key, set);
      try {
        const found = await read();
        const left = deadline - Date.now();
        if (done(found) || left <= 0 || this.closing) return found;
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([woken, new Promise<void>((resolve) => (timer = setTimeout(resolve, left)))]);
        clearTimeout(timer);
      } finally {
        set.delete(wake);
        if (!set.size) this.waiters.delete(key);
      }
    }
  }

  /**
   * The one LISTEN connection. When it ends (Postgres restarted, the session was ended) waiters read again at
   * once, and again when a new connection listens: a notice sent while none listened is lost, and what it
   * announced is found by reading.
   */
  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.config.databaseUrl, application_name: `${this.config.instanceId}:changes` });
    client.on('notification', (message) => {
      for (const wake of this.waiters.get(message.payload ?? '') ?? []) wake();
    });
    client.on('error', (error) => this.logger.warn(`change feed connection lost (${error.message}); reconnecting`));
    client.on('end', () => {
      if (this.client !== client) return; // one that never came to listen
      this.client = undefined;
      if (this.closing) return;
      this.wakeAll();
      this.listenLater();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.channel}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closing) return void (await client.end().catch(() => undefined));
    this.client = client;
  }

  /** Listens again in a second, and every second until Postgres answers: a warning each time, as it is expected back. */
  private listenLater(): void {
    if (this.closing || this.relisten) return;
    this.relisten = setTimeout(() => {
      this.relisten = undefined;
      if (this.closing) return;
      this.listen().then(() => this.wakeAll(), (error: Error) => {
        this.logger.warn(`change feed: could not listen again (${error.message}); trying again in ${RELISTEN_MS / 1000} s`);
        this.listenLater();
      });
    }, RELISTEN_MS).unref();
  }

  private wakeAll(): void {
    for (const wake of [...this.waiters.values()].flatMap((set) => [...set])) wake();
  }
}

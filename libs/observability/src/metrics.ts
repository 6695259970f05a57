import { collectDefaultMetrics, Counter, Gauge, Registry } from 'prom-client';

/**
 * One registry per application instance (not prom-client's global one), so several instances can
 * live in one process, as they do in the integration tests.
 */
export function createMetricsRegistry(service: string, instanceId: string, database?: { statements: () => number; roundTrips: () => number }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance: instanceId });
  collectDefaultMetrics({ register: registry });
  if (database) {
    countedAtScrape(registry, 'db_statements_total', 'Statements this instance sent to Postgres (several may share a round trip)', database.statements);
    countedAtScrape(registry, 'db_round_trips_total', 'Writes this instance made to Postgres: statements sent together, answered before what depends on them is sent (a round trip each)', database.roundTrips);
  }
  return registry;
}

function countedAtScrape(registry: Registry, name: string, help: string, count: () => number): void {
  new Counter({
    name, help, registers: [registry],
    collect() {
      this.reset();
      this.inc(count());
    },
  });
}

/**
 * A reading taken when Prometheus scrapes, shared by the gauges of one scrape: every gauge's `collect`
 * calls the function it answers, and the gauges of one `registry.metrics()` (collected concurrently)
 * get the same reading. A reading that fails or takes longer than `timeoutMs` gives `undefined`, and the
 * gauges keep their last values; a scrape never hangs on a slow dependency.
 */
export function scrapeReading<T>(read: () => Promise<T>, timeoutMs = 1_000): () => Promise<T | undefined> {
  let inFlight: Promise<T | undefined> | undefined;
  return () => {
    inFlight ??= withTimeout(read(), timeoutMs)
      .catch(() => undefined)
      .finally(() => setImmediate(() => (inFlight = undefined)));
    return inFlight;
  };
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<T>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    timer.unref();
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** The metric `name` of `registry`, created by `create` the first time (several owners may share one). */
export function sharedMetric<M>(registry: Registry, name: string, create: () => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create();
}

/** Last success, interval and failures of a periodic job (PeriodicJob), by `task` (not `job`, which Prometheus gives every target). */
export function periodicJobMetrics(registry: Registry) {
  const registers = [registry];
  return {
    lastSuccess: sharedMetric(registry, 'periodic_job_last_success_timestamp_seconds', () => new Gauge<'task'>({
      name: 'periodic_job_last_success_timestamp_seconds', help: 'When the periodic job last finished without an error (Unix seconds)', labelNames: ['task'], registers,
    })),
    interval: sharedMetric(registry, 'periodic_job_interval_seconds', () => new Gauge<'task'>({
      name: 'periodic_job_interval_seconds', help: 'How often the periodic job runs', labelNames: ['task'], registers,
    })),
    failures: sharedMetric(registry, 'periodic_job_failures_total', () => new Counter<'task'>({
      name: 'periodic_job_failures_total', help: 'Runs of the periodic job that ended with an error', labelNames: ['task'], registers,
    })),
  };
}

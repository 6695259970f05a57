import { collectDefaultMetrics, Counter, Registry } from 'prom-client';

/**
 * One registry per application instance (not prom-client's global one), so several instances can
 * live in one process, as they do in the integration tests.
 */
export function createMetricsRegistry(service: string, instanceId: string, databaseStatements?: () => number): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance: instanceId });
  collectDefaultMetrics({ register: registry });
  if (databaseStatements) {
    new Counter({
      name: 'db_statements_total', help: 'Statements this process sent to Postgres (each a round trip)', registers: [registry],
      collect() {
        this.reset();
        this.inc(databaseStatements());
      },
    });
  }
  return registry;
}

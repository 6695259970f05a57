import { collectDefaultMetrics, Registry } from 'prom-client';

/**
 * One registry per application instance (not prom-client's global one), so several instances can
 * live in one process, as they do in the integration tests.
 */
export function createMetricsRegistry(service: string, instanceId: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service, instance: instanceId });
  collectDefaultMetrics({ register: registry });
  return registry;
}

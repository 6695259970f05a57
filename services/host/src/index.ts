import { SERVICE_NAMES, type ServiceName } from '@ops/contracts';
import { startFinance } from '@ops/finance';
import { startInventory } from '@ops/inventory';
import { startSales } from '@ops/sales';
import { startSecurity } from '@ops/security';
import { env, loadServiceConfig, readEnvironment, type RunningApp, type ServiceConfig } from '@ops/service-kit';

export { closeOnSignals } from '@ops/service-kit';

/** How each service starts from its configuration; the integration tests start them the same way. */
export const SERVICE_STARTERS: Record<ServiceName, (config: ServiceConfig) => Promise<RunningApp>> = {
  sales: startSales, finance: startFinance, inventory: startInventory, security: startSecurity,
};

/** Which services this process hosts: HOST_SERVICES (comma-separated), else all four. */
export function hostedServices(variables: NodeJS.ProcessEnv = process.env): ServiceName[] {
  const { HOST_SERVICES } = readEnvironment('the host', { HOST_SERVICES: env.list([...SERVICE_NAMES]) }, variables);
  const unknown = HOST_SERVICES.filter((name) => !(SERVICE_NAMES as readonly string[]).includes(name));
  if (unknown.length || !HOST_SERVICES.length) {
    throw new Error(`The configuration of the host is not valid; fix these environment variables:\n  HOST_SERVICES: must name services among ${SERVICE_NAMES.join(', ')}, got "${variables.HOST_SERVICES}"`);
  }
  return [...new Set(HOST_SERVICES)] as ServiceName[];
}

/**
 * Each hosted service's own configuration, as its own process would read it. An INSTANCE_ID given to the host
 * names each service's instance `<id>-<service>`: every instance keeps a name of its own in its metrics and in
 * Postgres's application_name (by which its statements are counted).
 */
export function hostedConfig(service: ServiceName, variables: NodeJS.ProcessEnv = process.env): ServiceConfig {
  const { INSTANCE_ID, ...rest } = variables;
  return loadServiceConfig(service, INSTANCE_ID ? { ...rest, INSTANCE_ID: `${INSTANCE_ID}-${service}` } : rest);
}

export interface RunningHost {
  /** Each hosted service, as it runs on its own: its Nest app, its URL (/health, /metrics). */
  services: Partial<Record<ServiceName, RunningApp>>;
  drainMs: number;
  /** Every service turns not ready at once, serves on for the drain, then closes; together, not one after another. */
  close(): Promise<void>;
}

/**
 * Runs several services in this one Node process, each exactly as it runs alone: its own Nest application,
 * HTTP port, schema and connection pool, NATS connection, consumers and metrics. Nothing passes between them
 * but NATS, as between processes. On a small machine one busy process costs less CPU per message than four
 * mostly idle ones, and a quarter of the memory (docs/performance.md, "The services in one process").
 * What it gives up: a crash takes every hosted service down at once, and one service cannot be scaled alone.
 */
export async function startHost(services: ServiceName[] = hostedServices(), variables: NodeJS.ProcessEnv = process.env): Promise<RunningHost> {
  // Every configuration is checked before anything starts. A service that then fails to start rejects this, and
  // the entry point exits: half-built applications keep their connections, so the host is restarted whole.
  const configs = services.map((service) => hostedConfig(service, variables));
  const running = await Promise.all(configs.map((config) => SERVICE_STARTERS[config.service](config)));
  let closing: Promise<void> | undefined;
  return {
    services: Object.fromEntries(configs.map((config, i) => [config.service, running[i]])),
    drainMs: Math.max(...running.map((app) => app.drainMs)),
    close: () => (closing ??= Promise.all(running.map((app) => app.close())).then(() => undefined)),
  };
}

import { Logger } from '@nestjs/common';
import { databaseStatements } from '@ops/persistence';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';
import { hostname } from 'node:os';
import { hostedConfig, hostedServices, startHost, type RunningHost } from './index.js';

describe('which services a host runs', () => {
  it('runs all four by default, or those HOST_SERVICES names, each once', () => {
    expect(hostedServices({})).toEqual(['sales', 'finance', 'inventory', 'security']);
    expect(hostedServices({ HOST_SERVICES: 'inventory, sales,inventory' })).toEqual(['inventory', 'sales']);
  });

  it('refuses a name that is not a service, naming the variable', () => {
    expect(() => hostedServices({ HOST_SERVICES: 'sales,gateway' })).toThrow(/HOST_SERVICES: must name services among sales, finance, inventory, security, got "sales,gateway"/);
    expect(() => hostedServices({ HOST_SERVICES: ' , ' })).toThrow(/HOST_SERVICES/);
  });

  it('gives every hosted service an instance name of its own', () => {
    expect(hostedConfig('sales', { INSTANCE_ID: 'node-a' }).instanceId).toBe('node-a-sales');
    expect(hostedConfig('finance', {}).instanceId).toBe(`finance@${hostname()}:${process.pid}`);
    expect(hostedConfig('finance', { FINANCE_HTTP_PORT: '4102' }).httpPort).toBe(4102);
  });
});

/** Two services in this process, started as the host's entry point starts them: from environment variables. */
describe('a host on real Postgres and NATS', () => {
  let env: TestEnvironment;
  let host: RunningHost | undefined;
  const variables = () => ({
    DATABASE_URL: env.databaseUrl, NATS_URL: env.natsUrl, SUBJECT_PREFIX: env.subjectPrefix, LOG_LEVEL: 'error', DB_POOL_SIZE: '3',
    SALES_HTTP_PORT: '0', SECURITY_HTTP_PORT: '0', INSTANCE_ID: `host-${env.runId}`,
  });

  beforeAll(async () => {
    env = await createTestEnvironment();
  });

  afterAll(async () => {
    await host?.close();
    await env?.dispose();
  });

  it('serves each service on its own port, and each counts only its own statements', async () => {
    const warned = jest.spyOn(Logger.prototype, 'warn');
    try {
      host = await startHost(['sales', 'security'], variables());
      // Each service's data source is named after it: @nestjs/typeorm's one registry of names per process has nothing to warn of.
      expect(warned.mock.calls.map(([message]) => String(message)).filter((message) => message.includes('already registered'))).toEqual([]);
    } finally {
      warned.mockRestore();
    }
    const { sales, security } = host.services;
    for (const app of [sales!, security!]) expect((await fetch(`${app.url}/health`)).status).toBe(200);
    expect(sales!.url).not.toBe(security!.url);

    // Read together, in one tick: each pool's statements, and the whole process's.
    const all = databaseStatements();
    const ofSales = databaseStatements(`host-${env.runId}-sales`);
    const ofSecurity = databaseStatements(`host-${env.runId}-security`);
    const [total, salesSent, securitySent] = [all(), ofSales(), ofSecurity()];
    expect(salesSent).toBeGreaterThan(0); // migrations and start-up reads went through each pool
    expect(securitySent).toBeGreaterThan(0);
    expect(salesSent + securitySent).toBeLessThan(total); // the rest: schema creation and migration locks, on their own connections

    const counted = async (url: string) => {
      const line = (await (await fetch(`${url}/metrics`)).text()).split('\n').find((l) => l.startsWith('db_statements_total'));
      return { line, value: Number(line?.split(' ').pop()) };
    };
    const before = ofSecurity();
    const scraped = await counted(security!.url);
    expect(scraped.line).toContain('service="security"');
    expect(scraped.value).toBeGreaterThanOrEqual(before);
    expect(scraped.value).toBeLessThanOrEqual(ofSecurity());
    expect(scraped.value).toBeLessThan(ofSales() + ofSecurity());
  });

  it('closes every hosted service together', async () => {
    const { sales, security } = host!.services;
    // Each answers 503 at /health/ready and serves on for its drain, all at the same time: one after another
    // would take at least twice the drain.
    for (const app of [sales!, security!]) app.drainMs = 1_500;
    const started = Date.now();
    await host!.close();
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_500);
    expect(Date.now() - started).toBeLessThan(3_000);
    for (const app of [sales!, security!]) await expect(fetch(`${app.url}/health`)).rejects.toThrow();
    host = undefined;
  });

  it('starts none of its services when the configuration of one is wrong', async () => {
    const failed = startHost(['sales', 'security'], { ...variables(), SALES_HTTP_PORT: '3999', SECURITY_HTTP_PORT: 'eighty' });
    await expect(failed).rejects.toThrow(/The configuration of security is not valid[\s\S]*SECURITY_HTTP_PORT: must be a whole number/);
    await expect(fetch('http://127.0.0.1:3999/health')).rejects.toThrow();
  });
});

import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { installTracing, shutdownTracing } from '@ops/observability';
import { Logger } from 'nestjs-pino';

export interface RunningApp {
  app: NestFastifyApplication;
  url: string;
  close(): Promise<void>;
}

export interface StartOptions {
  bodyLimitBytes?: number;
  /** Runs before listening: prefixes, OpenAPI. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** Creates and starts a Nest application on Fastify, logging through pino. */
export async function startApp(module: DynamicModule, host: string, port: number, options: StartOptions = {}): Promise<RunningApp> {
  installTracing();
  const adapter = new FastifyAdapter(options.bodyLimitBytes ? { bodyLimit: options.bodyLimitBytes } : {});
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await options.configure?.(app);
  await app.listen({ host, port });
  const address = app.getHttpServer().address();
  const url = typeof address === 'object' && address ? `http://${host}:${address.port}` : `http://${host}:${port}`;
  return { app, url, close: () => app.close() };
}

/** For a service's main.ts: stop cleanly on SIGTERM/SIGINT (stop taking work, finish, drain, close). */
export function closeOnSignals(running: RunningApp): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      const force = setTimeout(() => process.exit(1), 15_000);
      force.unref();
      // Spans still buffered are exported before the process goes.
      running.close().then(shutdownTracing).then(() => process.exit(0), () => process.exit(1));
    });
  }
}

import 'reflect-metadata';
import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { problem, type Problem } from '@ops/contracts';
import { installTracing, nameServerSpan, shutdownTracing } from '@ops/observability';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { env, readEnvironment } from './env-schema.js';
import { Readiness } from './health.controller.js';
import { v7 as uuidv7 } from 'uuid';

export interface RunningApp {
  app: NestFastifyApplication;
  url: string;
  /** Readiness turns 503 at once, the process serves on for the drain, then closes (stop taking work, finish, close). */
  close(): Promise<void>;
  /** How long close() keeps serving after readiness has turned 503. */
  drainMs: number;
}

/** SHUTDOWN_DRAIN_MS: long enough for a load balancer or Kubernetes to see /health/ready fail and send no more. */
export const DEFAULT_SHUTDOWN_DRAIN_MS = 2_000;

export function shutdownDrainMs(variables: NodeJS.ProcessEnv = process.env): number {
  return readEnvironment('this process', { SHUTDOWN_DRAIN_MS: env.int(DEFAULT_SHUTDOWN_DRAIN_MS, { max: 120_000 }) }, variables).SHUTDOWN_DRAIN_MS;
}

export interface StartOptions {
  bodyLimitBytes?: number;
  /** Proxies whose X-Forwarded-For is believed; none: the client address is the socket's. */
  trustedProxies?: string[];
  /** How long close() serves on after readiness turns 503; default SHUTDOWN_DRAIN_MS, else 2 s. */
  drainMs?: number;
  /** Runs before listening: prefixes, OpenAPI. */
  configure?: (app: NestFastifyApplication) => void | Promise<void>;
}

/** How much of an oversized body is read and thrown away so the client can read its 413; beyond it, the connection is cut. */
export const OVERSIZED_DRAIN_BYTES = 16 * 1024 * 1024;

const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';

/** Sends a problem from a Fastify hook, before Nest's exception filters could see it. */
export function sendProblem(reply: FastifyReply, body: Problem, instance: string): FastifyReply {
  return reply.code(body.status).type(PROBLEM_TYPE).send({ ...body, instance, requestId: String(reply.request.id) });
}

/**
 * Reads the rest of a request body without keeping it, up to `limitBytes`, so a client that is still
 * sending sees the answer instead of a reset socket. Resolves false when the body is larger than that
 * (the caller then closes the connection after answering).
 */
export function drainBody(raw: IncomingMessage, limitBytes = OVERSIZED_DRAIN_BYTES, timeoutMs = 10_000): Promise<boolean> {
  if (raw.complete || raw.readableEnded) return Promise.resolve(true);
  return new Promise((resolve) => {
    let seen = 0;
    const done = (ok: boolean) => {
      clearTimeout(timer);
      raw.removeListener('data', onData);
      raw.removeListener('end', onEnd);
      raw.removeListener('error', onEnd);
      resolve(ok);
    };
    const onData = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limitBytes) {
        raw.pause();
        done(false);
      }
    };
    const onEnd = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    raw.on('data', onData).once('end', onEnd).once('error', onEnd);
    raw.resume();
  });
}

/**
 * Makes every error a Fastify instance answers before any route runs problem+json: a request that
 * arrives while the process shuts down (503, with Retry-After, so a client retries elsewhere), and a body
 * declared larger than the limit (413, after reading what the client sends so it sees the answer).
 * Malformed and too-long URLs are the adapter's `frameworkErrors` below. Returns the switch that the
 * instance's `preClose` hook also turns.
 */
export function installProblemEdges(fastify: FastifyInstance, bodyLimit: number): { shuttingDown(): void } {
  let closing = false;
  fastify.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  fastify.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (closing) {
      reply.header('Connection', 'close').header('Retry-After', '1');
      return sendProblem(reply, problem(503, 'shutting-down', 'Service unavailable', 'This instance is shutting down; retry and another will answer'), request.url);
    }
    const declared = Number(request.headers['content-length']);
    if (Number.isFinite(declared) && declared > bodyLimit) {
      const drained = await drainBody(request.raw);
      if (!drained) reply.header('Connection', 'close');
      return sendProblem(reply, problem(413, 'payload-too-large', 'The request body is too large', `The body may be at most ${bodyLimit} bytes`), request.url);
    }
  });
  return { shuttingDown: () => (closing = true) };
}

/** Fastify's own refusals of a URL (malformed, a parameter over the length limit), as problem+json. */
export function frameworkError(error: Error, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = (error as { statusCode?: number }).statusCode === 414;
  void sendProblem(reply, tooLong ? problem(414, 'uri-too-long', 'URI too long', 'A path parameter is too long') : problem(400, 'bad-url', 'The request is not valid', 'The URL is not valid'), request.url.slice(0, 200));
}

/** A caller's own X-Request-Id when it is a plain token (letters, digits, `-_.:`, up to 100), else a new UUIDv7. */
export function requestIdOf(request: IncomingMessage): string {
  const given = request.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : uuidv7();
}

/** Creates and starts a Nest application on Fastify, logging through pino, every error as problem+json. */
export async function startApp(module: DynamicModule, host: string, port: number, options: StartOptions = {}): Promise<RunningApp> {
  installTracing();
  const bodyLimit = options.bodyLimitBytes ?? 1_048_576;
  // 503 while closing is answered by installProblemEdges, as problem+json with Retry-After.
  const adapter = new FastifyAdapter({
    bodyLimit, return503OnClosing: false, frameworkErrors: frameworkError,
    trustProxy: options.trustedProxies?.length ? options.trustedProxies : false,
    genReqId: requestIdOf,
  });
  // The id a request is known by everywhere (logs, the services it calls, the audit trail, error bodies).
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
    nameServerSpan(request.method, request.routeOptions?.url);
  });
  installProblemEdges(adapter.getInstance(), bodyLimit);
  const app = await NestFactory.create<NestFastifyApplication>(module, adapter, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  await options.configure?.(app);
  await app.listen({ host, port });
  const address = app.getHttpServer().address();
  const url = typeof address === 'object' && address ? `http://${host}:${address.port}` : `http://${host}:${port}`;
  const readiness = (() => {
    try {
      return app.get(Readiness, { strict: false });
    } catch {
      return undefined;
    }
  })();
  let closing: Promise<void> | undefined;
  const running: RunningApp = {
    app,
    url,
    drainMs: options.drainMs ?? shutdownDrainMs(),
    // Readiness fails first; requests, events and jobs go on for the drain, then the app closes.
    close: () => (closing ??= (async () => {
      readiness?.beginDrain();
      if (running.drainMs > 0) await new Promise((resolve) => setTimeout(resolve, running.drainMs));
      await app.close();
    })()),
  };
  return running;
}

/** For a process's main.ts: stop cleanly on SIGTERM/SIGINT (not ready at once, serve for the drain, stop taking work, finish, close). */
export function closeOnSignals(running: Pick<RunningApp, 'close' | 'drainMs'>): void {
  let closing = false;
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      if (closing) return;
      closing = true;
      const force = setTimeout(() => process.exit(1), running.drainMs + 15_000);
      force.unref();
      // Spans still buffered are exported before the process goes.
      running.close().then(shutdownTracing).then(() => process.exit(0), () => process.exit(1));
    });
  }
}

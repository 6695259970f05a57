import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import { context, propagation, trace, SpanKind, SpanStatusCode, type Context, type Span, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ConsoleSpanExporter, ParentBasedSampler, SimpleSpanProcessor, TraceIdRatioBasedSampler, TracerProvider,
  type Sampler, type SpanProcessor,
} from '@opentelemetry/sdk-trace';

export { SpanKind };

let installed: TracerProvider | undefined;

export interface TracingOptions {
  /** `service.name` unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES say otherwise. */
  service?: string;
  version?: string;
  instanceId?: string;
  /** Extra processors (tests read spans back with one). */
  spanProcessors?: SpanProcessor[];
  env?: NodeJS.ProcessEnv;
}

/**
 * Installs OpenTelemetry once per process, configured by the standard OTEL_* variables: OTEL_SDK_DISABLED,
 * OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES (the resource), OTEL_TRACES_EXPORTER (`otlp`, `console`,
 * `none`; `otlp` is the default once OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT is
 * set, and the exporter reads the rest of OTEL_EXPORTER_OTLP_*), OTEL_TRACES_SAMPLER and _ARG.
 * The official instrumentations patch `pg` (a span per statement) and Node's HTTP server (a span per
 * request); our own spans cover what they cannot see: the NATS request and reply, the event published
 * and the event handled. Call it before `pg` and `fastify` are first loaded (each main.ts imports its
 * tracing.ts first); in jest, whose module loader the instrumentations cannot patch, only our own spans appear.
 */
export function installTracing(options: TracingOptions = {}): void {
  if (installed) return;
  const env = options.env ?? process.env;
  const processors = [...(options.spanProcessors ?? [])];
  const disabled = env.OTEL_SDK_DISABLED === 'true';
  const exporters = (env.OTEL_TRACES_EXPORTER ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none')).split(',').map((e) => e.trim());
  if (!disabled && exporters.includes('otlp')) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  if (!disabled && exporters.includes('console')) processors.push(new SimpleSpanProcessor({ exporter: new ConsoleSpanExporter() }));
  const resource = resourceFromAttributes({
    ...(options.service ? { 'service.name': options.service, 'service.namespace': 'ops-platform' } : {}),
    ...(options.version ? { 'service.version': options.version } : {}),
    ...(options.instanceId ? { 'service.instance.id': options.instanceId } : {}),
  }).merge(detectResources({ detectors: [envDetector] }));
  installed = new TracerProvider({ resource, sampler: samplerFrom(env), spanProcessors: disabled ? [] : processors });
  trace.setGlobalTracerProvider(installed);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  if (!disabled) {
    registerInstrumentations({
      tracerProvider: installed,
      instrumentations: [
        // Health probes and scrapes would drown the traces.
        new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''), ignoreOutgoingRequestHook: () => true }),
        new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
      ],
    });
  }
}

/**
 * For a process's entry point: traces named after the service, its package's version and this instance
 * (`INSTANCE_ID`, else service@host:pid, as in the service's configuration).
 */
export function installServiceTracing(service: string, entryUrl: string): void {
  let version: string | undefined;
  try {
    version = (JSON.parse(readFileSync(new URL('../package.json', entryUrl), 'utf8')) as { version?: string }).version;
  } catch {
    version = undefined; // a layout without the package file: the resource simply has no version
  }
  installTracing({ service, version, instanceId: process.env.INSTANCE_ID ?? `${service}@${hostname()}:${process.pid}` });
  // Load pg now, through require, so that every patch the instrumentation makes (for `pg` and for its
  // client file) happens here, once: loaded later from ESM and again by TypeORM's require, it was patched
  // twice, around our own statement naming, and every statement had two spans.
  try {
    createRequire(entryUrl)('pg');
  } catch {
    // a process without pg has nothing to patch
  }
}

function samplerFrom(env: NodeJS.ProcessEnv): Sampler {
  const ratio = Number(env.OTEL_TRACES_SAMPLER_ARG ?? '1');
  const root = { always_on: new AlwaysOnSampler(), always_off: new AlwaysOffSampler(), traceidratio: new TraceIdRatioBasedSampler(ratio) };
  switch (env.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on') {
    case 'always_on': return root.always_on;
    case 'always_off': return root.always_off;
    case 'traceidratio': return root.traceidratio;
    case 'parentbased_always_off': return new ParentBasedSampler({ root: root.always_off });
    case 'parentbased_traceidratio': return new ParentBasedSampler({ root: root.traceidratio });
    case 'parentbased_always_on': return new ParentBasedSampler({ root: root.always_on });
    default: throw new Error(`OTEL_TRACES_SAMPLER: unknown sampler "${env.OTEL_TRACES_SAMPLER}" (always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio)`);
  }
}

export async function shutdownTracing(): Promise<void> {
  await installed?.forceFlush();
}

/** The ids of the span active now, for log lines (empty outside a trace). */
export function activeTraceIds(): { trace_id?: string; span_id?: string } {
  const span = trace.getSpan(context.active());
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/** Names the active HTTP server span after its route (`POST /api/v1/sales/orders`), as the semantic conventions ask. */
export function nameServerSpan(method: string, route: string | undefined): void {
  const span = trace.getSpan(context.active());
  if (!span || !route) return;
  span.updateName(`${method} ${route}`);
  span.setAttribute('http.route', route);
}

/** Whether a span is active here (in a service run with the HTTP instrumentation, the request's server span). */
export function hasActiveSpan(): boolean {
  return trace.getSpan(context.active()) !== undefined;
}

export const tracer = () => trace.getTracer('ops-platform');

/** Anything with get/set of string headers: NATS MsgHdrs, a plain record. */
export interface HeaderBag {
  get(key: string): string | undefined | null;
  set(key: string, value: string): void;
}

const setter: TextMapSetter<HeaderBag> = { set: (carrier, key, value) => carrier.set(key, value) };
const getter: TextMapGetter<HeaderBag> = {
  get: (carrier, key) => carrier.get(key) || undefined,
  keys: () => ['traceparent', 'tracestate'],
};

export function injectTraceContext(headers: HeaderBag, ctx: Context = context.active()): void {
  propagation.inject(ctx, headers, setter);
}

export function extractTraceContext(headers: HeaderBag | undefined): Context {
  return headers ? propagation.extract(context.active(), headers, getter) : context.active();
}

export function recordBag(record: Record<string, string> = {}): HeaderBag & { record: Record<string, string> } {
  return { record, get: (k) => record[k], set: (k, v) => { record[k] = v; } };
}

/** Runs `work` in a new span under `parent`, ending it and recording a failure. */
export async function inSpan<T>(
  name: string,
  options: { kind: SpanKind; parent?: Context; attributes?: Record<string, string | number> },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const span = tracer().startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

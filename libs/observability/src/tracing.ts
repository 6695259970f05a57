import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { hostname } from 'node:os';
import {
  context, INVALID_SPAN_CONTEXT, propagation, trace, SamplingDecision, SpanKind, SpanStatusCode, TraceFlags, type Context, type Span, type TextMapGetter, type TextMapSetter,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { isTracingSuppressed, W3CTraceContextPropagator } from '@opentelemetry/core';
import { detectResources, envDetector, resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler, AlwaysOnSampler, ParentBasedSampler, RandomIdGenerator, TraceIdRatioBasedSampler, TracerProvider, type Sampler, type SpanProcessor,
} from '@opentelemetry/sdk-trace';

export { SpanKind };

let installed: TracerProvider | undefined;
/**
 * The sampler of a process whose spans no processor reads (no exporter, no test's), set by installTracing:
 * inSpan then only carries the trace on (unrecordedSpan), without building a span nobody will see.
 */
let unread: Sampler | undefined;
const ids = new RandomIdGenerator();

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
 * Installs the tracer provider once per process: the resource from the options and OTEL_SERVICE_NAME /
 * OTEL_RESOURCE_ATTRIBUTES, the sampler from OTEL_TRACES_SAMPLER and _ARG, W3C propagation, and the given
 * processors (tests read spans back with one). Our own spans (the NATS request and reply, the event published
 * and handled) exist from here on; exporting them and the instrumentations are installServiceTracing's.
 */
export function installTracing(options: TracingOptions = {}): void {
  if (installed) return;
  const env = options.env ?? process.env;
  const resource = resourceFromAttributes({
    ...(options.service ? { 'service.name': options.service, 'service.namespace': 'ops-platform' } : {}),
    ...(options.version ? { 'service.version': options.version } : {}),
    ...(options.instanceId ? { 'service.instance.id': options.instanceId } : {}),
  }).merge(detectResources({ detectors: [envDetector] }));
  const sampler = samplerFrom(env);
  const spanProcessors = env.OTEL_SDK_DISABLED === 'true' ? [] : options.spanProcessors ?? [];
  installed = new TracerProvider({ resource, sampler, spanProcessors });
  unread = spanProcessors.length ? undefined : sampler;
  trace.setGlobalTracerProvider(installed);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

/** Which exporters OTEL_TRACES_EXPORTER asks for: `otlp` by default once an OTLP endpoint is set, else none. */
export function tracesExporters(env: NodeJS.ProcessEnv = process.env): Array<'otlp' | 'console'> {
  if (env.OTEL_SDK_DISABLED === 'true') return [];
  const asked = env.OTEL_TRACES_EXPORTER ?? (env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ? 'otlp' : 'none');
  return asked.split(',').map((e) => e.trim()).flatMap((e) => {
    if (e === 'otlp' || e === 'console') return [e];
    if (e === 'none' || e === '') return [];
    throw new Error(`OTEL_TRACES_EXPORTER: unknown exporter "${e}" (otlp, console, none)`);
  });
}

/**
 * For a process's entry point, before it loads anything else: traces named after the service, its package's
 * version and this instance (`INSTANCE_ID`, else service@host:pid, as in the service's configuration). When
 * traces go somewhere (OTEL_TRACES_EXPORTER, or an OTEL_EXPORTER_OTLP_* endpoint; the exporter reads the rest
 * of OTEL_EXPORTER_OTLP_*), it also loads the exporter and the official instrumentations, which patch `pg`
 * (a span per statement) and Node's HTTP server (a span per request). They cost about 25 MB per process, so
 * a process that exports nothing does not load them. In jest, whose module loader they cannot patch, only
 * our own spans appear.
 */
export async function installServiceTracing(service: string, entryUrl: string): Promise<void> {
  let version: string | undefined;
  try {
    version = (JSON.parse(readFileSync(new URL('../package.json', entryUrl), 'utf8')) as { version?: string }).version;
  } catch {
    version = undefined; // a layout without the package file: the resource simply has no version
  }
  const exporters = tracesExporters();
  const spanProcessors: SpanProcessor[] = [];
  if (exporters.length) {
    const sdk = await import('@opentelemetry/sdk-trace');
    if (exporters.includes('otlp')) {
      const { OTLPTraceExporter } = await import('@opentelemetry/exporter-trace-otlp-http');
      spanProcessors.push(new sdk.BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
    }
    if (exporters.includes('console')) spanProcessors.push(new sdk.SimpleSpanProcessor({ exporter: new sdk.ConsoleSpanExporter() }));
  }
  installTracing({ service, version, instanceId: process.env.INSTANCE_ID ?? `${service}@${hostname()}:${process.pid}`, spanProcessors });
  if (!exporters.length) return;
  const [{ registerInstrumentations }, { HttpInstrumentation }, { PgInstrumentation }] = await Promise.all([
    import('@opentelemetry/instrumentation'), import('@opentelemetry/instrumentation-http'), import('@opentelemetry/instrumentation-pg'),
  ]);
  registerInstrumentations({
    tracerProvider: installed,
    instrumentations: [
      // Health probes and scrapes would drown the traces.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (req) => /^\/(health|metrics)/.test(req.url ?? ''), ignoreOutgoingRequestHook: () => true }),
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
  });
  // Load pg now, through require, so that every patch the instrumentation makes (for `pg` and for its client
  // file) happens here, once: loaded later from ESM and again by TypeORM's require, it was patched twice,
  // around our own statement naming, and every statement had two spans.
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
  const span = unread ? unrecordedSpan(unread, name, options.kind, options.attributes, parent) : tracer().startSpan(name, { kind: options.kind, attributes: options.attributes }, parent);
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

/**
 * The span the SDK would start, as it would propagate it (the parent's trace, a new span id, the sampler's
 * decision in the flags, so the services downstream see the same `traceparent`), but not recorded: with no
 * processor to hand it to, the SDK's spans were 5 % of the gateway's on-CPU samples and 3 % of the host's
 * (docs/performance.md, "Spans nobody reads").
 */
function unrecordedSpan(sampler: Sampler, name: string, kind: SpanKind, attributes: Record<string, string | number> | undefined, parent: Context): Span {
  if (isTracingSuppressed(parent)) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
  const from = trace.getSpanContext(parent);
  const continues = from !== undefined && trace.isSpanContextValid(from);
  const traceId = continues ? from.traceId : ids.generateTraceId();
  const sampled = sampler.shouldSample(parent, traceId, name, kind, attributes ?? {}, []);
  return trace.wrapSpanContext({
    traceId,
    spanId: ids.generateSpanId(),
    traceFlags: sampled.decision === SamplingDecision.RECORD_AND_SAMPLED ? TraceFlags.SAMPLED : TraceFlags.NONE,
    traceState: sampled.traceState ?? (continues ? from.traceState : undefined),
  });
}

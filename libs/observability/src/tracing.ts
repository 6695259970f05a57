import { context, propagation, trace, SpanKind, SpanStatusCode, type Context, type Span, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { BatchSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';

export { SpanKind };

let installed: TracerProvider | undefined;

/**
 * Installs the OpenTelemetry tracer once per process. Spans are exported over OTLP/HTTP when
 * OTEL_EXPORTER_OTLP_ENDPOINT is set; tests pass their own processor to read spans back.
 * NestJS 12 is not patched by the auto-instrumentations (architecture.md, engineering notes), so spans are made by hand
 * at the edges: HTTP in the gateway, NATS request and event handling in the messaging lib.
 */
export function installTracing(options: { spanProcessors?: SpanProcessor[]; env?: NodeJS.ProcessEnv } = {}): void {
  if (installed) return;
  const env = options.env ?? process.env;
  const processors = [...(options.spanProcessors ?? [])];
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT) processors.push(new BatchSpanProcessor({ exporter: new OTLPTraceExporter() }));
  installed = new TracerProvider({ spanProcessors: processors });
  trace.setGlobalTracerProvider(installed);
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
}

export async function shutdownTracing(): Promise<void> {
  await installed?.forceFlush();
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

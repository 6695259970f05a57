import { context, propagation, trace, type Span } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';

type Tracing = typeof import('./tracing.js');

/** A fresh copy of the module (it installs once per process), installed with `options`. */
function installed(options: Parameters<Tracing['installTracing']>[0]): Tracing {
  let tracing!: Tracing;
  jest.isolateModules(() => {
    tracing = jest.requireActual<Tracing>('./tracing.js');
  });
  tracing.installTracing(options);
  return tracing;
}

/** What `inSpan` hands its work, and the `traceparent` a message sent from inside it carries. */
async function sentFrom(tracing: Tracing, parentTraceparent?: string): Promise<{ span: Span; recording: boolean; traceparent: string }> {
  const parent = parentTraceparent ? tracing.extractTraceContext(tracing.recordBag({ traceparent: parentTraceparent })) : undefined;
  return tracing.inSpan('orders send', { kind: tracing.SpanKind.CLIENT, parent, attributes: { 'messaging.system': 'nats' } }, async (span) => {
    const headers = tracing.recordBag();
    tracing.injectTraceContext(headers);
    return { span, recording: span.isRecording(), traceparent: headers.record.traceparent };
  });
}

const CALLER_TRACE = '4bf92f3577b34da6a3ce929d0e0e4736';
const CALLER_SPAN = '00f067aa0ba902b7';

afterEach(() => {
  trace.disable();
  context.disable();
  propagation.disable();
});

describe('spans nobody reads (no exporter, no processor)', () => {
  it('are not recorded, and carry the caller trace on with a new span id and its sampled flag', async () => {
    const tracing = installed({ env: {} });
    const { span, recording, traceparent } = await sentFrom(tracing, `00-${CALLER_TRACE}-${CALLER_SPAN}-01`);
    expect(recording).toBe(false);
    const [, traceId, spanId, flags] = traceparent.split('-');
    expect(traceId).toBe(CALLER_TRACE);
    expect(spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(spanId).not.toBe(CALLER_SPAN);
    expect(flags).toBe('01');
    expect(span.spanContext().spanId).toBe(spanId);
  });

  it('keep a caller decision not to sample, as the parent-based sampler does', async () => {
    const { traceparent } = await sentFrom(installed({ env: {} }), `00-${CALLER_TRACE}-${CALLER_SPAN}-00`);
    expect(traceparent).toMatch(new RegExp(`^00-${CALLER_TRACE}-[0-9a-f]{16}-00$`));
  });

  it('start a trace of their own without a caller, sampled as the sampler decides', async () => {
    const sampled = await sentFrom(installed({ env: {} }));
    expect(sampled.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    expect(sampled.traceparent.split('-')[1]).not.toBe('0'.repeat(32));
    trace.disable();
    context.disable();
    propagation.disable();
    const off = await sentFrom(installed({ env: { OTEL_TRACES_SAMPLER: 'always_off' } }));
    expect(off.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-00$/);
  });

  it('nest: work inside a span sends that span as the parent', async () => {
    const tracing = installed({ env: {} });
    const { outer, inner } = await tracing.inSpan('outer', { kind: tracing.SpanKind.SERVER }, async (outerSpan) => ({
      outer: outerSpan.spanContext(),
      inner: (await sentFrom(tracing)).traceparent,
    }));
    expect(inner.split('-')[1]).toBe(outer.traceId);
    expect(inner.split('-')[2]).not.toBe(outer.spanId);
  });
});

describe('spans a processor reads', () => {
  it('are recorded under the caller span, and the ids sent are the recorded span ones', async () => {
    const exported = new InMemorySpanExporter();
    const tracing = installed({ env: {}, spanProcessors: [new SimpleSpanProcessor({ exporter: exported })] });
    const { recording, traceparent } = await sentFrom(tracing, `00-${CALLER_TRACE}-${CALLER_SPAN}-01`);
    expect(recording).toBe(true);
    const [recorded] = exported.getFinishedSpans();
    expect(recorded.name).toBe('orders send');
    expect(recorded.parentSpanContext?.spanId).toBe(CALLER_SPAN);
    expect(traceparent).toBe(`00-${CALLER_TRACE}-${recorded.spanContext().spanId}-01`);
  });
});

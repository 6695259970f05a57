import { createInbox, headers as natsHeaders, NoRespondersError, TimeoutError, type Msg, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { problem, RPC_HEADER, rpcSubject, type RpcReply, type ServiceName } from '@ops/contracts';
import { inSpan, injectTraceContext, SpanKind } from '@ops/observability';
import { REPEAT_WITH_THE_SAME_KEY } from './database-problems.js';
import type { Naming } from './naming.js';

export interface RpcCallOptions {
  /** The gateway's signed statement of who acts (see @ops/auth). */
  actorAssertion: string;
  requestId: string;
  idempotencyKey?: string;
  timeoutMs?: number;
  /** How long the service may hold the request on purpose (a long poll's wait); added to the timeout. */
  waitMs?: number;
}

/**
 * Sends a command or query to a service and waits for its answer. A service with no instance
 * listening answers at once with 503, one that stays silent with 504: the caller never hangs.
 */
export class RpcClient {
  private readonly answers: AnswerInbox;

  constructor(nc: NatsConnection, private readonly naming: Naming, private readonly defaultTimeoutMs = 5_000) {
    this.answers = new AnswerInbox(nc);
  }

  async request<T = unknown>(service: ServiceName, name: string, payload: unknown, options: RpcCallOptions): Promise<RpcReply<T>> {
    const subject = this.naming.subject(rpcSubject(service, name));
    const timeout = (options.timeoutMs ?? this.defaultTimeoutMs) + (options.waitMs ?? 0);
    return inSpan(`${service} ${name} send`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': subject } }, async () => {
      const h = natsHeaders();
      h.set(RPC_HEADER.actor, options.actorAssertion);
      h.set(RPC_HEADER.requestId, options.requestId);
      if (options.idempotencyKey) h.set(RPC_HEADER.idempotencyKey, options.idempotencyKey);
      injectTraceContext(h);
      try {
        const reply = await this.answers.ask(subject, JSON.stringify(payload ?? {}), h, timeout);
        return reply.json<RpcReply<T>>();
      } catch (error) {
        return { ok: false, problem: transportProblem(service, error, timeout) };
      }
    });
  }
}

interface Waiting {
  subject: string;
  answered(msg: Msg): void;
  failed(error: Error): void;
  timer: NodeJS.Timeout;
}

/**
 * One subscription takes the answers to all of a client's requests, each request waiting under its own
 * token, as nats.js's request() does; but that also makes, for every request, an Error with its stack
 * trace (for a cancel nobody sees), a random token and a promise wrapper: under the flow benchmark a
 * twentieth of the gateway's CPU (docs/performance.md, "Answers to the gateway's requests"). The server
 * answers a request nobody listens to with a 503 status: NoRespondersError, as from request().
 */
export class AnswerInbox {
  private readonly prefix = `${createInbox()}.`;
  private readonly waiting = new Map<string, Waiting>();
  private sequence = 0;

  constructor(private readonly nc: NatsConnection) {
    nc.subscribe(`${this.prefix}*`, { callback: (error, msg) => (error ? this.failAll(error) : this.settle(msg)) });
    void nc.closed().then(() => this.failAll(new Error('connection closed')));
  }

  /** Publishes `data` to `subject` with a reply token, and waits up to `timeoutMs` for the answer. */
  ask(subject: string, data: string, headers: MsgHdrs, timeoutMs: number): Promise<Msg> {
    const token = (this.sequence++).toString(36);
    return new Promise<Msg>((answered, failed) => {
      const timer = setTimeout(() => {
        this.waiting.delete(token);
        failed(new TimeoutError());
      }, timeoutMs);
      this.waiting.set(token, { subject, answered, failed, timer });
      try {
        this.nc.publish(subject, data, { reply: this.prefix + token, headers });
      } catch (error) {
        clearTimeout(timer);
        this.waiting.delete(token);
        failed(error as Error);
      }
    });
  }

  private settle(msg: Msg): void {
    const token = msg.subject.slice(this.prefix.length);
    const waiting = this.waiting.get(token);
    if (!waiting) return; // answered after its timeout
    this.waiting.delete(token);
    clearTimeout(waiting.timer);
    if (msg.data.length === 0 && msg.headers?.code === 503) waiting.failed(new NoRespondersError(waiting.subject));
    else waiting.answered(msg);
  }

  private failAll(error: Error): void {
    for (const [token, waiting] of this.waiting) {
      this.waiting.delete(token);
      clearTimeout(waiting.timer);
      waiting.failed(error);
    }
  }
}

function transportProblem(service: ServiceName, error: unknown, timeout: number) {
  const names = errorChain(error);
  if (names.includes('NoRespondersError') || (error as { isNoResponders?: () => boolean }).isNoResponders?.()) {
    return problem(503, 'service-unavailable', 'Service unavailable', `The ${service} service has no running instance; try again shortly.`);
  }
  if (names.includes('TimeoutError')) {
    return problem(504, 'service-timeout', 'Service did not answer in time', `The ${service} service did not answer within ${timeout} ms, so the outcome is unknown: it may still complete. ${REPEAT_WITH_THE_SAME_KEY}`);
  }
  return problem(503, 'bus-unavailable', 'Message bus unavailable', `Could not reach the ${service} service: ${(error as Error).message}`);
}

function errorChain(error: unknown): string[] {
  const names: string[] = [];
  for (let e = error as { name?: string; constructor?: { name: string }; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.constructor?.name) names.push(e.constructor.name);
    if (e.name) names.push(e.name);
    if (names.length > 10) break;
  }
  return names;
}

import type { Msg, NatsConnection, Subscription } from '@nats-io/transport-node';
import { invalidRequest, problem, problemOf, RPC_HEADER, rpcSubject, validateAs, type Actor, type RpcReply, type ServiceName } from '@ops/contracts';
import { DomainError } from '@ops/kernel';
import { extractTraceContext, inSpan, SpanKind } from '@ops/observability';
import { Counter, Histogram, type Registry } from 'prom-client';
import { v7 as uuidv7 } from 'uuid';
import { auditEntry, type AuditEntry } from './audit-entry.js';
import { databaseProblem } from './database-problems.js';
import type { LogSink } from './log.js';
import type { Naming } from './naming.js';

export interface RpcContext {
  actor: Actor;
  requestId: string;
  idempotencyKey?: string;
}

export interface RpcHandlerSpec<T extends object = object> {
  name: string;
  /** The request class; the payload is validated against it before the handler runs. */
  request?: new () => T;
  handle: (payload: T, context: RpcContext) => Promise<unknown>;
  /** The handler writes its own `done` audit line, inside the command's transaction. */
  auditsItself?: boolean;
}

/** What the server asks of the platform's security: who is this, may they, and write it down. */
export interface RpcGuard {
  /** The actor the gateway vouched for in the request's headers, or null. */
  verifyActor(assertion: string | undefined): Actor | null;
  /** Whether the actor may run the command, and whether it is a command (audited) or a query. */
  decide(name: string, actor: Actor): { allowed: true; kind: 'command' | 'query' } | { allowed: false; reason: string };
  audit(entry: AuditEntry): Promise<void>;
}


/**
 * Answers the gateway's commands and queries for one service over NATS request/reply. All instances
 * subscribe in one queue group, so each request reaches exactly one of them. Stopping drains the
 * subscription: no new request is taken, the ones in hand are answered.
 */
export class RpcServer {
  private readonly handlers = new Map<string, RpcHandlerSpec>();
  private readonly inFlight = new Set<Promise<void>>();
  private subscription?: Subscription;
  private readonly requests: Counter<'command' | 'status'>;
  private readonly duration: Histogram<'command'>;

  constructor(private readonly options: { service: ServiceName; nc: NatsConnection; naming: Naming; logger: LogSink; registry: Registry; guard: RpcGuard }) {
    const registers = [options.registry];
    this.requests = new Counter({ name: 'rpc_requests_total', help: 'Requests answered, by command and status', labelNames: ['command', 'status'], registers });
    this.duration = new Histogram({ name: 'rpc_request_seconds', help: 'Time to answer a request', labelNames: ['command'], buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1], registers });
  }

  register<T extends object>(spec: RpcHandlerSpec<T>): void {
    if (this.handlers.has(spec.name)) throw new Error(`RPC ${spec.name} is registered twice in ${this.options.service}`);
    this.handlers.set(spec.name, spec as unknown as RpcHandlerSpec);
  }

  get names(): string[] {
    return [...this.handlers.keys()];
  }

  start(): void {
    const subject = this.options.naming.subject(rpcSubject(this.options.service, '>'));
    this.subscription = this.options.nc.subscribe(subject, {
      queue: this.options.service,
      callback: (error, msg) => {
        if (error) return this.options.logger.error({ err: error }, 'rpc subscription failed');
        const work = this.answer(msg).finally(() => this.inFlight.delete(work));
        this.inFlight.add(work);
      },
    });
  }

  async stop(): Promise<void> {
    await this.subscription?.drain().catch(() => undefined);
    await Promise.allSettled([...this.inFlight]);
  }

  private async answer(msg: Msg): Promise<void> {
    const prefix = this.options.naming.subject(rpcSubject(this.options.service, ''));
    const name = msg.subject.slice(prefix.length);
    const end = this.duration.startTimer({ command: name });
    const reply = await this.dispatch(name, msg);
    end();
    this.requests.inc({ command: name, status: reply.ok ? 200 : reply.problem.status });
    if (msg.reply) msg.respond(JSON.stringify(reply));
  }

  /**
   * Every request is checked again here, whatever the gateway did: a verified actor, a role that
   * may run it, a valid payload. Commands, and every refusal, are written to the audit trail.
   */
  private async dispatch(name: string, msg: Msg): Promise<RpcReply> {
    const spec = this.handlers.get(name);
    if (!spec) return { ok: false, problem: problem(404, 'unknown-command', 'Unknown command', `${this.options.service} has no command ${name}`) };
    const { guard } = this.options;
    const requestId = msg.headers?.get(RPC_HEADER.requestId) || uuidv7();
    const actor = guard.verifyActor(msg.headers?.get(RPC_HEADER.actor) || undefined);
    let payload: unknown;
    try {
      payload = msg.data.length ? msg.json() : {};
    } catch {
      payload = undefined;
    }
    const record = (outcome: AuditEntry['outcome'], status: number, result?: unknown) =>
      guard.audit(auditEntry(name, actor, requestId, outcome, status, payload, result))
        .catch((error) => this.options.logger.error({ err: error, command: name, requestId }, 'could not write the audit trail'));
    const refuse = async (slug: string, detail: string): Promise<RpcReply> => {
      await record('refused', 403);
      return { ok: false, problem: problem(403, slug, 'Not allowed', detail) };
    };
    if (!actor) return refuse('actor-required', 'The request carries no verified actor; send it through the gateway.');
    const decision = guard.decide(name, actor);
    if (!decision.allowed) return refuse('role-required', decision.reason);
    const audited = decision.kind === 'command';
    if (payload === undefined) return { ok: false, problem: invalidRequest([{ field: '(body)', message: 'must be JSON' }]) };
    // A key is the caller's own: scoped by who sent it, so one person's key never answers with another's result.
    const key = msg.headers?.get(RPC_HEADER.idempotencyKey) || undefined;
    const context: RpcContext = { actor, requestId, idempotencyKey: key && `${actor.userId}:${key}` };
    let request: object = payload as object;
    if (spec.request) {
      const checked = validateAs(spec.request, payload, { forbidUnknown: true });
      if (!checked.ok) {
        if (audited) await record('rejected', 400);
        return { ok: false, problem: invalidRequest(checked.errors) };
      }
      request = checked.value;
    }
    try {
      const data = await inSpan(
        `${this.options.service} ${name}`,
        { kind: SpanKind.SERVER, parent: extractTraceContext(msg.headers ?? undefined), attributes: { 'messaging.system': 'nats', 'messaging.destination.name': msg.subject, 'ops.request_id': requestId } },
        () => spec.handle(request, context),
      );
      if (audited && !spec.auditsItself) await record('done', 200, data);
      return { ok: true, data: data ?? null };
    } catch (error) {
      if (error instanceof DomainError) {
        const refusal = problemOf(error);
        if (audited || refusal.status === 403) await record(refusal.status === 403 ? 'refused' : 'rejected', refusal.status);
        return { ok: false, problem: refusal };
      }
      const lost = databaseProblem(this.options.service, error);
      if (lost) {
        // Not a fault of ours: nothing ran (503), or its COMMIT may have happened with its own audit line (504).
        // No 'failed' line is written: there is no database to write it to, or it would sit beside a 'done'.
        this.options.logger.warn({ err: error, command: name, requestId }, lost.status === 503 ? 'request not run: the database cannot be reached' : 'outcome unknown: the database connection was lost during the request');
        return { ok: false, problem: lost };
      }
      this.options.logger.error({ err: error, command: name, requestId }, 'command failed');
      if (audited) await record('failed', 500);
      return { ok: false, problem: problem(500, 'internal-error', 'The service could not complete the request', `Quote request id ${requestId} when reporting this.`) };
    }
  }
}

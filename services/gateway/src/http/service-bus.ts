import { Inject, Injectable } from '@nestjs/common';
import { signActorAssertion } from '@ops/auth';
import type { ServiceName } from '@ops/contracts';
import type { RpcClient } from '@ops/messaging';
import { extractTraceContext, hasActiveSpan, inSpan, SpanKind } from '@ops/observability';
import type { FastifyRequest } from 'fastify';
import { GatewayKeys } from '../identity/access-tokens.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { ProblemException } from './problem.js';

export const RPC_CLIENT = Symbol('RPC_CLIENT');

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Forwards a validated HTTP request to the service that owns it and returns its answer, or throws
 * the service's problem. The HTTP span starts here, under the caller's `traceparent` if it sent one,
 * and the trace context travels on in the NATS headers, with the gateway's signed word on who acts.
 */
@Injectable()
export class ServiceBus {
  constructor(@Inject(RPC_CLIENT) private readonly rpc: RpcClient, private readonly keys: GatewayKeys) {}

  async call<T>(request: AuthenticatedRequest, service: ServiceName, name: string, payload: object): Promise<T> {
    if (!request.actor) throw new Error('ServiceBus.call on a route without a signed-in actor');
    const actorAssertion = signActorAssertion(request.actor, this.keys.actor);
    const requestId = String(request.id);
    const idempotencyKey = header(request, 'idempotency-key');
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 200)) {
      throw new ProblemException({ type: 'https://ops-platform.dev/problems/validation-failed', title: 'The request is not valid', status: 400, errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 200 characters' }] });
    }
    // Where the HTTP instrumentation runs, its server span is active and already continues the caller's
    // traceparent: this span goes under it. Where it does not (tests), this span is the server span.
    const instrumented = hasActiveSpan();
    const parent = instrumented ? undefined : extractTraceContext({ get: (key) => header(request, key), set: () => undefined });
    const route = request.routeOptions?.url ?? request.url;
    return inSpan(`${request.method} ${route}`, { kind: instrumented ? SpanKind.INTERNAL : SpanKind.SERVER, parent, attributes: { 'http.request.method': request.method, 'http.route': route, 'ops.request_id': requestId } }, async () => {
      const waitSeconds = (payload as { waitSeconds?: unknown }).waitSeconds;
      const waitMs = typeof waitSeconds === 'number' ? waitSeconds * 1000 : 0;
      const reply = await this.rpc.request<T>(service, name, payload, { actorAssertion, requestId, idempotencyKey, waitMs });
      if (!reply.ok) throw new ProblemException(reply.problem);
      return reply.data;
    });
  }
}

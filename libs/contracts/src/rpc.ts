import type { Problem } from './problem.js';
import type { ServiceName } from './envelope.js';

/** NATS headers that travel with every gateway request (besides W3C `traceparent`). */
export const RPC_HEADER = {
  // A signed assertion of who acts (see @ops/auth), not a claim the caller makes.
  actor: 'Ops-Actor-Assertion',
  requestId: 'Ops-Request-Id',
  idempotencyKey: 'Idempotency-Key',
} as const;

export type RpcReply<T = unknown> = { ok: true; data: T } | { ok: false; problem: Problem };

/** Subject of a command or query a service answers: `rpc.<service>.<name>`. */
export function rpcSubject(service: ServiceName, name: string): string {
  return `rpc.${service}.${name}`;
}

import type { Actor } from '@ops/contracts';
import type { Cause, RpcContext } from '@ops/messaging';
import type { EntityManager } from 'typeorm';

/** Who acts and why: what every change records in its history and passes on to the events it raises. */
export interface Acting {
  actor: Actor;
  cause?: Cause;
}

/** What a handler gets with its request: who asks, the command's transaction (or, for a query, the data source). */
export interface CommandContext extends RpcContext, Acting {
  tx: EntityManager;
  cause: Cause;
}

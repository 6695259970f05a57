import { eventSubject, validateAs, type Actor, type EventContract, type EventEnvelope, type ServiceName } from '@ops/contracts';
import { injectTraceContext, recordBag } from '@ops/observability';
import { appendRow, appendsDeferred, notifyAtCommit } from '@ops/persistence';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { OUTBOX_TABLE, outboxChannel } from './schema.js';

export class ContractViolationError extends Error {
  constructor(type: string, readonly errors: { field: string; message: string }[]) {
    super(`Event ${type} does not match its contract: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`);
  }
}

/** What an event follows from: another event (its id and correlation id), or a request. */
export type Cause = { id: string; correlationId: string } | { requestId: string };

/** The cause an event handler passes on: the event it is handling. */
export const causedBy = (event: Pick<EventEnvelope, 'id' | 'correlationId'>): Cause => ({ id: event.id, correlationId: event.correlationId });

export interface NewEvent<T> {
  aggregateId: string;
  data: T;
  actor: Actor;
  /** The event or request this one follows from; its correlation id is carried on. */
  cause?: Cause;
}

/** An outbox row as the relay publishes it. */
export interface OutboxEvent {
  id: string;
  subject: string;
  envelope: string;
  headers: Record<string, string>;
}

const appendedIn = new WeakMap<object, OutboxEvent[]>();

/**
 * The events a transaction whose appends the runtime deferred put in the outbox: once it has
 * committed, the runtime hands them to the relay to publish at once (OutboxRelay.publishCommitted).
 */
export function eventsAppendedIn(tx: object): OutboxEvent[] {
  return appendedIn.get(tx) ?? [];
}

/**
 * Appends events to the service's outbox inside the caller's transaction: the event exists exactly
 * when the business change does. The payload is checked against its contract class first.
 */
export class OutboxWriter {
  constructor(private readonly source: ServiceName, private readonly schema: string) {}

  async append<T extends object>(tx: EntityManager, contract: EventContract<T>, event: NewEvent<T>): Promise<EventEnvelope<T>> {
    if (contract.source !== this.source) throw new Error(`${this.source} cannot publish ${contract.type}, which belongs to ${contract.source}`);
    const checked = validateAs(contract.payload, event.data);
    if (!checked.ok) throw new ContractViolationError(contract.type, checked.errors);
    const id = uuidv7();
    const cause = event.cause;
    const envelope: EventEnvelope<T> = {
      id,
      type: contract.type,
      version: contract.version,
      occurredAt: new Date().toISOString(),
      source: this.source,
      aggregateId: event.aggregateId,
      correlationId: !cause ? id : 'correlationId' in cause ? cause.correlationId : cause.requestId,
      causationId: !cause ? null : 'id' in cause ? cause.id : cause.requestId,
      actor: event.actor,
      data: event.data,
    };
    const headers = recordBag();
    injectTraceContext(headers);
    const subject = eventSubject(contract);
    await appendRow(tx, OUTBOX_TABLE, { id, subject, type: contract.type, envelope, headers: headers.record });
    if (appendsDeferred(tx)) {
      // The runtime publishes these itself once the transaction commits; the relay's poll is the safety net.
      const list = appendedIn.get(tx);
      const event = { id, subject, envelope: JSON.stringify(envelope), headers: headers.record };
      if (list) list.push(event);
      else appendedIn.set(tx, [event]);
    } else {
      // Delivered at commit only, so the relay wakes exactly when there is something to publish.
      await notifyAtCommit(tx, outboxChannel(this.schema));
    }
    return envelope;
  }
}

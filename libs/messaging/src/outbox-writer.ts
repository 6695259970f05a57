import { eventSubject, validateAs, type Actor, type EventContract, type EventEnvelope, type ServiceName } from '@ops/contracts';
import { injectTraceContext, recordBag } from '@ops/observability';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { outboxChannel } from './schema.js';

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
    await tx.query(
      `INSERT INTO outbox (id, subject, type, envelope, headers) VALUES ($1, $2, $3, $4, $5)`,
      [id, eventSubject(contract), contract.type, JSON.stringify(envelope), JSON.stringify(headers.record)],
    );
    // Delivered at commit only, so the relay wakes exactly when there is something to publish.
    await tx.query(`SELECT pg_notify($1, '')`, [outboxChannel(this.schema)]);
    return envelope;
  }
}

/** Who caused a command or event. Carried in every NATS request and every event envelope. */
export interface Actor {
  userId: string;
  roles: string[];
  displayName?: string;
  /** The sign-in name: what sales records as a customer's rep. */
  username?: string;
}

/** The envelope of every domain event (events.md). */
export interface EventEnvelope<T = unknown> {
  id: string;
  type: string;
  version: number;
  occurredAt: string;
  source: ServiceName;
  aggregateId: string;
  correlationId: string;
  causationId: string | null;
  actor: Actor;
  data: T;
}

export const SERVICE_NAMES = ['sales', 'finance', 'inventory', 'security'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];

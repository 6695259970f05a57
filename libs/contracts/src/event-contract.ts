import type { ServiceName } from './envelope.js';

/** A published event type: its name, version, producer and payload class. */
export interface EventContract<T extends object = object> {
  type: string;
  version: number;
  source: ServiceName;
  payload: new () => T;
  description: string;
}

export function defineEvent<T extends object>(contract: EventContract<T>): EventContract<T> {
  return contract;
}

/** Subject of an event type, before any run prefix: `<type>.v<version>` (DESIGN §3). */
export function eventSubject(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `${contract.type}.v${contract.version}`;
}

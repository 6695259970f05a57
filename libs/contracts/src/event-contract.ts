import type { ServiceName } from './envelope.js';

/** A published event type: its name, version, producer and payload class. */
export interface EventContract<T extends object = object> {
  type: string;
  version: number;
  source: ServiceName;
  payload: new () => T;
  description: string;
}

const published = new Map<string, EventContract<any>>();
const declared: EventContract<any>[] = [];

/** Declares an event type; the newest version of each type is what `contractOf` finds. */
export function defineEvent<T extends object>(contract: EventContract<T>): EventContract<T> {
  declared.push(contract);
  const known = published.get(contract.type);
  if (!known || known.version < contract.version) published.set(contract.type, contract);
  return contract;
}

/** The contract a domain step's event names by type (`sales.order.placed`), at its newest version. */
export function contractOf(type: string): EventContract<any> {
  const contract = published.get(type);
  if (!contract) throw new Error(`No event contract is declared for ${type}`);
  return contract;
}

/** Every declared contract, each version of each type, in declaration order: the event catalogue (asyncapi.ts). */
export function declaredEvents(): readonly EventContract<any>[] {
  return declared;
}

/** Subject of an event type, before any run prefix: `<type>.v<version>` (events.md). */
export function eventSubject(contract: Pick<EventContract, 'type' | 'version'>): string {
  return `${contract.type}.v${contract.version}`;
}

import { SetMetadata } from '@nestjs/common';
import type { EventContract, EventEnvelope, Operation } from '@ops/contracts';

const HANDLERS = Symbol('ops:handlers');
const EVENT_HANDLERS = Symbol('ops:event-handlers');

export interface HandlerMeta {
  operation: Operation;
  method: string | symbol;
}

export interface EventHandlerMeta {
  contract: EventContract;
  consumer: string;
  method: string | symbol;
  lockedBy?: (event: EventEnvelope<any>) => string;
}

/**
 * Marks a provider method as the handler of a catalogue operation. The payload arrives validated as
 * the operation's request; a command runs in one transaction (with its Idempotency-Key and audit line),
 * a query without one. `(request, context: CommandContext) => Promise<view>`.
 */
export function Handles(operation: Operation): MethodDecorator {
  return (target, method) => {
    const list: HandlerMeta[] = Reflect.getMetadata(HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(HANDLERS, [...list, { operation, method }], target.constructor);
  };
}

/**
 * Marks a provider method as a durable consumer of `contract`'s events; `(event, tx) => Promise<void>`.
 * `lockedBy` names the row the handler locks (EventHandlerSpec): a batch then takes its rows in key order.
 */
export function OnEvent(contract: EventContract<any>, consumer: string, options: { lockedBy?: EventHandlerMeta['lockedBy'] } = {}): MethodDecorator {
  return (target, method) => {
    const list: EventHandlerMeta[] = Reflect.getMetadata(EVENT_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(EVENT_HANDLERS, [...list, { contract, consumer, method, lockedBy: options.lockedBy }], target.constructor);
  };
}

export function handlersOf(type: Function): HandlerMeta[] {
  return Reflect.getMetadata(HANDLERS, type) ?? [];
}

export function eventHandlersOf(type: Function): EventHandlerMeta[] {
  return Reflect.getMetadata(EVENT_HANDLERS, type) ?? [];
}

/** How an HTTP route may be reached; the gateway's guard refuses any route that does not say. */
export const ACCESS_METADATA = 'ops:access';

export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, { kind: 'public' });
}

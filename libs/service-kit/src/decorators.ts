import { SetMetadata } from '@nestjs/common';
import type { EventContract } from '@ops/contracts';

const RPC_HANDLERS = Symbol('ops:rpc-handlers');
const EVENT_HANDLERS = Symbol('ops:event-handlers');

export interface RpcHandlerMeta {
  name: string;
  request?: new () => object;
  method: string | symbol;
}

export interface EventHandlerMeta {
  contract: EventContract;
  consumer: string;
  method: string | symbol;
}

/** Marks a provider method as the answer to `rpc.<service>.<name>`; the payload is validated as `request`. */
export function RpcHandler(name: string, request?: new () => object): MethodDecorator {
  return (target, method) => {
    const list: RpcHandlerMeta[] = Reflect.getMetadata(RPC_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(RPC_HANDLERS, [...list, { name, request, method }], target.constructor);
  };
}

/** Marks a provider method as a durable consumer of `contract`'s events; `(event, tx) => Promise<void>`. */
export function OnEvent(contract: EventContract<any>, consumer: string): MethodDecorator {
  return (target, method) => {
    const list: EventHandlerMeta[] = Reflect.getMetadata(EVENT_HANDLERS, target.constructor) ?? [];
    Reflect.defineMetadata(EVENT_HANDLERS, [...list, { contract, consumer, method }], target.constructor);
  };
}

export function rpcHandlersOf(type: Function): RpcHandlerMeta[] {
  return Reflect.getMetadata(RPC_HANDLERS, type) ?? [];
}

export function eventHandlersOf(type: Function): EventHandlerMeta[] {
  return Reflect.getMetadata(EVENT_HANDLERS, type) ?? [];
}

/** How an HTTP route may be reached; the gateway's guard refuses any route that does not say. */
export const ACCESS_METADATA = 'ops:access';

export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_METADATA, { kind: 'public' });
}

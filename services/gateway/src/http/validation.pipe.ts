import { ValidationPipe, type ArgumentMetadata, type Type, type ValidationPipeOptions } from '@nestjs/common';
import type { Operation } from '@ops/contracts';
import { inputOf } from './operation-routes.js';

/**
 * Validates what the gateway answers itself and every query string (turned into typed values here), but
 * not a body it only forwards: the service validates every request again anyway, as it must (it trusts
 * no sender on the bus), against the same classes, and answers the same problem field by field. Validating
 * such a body here as well cost about an eighth of the gateway's CPU per request (docs/performance.md).
 * A class some route of the gateway's own also takes is validated here as before.
 */
export class GatewayValidationPipe extends ValidationPipe {
  constructor(private readonly servicesValidate: ReadonlySet<unknown>, options: ValidationPipeOptions) {
    super(options);
  }

  protected override toValidate(metadata: ArgumentMetadata): boolean {
    return !(metadata.type === 'body' && this.servicesValidate.has(metadata.metatype)) && super.toValidate(metadata);
  }
}

/** The body classes only forwarded to a service, never taken by a route the gateway serves itself. */
export function bodiesServicesValidate(operations: readonly Operation[]): Set<Type<unknown>> {
  const bodies = (served: boolean) => operations.filter((op) => (op.servedBy === 'gateway') === served).map(inputOf).filter((input) => input?.from === 'body').map((input) => input!.type);
  const own = new Set(bodies(true));
  return new Set(bodies(false).filter((type) => !own.has(type)));
}

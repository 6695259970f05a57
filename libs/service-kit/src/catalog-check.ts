import type { Catalog } from '@ops/contracts';
import { handlersOf } from './decorators.js';

/** Catalogue keys every service answers through its messaging runtime rather than a handler of its own. */
export const RUNTIME_OPERATIONS = ['listDeadLetters', 'replayDeadLetter', 'listAudit'] as const;

/** The wire names a service answers: its providers' @Handles methods, and the runtime's own operations. */
export function handledNames(catalog: Catalog, providers: readonly Function[]): string[] {
  return [...providers.flatMap((p) => handlersOf(p).map((h) => h.operation.name)), ...RUNTIME_OPERATIONS.flatMap((key) => (catalog[key] ? [catalog[key].name] : []))];
}


/**
 * What is wrong between a service's catalogue and the handlers it registered: an operation nobody
 * handles, a handler the catalogue does not list, an operation handled twice. Empty when they agree.
 * Operations the gateway serves itself are not the service's to handle.
 */
export function catalogProblems(service: string, catalog: Catalog, handled: readonly string[]): string[] {
  const expected = new Set(Object.values(catalog).filter((op) => op.owner === service && op.servedBy !== 'gateway').map((op) => op.name));
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const name of handled) {
    if (seen.has(name)) problems.push(`${name} is handled twice`);
    seen.add(name);
    if (!expected.has(name)) problems.push(`${name} is handled but not in the ${service} catalogue`);
  }
  for (const name of expected) if (!seen.has(name)) problems.push(`${name} is in the ${service} catalogue but nothing handles it`);
  return problems;
}

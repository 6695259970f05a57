import { problem, type Problem } from '@ops/contracts';
import { isDatabaseConnectionLost, isDatabaseUnreachable } from '@ops/persistence';

/** What a client whose request has an unknown outcome is told to do, in the same words wherever that happens. */
export const REPEAT_WITH_THE_SAME_KEY = 'Repeat the request with the same Idempotency-Key to get its result without doing it twice (a state change that already happened answers 409).';

/**
 * The answer to a request that failed because Postgres went away, undefined for any other error: 503
 * `database-unavailable` when no connection could be had (nothing ran), 504 `database-connection-lost` when the
 * connection ended under the work (its COMMIT may have happened, so the outcome is unknown).
 */
export function databaseProblem(owner: string, error: unknown): Problem | undefined {
  if (isDatabaseUnreachable(error)) {
    return problem(503, 'database-unavailable', 'Service unavailable', `The ${owner} service cannot reach its database just now, so it could not run the request; try again shortly (with the same Idempotency-Key, if you sent one).`);
  }
  if (isDatabaseConnectionLost(error)) {
    return problem(504, 'database-connection-lost', 'Outcome unknown', `The ${owner} service lost its connection to the database while running the request, so the outcome is unknown: it may have completed. ${REPEAT_WITH_THE_SAME_KEY}`);
  }
  return undefined;
}

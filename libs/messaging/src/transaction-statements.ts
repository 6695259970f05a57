import { Histogram, type Registry } from 'prom-client';

/** What a unit of work was: a command (by its name) or an event's effect (by its consumer). */
export interface UnitOfWorkName {
  kind: 'command' | 'event';
  name: string;
  /** Events one transaction applied together (a consumer's batch); each is counted with its share of the statements. */
  units?: number;
}

/**
 * Statements each unit of work sent to Postgres, and the round trips they took, by command and by event
 * consumer (`db_statements_per_transaction`, `db_round_trips_per_transaction`): where an order's waits for
 * Postgres go, step by step, in any running system.
 */
export class TransactionStatements {
  private readonly histogram: Histogram<'kind' | 'name'>;
  private readonly roundTrips: Histogram<'kind' | 'name'>;

  constructor(registry: Registry) {
    this.histogram = new Histogram({
      name: 'db_statements_per_transaction',
      help: 'Statements one command or one event effect sent to Postgres, from START TRANSACTION to COMMIT (an event applied with others in one transaction: its share)',
      labelNames: ['kind', 'name'],
      buckets: [2, 4, 6, 8, 12, 16, 24, 32, 64],
      registers: [registry],
    });
    this.roundTrips = new Histogram({
      name: 'db_round_trips_per_transaction',
      help: 'Round trips (writes to Postgres, each answered before what depends on it is sent) one command or one event effect took, from START TRANSACTION to COMMIT (an event applied with others in one transaction: its share)',
      labelNames: ['kind', 'name'],
      buckets: [1, 2, 3, 4, 6, 8, 12, 16],
      registers: [registry],
    });
  }

  /** `roundTrips` undefined: not counted (the connection's writes are not watched). */
  observe(unit: UnitOfWorkName, statements: number, roundTrips?: number): void {
    const units = unit.units ?? 1;
    const labels = { kind: unit.kind, name: unit.name };
    for (let i = 0; i < units; i++) {
      this.histogram.observe(labels, statements / units);
      if (roundTrips !== undefined) this.roundTrips.observe(labels, roundTrips / units);
    }
  }
}

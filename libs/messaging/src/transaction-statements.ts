import { Histogram, type Registry } from 'prom-client';

/** What a unit of work was: a command (by its name) or an event's effect (by its consumer). */
export interface UnitOfWorkName {
  kind: 'command' | 'event';
  name: string;
  /** Events one transaction applied together (a consumer's batch); each is counted with its share of the statements. */
  units?: number;
}

/**
 * Statements each unit of work sent to Postgres, by command and by event consumer
 * (`db_statements_per_transaction`): where an order's round trips go, step by step, in any running system.
 */
export class TransactionStatements {
  private readonly histogram: Histogram<'kind' | 'name'>;

  constructor(registry: Registry) {
    this.histogram = new Histogram({
      name: 'db_statements_per_transaction',
      help: 'Statements one command or one event effect sent to Postgres, from START TRANSACTION to COMMIT (an event applied with others in one transaction: its share)',
      labelNames: ['kind', 'name'],
      buckets: [2, 4, 6, 8, 12, 16, 24, 32, 64],
      registers: [registry],
    });
  }

  observe(unit: UnitOfWorkName, statements: number): void {
    const units = unit.units ?? 1;
    for (let i = 0; i < units; i++) this.histogram.observe({ kind: unit.kind, name: unit.name }, statements / units);
  }
}

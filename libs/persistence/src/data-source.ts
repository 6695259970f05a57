import type pg from 'pg';
import { DataSource, type DataSourceOptions, type MixedList, type EntitySchema } from 'typeorm';
import { ensureSchema, withClient } from './database.js';
import { SnakeNamingStrategy } from './naming-strategy.js';
import { forgetHeldStart, pipelineTransactionStart } from './pipelined-transactions.js';
import { prepareRepeatedStatements } from './prepared-statements.js';

export interface ServiceDataSourceOptions {
  url: string;
  /** The service's own schema; every table of the service lives there (architecture.md). */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName?: string;
}

export function serviceDataSourceOptions(options: ServiceDataSourceOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: options.url,
    schema: options.schema,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    migrationsTransactionMode: 'all',
    synchronize: false,
    migrationsRun: false,
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    // TypeORM does not rewrite raw SQL: the search_path makes unqualified names land in our schema.
    extra: {
      max: options.poolSize ?? 10,
      options: `-c search_path=${options.schema},public`,
      application_name: options.applicationName ?? options.schema,
      // A statement goes out without waiting for the answer to the one before, where we send two together
      // (pipelined-transactions.ts); everywhere else each is awaited before the next, as without it.
      pipeline: true,
    },
  };
}

/**
 * Creates the schema, connects, and runs pending migrations under an advisory lock, so several
 * instances of one service starting together migrate once.
 */
export async function openServiceDataSource(options: ServiceDataSourceOptions): Promise<DataSource> {
  prepareRepeatedStatements();
  pipelineTransactionStart();
  await ensureSchema(options.url, options.schema);
  const dataSource = new DataSource(serviceDataSourceOptions(options));
  await dataSource.initialize();
  (dataSource.driver as unknown as { master: pg.Pool }).master.on('acquire', forgetHeldStart);
  try {
    await withClient(options.url, async (lock) => {
      await lock.query('SELECT pg_advisory_lock(hashtext($1))', [`migrate:${options.schema}`]);
      try {
        await dataSource.runMigrations({ transaction: 'all' });
      } finally {
        await lock.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrate:${options.schema}`]);
      }
    });
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}

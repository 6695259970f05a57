import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata.js';
import type { EntityMetadata } from 'typeorm/metadata/EntityMetadata.js';
import type { DataSource, EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import { escapedTable } from './entity-reads.js';
import { carriesDrawnNumber } from './drawn-numbers.js';


type Row = Record<string, unknown>;
type Driver = DataSource['driver'];

/** What every INSERT and UPDATE of one entity shares: its table and its insertable columns, escaped once. */
interface EntityShape {
  table: string;
  /** Every column a plain insert names, in TypeORM's order, with its escaped name. */
  inserted: ReadonlyArray<{ column: ColumnMetadata; name: string }>;
  updateDate?: string;
}

/** null: the entity has something only TypeORM's builder writes (a relation, an embedded, a version, a discriminator, a spatial column). */
const shapes = new WeakMap<EntityMetadata, EntityShape | null>();

/**
 * The INSERT of `rows` of `entity`, as TypeORM's query builder writes it for `tx.insert` (every insertable
 * column, or `columns`; each value through the driver: transformers, jsonb, dates; an empty one DEFAULT),
 * built from the entity's metadata without the builder. The SQL is returned; its parameters are appended
 * to `params` and numbered after those already there (a CTE of the flush). The builder's expression map,
 * alias and named parameters, renamed back into `$n`, were the largest part of the flush's cost (about a
 * tenth of a busy service's CPU); the text is the builder's own (the spec compares them), so the
 * statements keep their prepared names. An entity with what only the builder writes (relations,
 * embeddeds, versions) goes through the builder, as before.
 */
export function insertStatement(tx: EntityManager, params: unknown[], entity: EntityTarget<ObjectLiteral>, rows: readonly ObjectLiteral[], columns?: readonly string[]): string {
  const metadata = tx.connection.getMetadata(entity);
  const shape = shapeOf(metadata, tx.connection.driver);
  if (!shape) return appended(params, tx.createQueryBuilder().insert().into(entity, columns as string[] | undefined).values(rows as ObjectLiteral[]).updateEntity(false).getQueryAndParameters());
  const driver = tx.connection.driver;
  const inserted = columns ? metadata.columns.filter((column) => columns.includes(column.propertyPath)).map((column) => ({ column, name: driver.escape(column.databaseName) })) : shape.inserted;
  const values = rows.map((row) => `(${inserted.map(({ column }) => {
    const value: unknown = driver.preparePersistentValue(column.getEntityValue(row), column);
    if (value === undefined) return 'DEFAULT';
    if (typeof value === 'function') return (value as () => string)();
    return parameter(params, value, column, driver);
  }).join(', ')})`);
  return `INSERT INTO ${shape.table}(${inserted.map(({ name }) => name).join(', ')}) VALUES ${values.join(', ')}`;
}

/** The UPDATE of the row of `entity` that `criteria` (its key, by property) finds, setting `set`, as the builder writes it for `tx.update`; as insertStatement. */
export function updateStatement(tx: EntityManager, params: unknown[], entity: EntityTarget<ObjectLiteral>, criteria: Row, set: Row): string {
  const metadata = tx.connection.getMetadata(entity);
  const driver = tx.connection.driver;
  const shape = shapeOf(metadata, driver);
  const setColumns = shape && columnsByProperty(metadata, Object.keys(set).filter((key) => set[key] !== undefined));
  const keyColumns = shape && columnsByProperty(metadata, Object.keys(criteria));
  const plainKey = keyColumns && Object.values(criteria).every((value) => typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint');
  if (!shape || !setColumns?.length || !keyColumns?.length || !plainKey || setColumns.some((column) => !column.isUpdate)) {
    return appended(params, tx.createQueryBuilder().update(entity).set(set).where(criteria).getQueryAndParameters());
  }
  const assignments = setColumns.map((column) => {
    const value: unknown = driver.preparePersistentValue(column.getEntityValue(set), column);
    if (typeof value === 'function') return `${driver.escape(column.databaseName)} = ${(value as () => string)()}`;
    return `${driver.escape(column.databaseName)} = ${parameter(params, value, column, driver)}`;
  });
  if (shape.updateDate && !setColumns.some((column) => column.isUpdateDate)) assignments.push(`${shape.updateDate} = CURRENT_TIMESTAMP`);
  const conditions = keyColumns.map((column) => {
    params.push(criteria[column.propertyPath]);
    return `${driver.escape(column.databaseName)} = $${params.length}`;
  });
  const where = conditions.length === 1 ? conditions[0] : `(${conditions.join(' AND ')})`;
  return `UPDATE ${shape.table} SET ${assignments.join(', ')} WHERE ${where}`;
}

/**
 * `value` as the next parameter of `params`. One that carries a number drawn at commit names its column's
 * type, so that Postgres can fill the number in (drawn-numbers.ts).
 */
function parameter(params: unknown[], value: unknown, column: ColumnMetadata, driver: Driver): string {
  params.push(value);
  return carriesDrawnNumber(value) ? `$${params.length}::${driver.normalizeType(column)}${column.isArray ? '[]' : ''}` : `$${params.length}`;
}

/** A statement the builder numbered from $1, its parameters appended to `params` and renumbered after those before them. */
function appended(params: unknown[], [sql, values]: [string, unknown[]]): string {
  const offset = params.length;
  params.push(...values);
  return offset ? sql.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`) : sql;
}

/** The columns `properties` name, one each; undefined when one is not a plain column of its own. */
function columnsByProperty(metadata: EntityMetadata, properties: readonly string[]): ColumnMetadata[] | undefined {
  const found: ColumnMetadata[] = [];
  for (const property of properties) {
    const columns = metadata.findColumnsWithPropertyPath(property);
    if (columns.length !== 1) return undefined;
    found.push(columns[0]);
  }
  return found;
}

function shapeOf(metadata: EntityMetadata, driver: Driver): EntityShape | null {
  let shape = shapes.get(metadata);
  if (shape === undefined) {
    const plain = !metadata.relations.length && !metadata.embeddeds.length && !metadata.versionColumn && !metadata.discriminatorColumn && !metadata.treeType
      && metadata.columns.every((column) => !column.relationMetadata && !column.embeddedMetadata && !driver.spatialTypes.includes(column.type));
    shape = plain
      ? {
          table: escapedTable(metadata, driver),
          // As TypeORM's insert: every insertable column but a key the database generates by increment.
          inserted: metadata.columns.filter((column) => column.isInsert && !(column.isGenerated && column.generationStrategy === 'increment')).map((column) => ({ column, name: driver.escape(column.databaseName) })),
          updateDate: metadata.updateDateColumn && driver.escape(metadata.updateDateColumn.databaseName),
        }
      : null;
    shapes.set(metadata, shape);
  }
  return shape;
}

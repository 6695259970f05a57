import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

interface Shape {
  sql: { locked: string; plain: string };
}

/** Per entity and key property: the read's SQL, or null where the entity needs TypeORM's full loading. */
const shapes = new WeakMap<EntityMetadata, Map<string, Shape | null>>();

/**
 * One row by its key, optionally under `FOR UPDATE`, as `tx.findOne(entity, { where: { [key]: id }, lock })`
 * returns it, with the statement's text built once per entity. findOne builds it anew on every call (find
 * options, query builder, alias and property rewriting), and a locked read by key starts nearly every
 * command and event: 66–118 µs of CPU per read that way, 20–34 µs this way (docs/performance.md).
 * Columns are hydrated as TypeORM hydrates them (types, transformers). An entity with relations, embedded
 * columns, inheritance or load listeners, or a data source with subscribers, takes findOne itself.
 */
export async function rowByKey<Row extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<Row>, key: string, id: unknown, { lock }: { lock: boolean }): Promise<Row | null> {
  const metadata = tx.connection.getMetadata(entity);
  const shape = shapeOf(tx, metadata, key);
  if (!shape) {
    return tx.findOne(entity, { where: { [key]: id } as never, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }
  const rows: Array<Record<string, unknown>> = await tx.query(lock ? shape.sql.locked : shape.sql.plain, [id]);
  if (!rows.length) return null;
  const raw = rows[0]!;
  const row = metadata.create(tx.queryRunner, { fromDeserializer: true }) as Row;
  const driver = tx.connection.driver;
  for (const column of metadata.columns) column.setEntityValue(row, driver.prepareHydratedValue(raw[column.databaseName], column));
  return row;
}

function shapeOf(tx: EntityManager, metadata: EntityMetadata, key: string): Shape | null {
  let byKey = shapes.get(metadata);
  if (!byKey) shapes.set(metadata, (byKey = new Map()));
  if (byKey.has(key)) return byKey.get(key)!;
  const keyColumn = metadata.findColumnWithPropertyPath(key);
  const plainEntity = !metadata.relations.length && !metadata.embeddeds.length && !metadata.discriminatorColumn && !metadata.treeType
    && !metadata.deleteDateColumn && !metadata.afterLoadListeners.length && !tx.connection.subscribers.length
    && metadata.columns.every((c) => !c.isVirtual && !c.isVirtualProperty);
  let shape: Shape | null = null;
  if (plainEntity && keyColumn && !keyColumn.transformer) {
    const driver = tx.connection.driver;
    const table = metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
    const plain = `SELECT ${metadata.columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${table} WHERE ${driver.escape(keyColumn.databaseName)} = $1 LIMIT 1`;
    shape = { sql: { plain, locked: `${plain} FOR UPDATE` } };
  }
  byKey.set(key, shape);
  return shape;
}

import type { EntityManager, EntityMetadata, EntityTarget, ObjectLiteral } from 'typeorm';

/** What every read of one plain entity shares: its table and its columns, escaped once; null where the entity needs TypeORM's full loading. */
interface ReadShape {
  select: string;
  /** Statement texts by condition, built once: read, and read under FOR UPDATE. */
  texts: Map<string, string>;
  lockedTexts: Map<string, string>;
  /** By key property: the condition that reads one row by it, or null where findOne must (a key with a transformer, or no column). */
  byKey: Map<string, string | null>;
}

const shapes = new WeakMap<EntityMetadata, ReadShape | null>();

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
  const shape = shapeOf(tx, metadata);
  let condition = shape?.byKey.get(key);
  if (shape && condition === undefined) {
    const column = metadata.findColumnWithPropertyPath(key);
    shape.byKey.set(key, (condition = column && !column.transformer ? `{${key}} = $1 LIMIT 1` : null));
  }
  if (!shape || !condition) {
    return tx.findOne(entity, { where: { [key]: id } as never, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  }
  const [row] = await readRows<Row>(tx, metadata, shape, condition, [id], lock);
  return row ?? null;
}

/**
 * The rows of `entity` that `condition` finds, hydrated as `tx.find` hydrates them, the statement's text
 * built once per entity and condition. The condition is SQL after WHERE (it may end with ORDER BY or LIMIT),
 * its parameters `$1`, `$2`…, and it names columns by their entity property in braces: `{orderId} = $1
 * ORDER BY {id}`. It is for the reads an order's flow makes every time, where find options cost more to
 * turn into SQL than the statement costs to run; the rest use find. The entity must be a plain one (no
 * relations, embedded columns, inheritance or load listeners, no subscribers on the data source).
 */
export async function rowsWhere<Row extends ObjectLiteral>(tx: EntityManager, entity: EntityTarget<Row>, condition: string, params: readonly unknown[], { lock = false }: { lock?: boolean } = {}): Promise<Row[]> {
  const metadata = tx.connection.getMetadata(entity);
  const shape = shapeOf(tx, metadata);
  if (!shape) throw new Error(`rowsWhere reads plain entities only; ${metadata.name} has relations, embedded columns, inheritance or load listeners: use find`);
  return readRows<Row>(tx, metadata, shape, condition, params, lock);
}

async function readRows<Row extends ObjectLiteral>(tx: EntityManager, metadata: EntityMetadata, shape: ReadShape, condition: string, params: readonly unknown[], lock: boolean): Promise<Row[]> {
  const texts = lock ? shape.lockedTexts : shape.texts;
  let text = texts.get(condition);
  if (!text) texts.set(condition, (text = `${shape.select} WHERE ${columnsNamed(tx, metadata, condition)}${lock ? ' FOR UPDATE' : ''}`));
  const raws: Array<Record<string, unknown>> = await tx.query(text, params as unknown[]);
  const driver = tx.connection.driver;
  return raws.map((raw) => {
    const row = metadata.create(tx.queryRunner, { fromDeserializer: true }) as Row;
    for (const column of metadata.columns) column.setEntityValue(row, driver.prepareHydratedValue(raw[column.databaseName], column));
    return row;
  });
}

/** `{property}` in a condition, as the column's escaped name; an unknown property is a mistake in the code, said at once. */
function columnsNamed(tx: EntityManager, metadata: EntityMetadata, condition: string): string {
  return condition.replace(/\{(\w+)\}/g, (_, property: string) => {
    const column = metadata.findColumnWithPropertyPath(property);
    if (!column) throw new Error(`${metadata.name} has no column for the property ${property}`);
    return tx.connection.driver.escape(column.databaseName);
  });
}

function shapeOf(tx: EntityManager, metadata: EntityMetadata): ReadShape | null {
  let shape = shapes.get(metadata);
  if (shape === undefined) {
    const plain = !metadata.relations.length && !metadata.embeddeds.length && !metadata.discriminatorColumn && !metadata.treeType
      && !metadata.deleteDateColumn && !metadata.afterLoadListeners.length && !tx.connection.subscribers.length
      && metadata.columns.every((c) => !c.isVirtual && !c.isVirtualProperty);
    const driver = tx.connection.driver;
    shape = plain
      ? { select: `SELECT ${metadata.columns.map((c) => driver.escape(c.databaseName)).join(', ')} FROM ${escapedTable(metadata, driver)}`, texts: new Map(), lockedTexts: new Map(), byKey: new Map() }
      : null;
    shapes.set(metadata, shape);
  }
  return shape;
}

/** The entity's table, schema included, escaped as TypeORM writes it. */
export function escapedTable(metadata: EntityMetadata, driver: { escape(name: string): string }): string {
  return metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
}

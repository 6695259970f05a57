import fc from 'fast-check';
import { Column, CreateDateColumn, DataSource, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn, type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { insertStatement, updateStatement } from './entity-writes.js';
import { bigintFen } from './transformers.js';

const upper = { to: (value: string | null | undefined) => (typeof value === 'string' ? value.toUpperCase() : value), from: (value: string | null) => value };

/** A document with every kind of column the services' entities have. */
@Entity({ name: 'parcels' })
class ParcelEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text') status!: string;
  @Column('text', { transformer: upper }) code!: string;
  @Column('bigint', { name: 'amount_fen', transformer: bigintFen }) amountFen!: number;
  @Column('jsonb') labels!: unknown;
  @Column('integer', { default: 1 }) pieces!: number;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('date', { name: 'due_on', nullable: true }) dueOn!: string | null;
  @Column({ type: 'text', name: 'made_by', update: false }) madeBy!: string;
  @Column({ type: 'text', name: 'shadow', insert: false, nullable: true }) shadow!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}

/** A key the database draws (or the caller draws ahead), and a key of two columns. */
@Entity({ name: 'parcel_notes' })
class ParcelNoteEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' }) id!: string;
  @Column('text') note!: string;
}

@Entity({ name: 'parcel_items' })
class ParcelItemEntity {
  @PrimaryColumn('uuid', { name: 'parcel_id' }) parcelId!: string;
  @PrimaryColumn('integer', { name: 'line_no' }) lineNo!: number;
  @Column('text') sku!: string;
}

/** A generated uuid key, and a relation: what only the builder writes. */
@Entity({ name: 'parcel_seals' })
class ParcelSealEntity {
  @PrimaryGeneratedColumn('uuid') id!: string;
  @ManyToOne(() => ParcelEntity) @JoinColumn({ name: 'parcel_id' }) parcel!: ParcelEntity;
  @Column('text') seal!: string;
}

/**
 * The flush writes held rows with statements built from the entity's metadata; they must be the very
 * statements TypeORM's query builder writes for the same rows (text and parameters), or the held rows
 * would land differently from rows inserted at once. No database is needed: only the metadata.
 */
describe('entity writes built without the query builder', () => {
  let manager: EntityManager;

  beforeAll(async () => {
    const dataSource = new DataSource({ type: 'postgres', schema: 'kit', entities: [ParcelEntity, ParcelNoteEntity, ParcelItemEntity, ParcelSealEntity] });
    // The metadata, without connecting (what initialize() builds before it connects).
    await (dataSource as unknown as { buildMetadatas(): Promise<void> }).buildMetadatas();
    manager = dataSource.manager;
  });

  const builderInsert = (entity: EntityTarget<ObjectLiteral>, rows: ObjectLiteral[], columns?: string[]) =>
    manager.createQueryBuilder().insert().into(entity, columns).values(rows).updateEntity(false).getQueryAndParameters();
  const builderUpdate = (entity: EntityTarget<ObjectLiteral>, criteria: ObjectLiteral, set: ObjectLiteral) =>
    manager.createQueryBuilder().update(entity).set(set).where(criteria).getQueryAndParameters();
  const built = (build: (params: unknown[]) => string): [string, unknown[]] => {
    const params: unknown[] = [];
    return [build(params), params];
  };

  const parcel = fc.record({
    id: fc.uuid(),
    status: fc.constantFrom('draft', 'sealed'),
    code: fc.option(fc.string({ maxLength: 6 }), { nil: undefined }),
    amountFen: fc.option(fc.integer({ min: 0, max: 1e12 }), { nil: undefined }),
    labels: fc.oneof(fc.constant(undefined), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 3 }), fc.integer())),
    pieces: fc.option(fc.integer({ min: 1, max: 9 }), { nil: undefined }),
    note: fc.option(fc.option(fc.string({ maxLength: 8 }), { nil: null }), { nil: undefined }),
    dueOn: fc.option(fc.constantFrom('2026-12-02', null), { nil: undefined }),
    madeBy: fc.constantFrom('u1', 'u2'),
    createdAt: fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), { nil: undefined }),
    updatedAt: fc.option(fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), { nil: undefined }),
  }, { requiredKeys: ['id', 'status', 'madeBy'] });

  it('inserts rows as the builder does: every column through its transformer and the driver, an empty one DEFAULT, several rows in one VALUES', () => {
    fc.assert(fc.property(fc.array(parcel, { minLength: 1, maxLength: 4 }), (rows) => {
      expect(built((params) => insertStatement(manager, params, ParcelEntity, rows))).toEqual(builderInsert(ParcelEntity, rows));
    }), { numRuns: 300 });
  });

  it('updates a row by its key as the builder does, stamping the update date unless it is set', () => {
    fc.assert(fc.property(parcel, fc.subarray(['status', 'code', 'amountFen', 'labels', 'pieces', 'note', 'dueOn', 'updatedAt'], { minLength: 1 }), (row, fields) => {
      const set = Object.fromEntries(fields.map((field) => [field, (row as Record<string, unknown>)[field]]));
      if (Object.values(set).every((value) => value === undefined)) set.status = row.status;
      expect(built((params) => updateStatement(manager, params, ParcelEntity, { id: row.id }, set))).toEqual(builderUpdate(ParcelEntity, { id: row.id }, set));
    }), { numRuns: 300 });
  });

  it('names a key drawn ahead, and finds a row by a key of two columns', () => {
    expect(built((params) => insertStatement(manager, params, ParcelNoteEntity, [{ id: '41', note: 'a' }, { id: '42', note: 'b' }], ['id', 'note']))).toEqual(builderInsert(ParcelNoteEntity, [{ id: '41', note: 'a' }, { id: '42', note: 'b' }], ['id', 'note']));
    expect(built((params) => insertStatement(manager, params, ParcelNoteEntity, [{ note: 'c' }]))).toEqual(builderInsert(ParcelNoteEntity, [{ note: 'c' }]));
    const key = { parcelId: '0190c1f4-0000-7000-8000-000000000001', lineNo: 2 };
    expect(built((params) => updateStatement(manager, params, ParcelItemEntity, key, { sku: 'SKU-1' }))).toEqual(builderUpdate(ParcelItemEntity, key, { sku: 'SKU-1' }));
  });

  it('numbers its parameters after those already in the statement it joins', () => {
    const params: unknown[] = ['before', 'before too'];
    const sql = updateStatement(manager, params, ParcelItemEntity, { parcelId: 'p', lineNo: 1 }, { sku: 'SKU-2' });
    expect(sql).toBe('UPDATE "kit"."parcel_items" SET "sku" = $3 WHERE ("parcel_id" = $4 AND "line_no" = $5)');
    expect(params).toEqual(['before', 'before too', 'SKU-2', 'p', 1]);
  });

  it('leaves what only the builder writes to the builder: a relation, a column that is not updated, a key that is not plain', () => {
    const seal = { id: '0190c1f4-0000-7000-8000-000000000002', parcel: { id: '0190c1f4-0000-7000-8000-000000000003' }, seal: 'S-1' };
    expect(built((params) => insertStatement(manager, params, ParcelSealEntity, [seal]))).toEqual(builderInsert(ParcelSealEntity, [seal]));
    expect(built((params) => updateStatement(manager, params, ParcelEntity, { id: 'x' }, { madeBy: 'u3', status: 'sealed' }))).toEqual(builderUpdate(ParcelEntity, { id: 'x' }, { madeBy: 'u3', status: 'sealed' }));
    const prepended: unknown[] = ['before'];
    expect(insertStatement(manager, prepended, ParcelSealEntity, [seal])).toBe(builderInsert(ParcelSealEntity, [seal])[0].replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + 1}`));
    expect(prepended).toEqual(['before', ...builderInsert(ParcelSealEntity, [seal])[1]]);
  });
});

import { bigintFen, databaseStatements, openServiceDataSource, rowByKey, rowsWhere } from '@ops/persistence';
import { createTestEnvironment, type TestEnvironment } from '@ops/testing';
import pg from 'pg';
import { Column, Entity, In, JoinColumn, ManyToOne, MoreThanOrEqual, PrimaryColumn, type DataSource } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';

@Entity({ name: 'cartons' })
class CartonEntity {
  @PrimaryColumn('uuid') id!: string;
  @Column('text', { unique: true }) number!: string;
  @Column('text', { nullable: true }) note!: string | null;
  @Column('jsonb') labels!: { names: string[] };
  @Column('integer') pieces!: number;
  @Column('bigint', { name: 'value_fen', transformer: bigintFen }) valueFen!: number;
  @Column('numeric', { precision: 12, scale: 3 }) weight!: string;
  @Column('boolean') fragile!: boolean;
  @Column('text', { array: true }) tags!: string[];
  @Column('date', { name: 'packed_on' }) packedOn!: string;
  @Column('timestamptz', { name: 'sealed_at' }) sealedAt!: Date;
}

@Entity({ name: 'carton_seals' })
class CartonSealEntity {
  @PrimaryColumn('uuid') id!: string;
  @ManyToOne(() => CartonEntity, { eager: true }) @JoinColumn({ name: 'carton_id' }) carton!: CartonEntity;
}

/** The reads with their SQL built once (by key, and by a condition), against TypeORM's own findOne and find on real Postgres. */
describe('entity reads', () => {
  let env: TestEnvironment;
  let ds: DataSource;
  const statements = databaseStatements('kit'); // the data source's connections: application_name is its schema
  const carton = { id: uuidv7(), number: 'CT-1', note: null, labels: { names: ['top', '易碎'] }, pieces: 3, valueFen: 12_345_678_901, weight: '1.250', fragile: true, tags: ['a', 'b'], packedOn: '2026-11-30', sealedAt: new Date('2026-11-30T08:15:00.123Z') };

  beforeAll(async () => {
    env = await createTestEnvironment();
    ds = await openServiceDataSource({ url: env.databaseUrl, schema: 'kit', entities: [CartonEntity, CartonSealEntity], migrations: [], poolSize: 3 });
    await ds.query(`CREATE TABLE cartons (id uuid PRIMARY KEY, number text NOT NULL UNIQUE, note text, labels jsonb NOT NULL, pieces integer NOT NULL, value_fen bigint NOT NULL,
      weight numeric(12,3) NOT NULL, fragile boolean NOT NULL, tags text[] NOT NULL, packed_on date NOT NULL, sealed_at timestamptz NOT NULL)`);
    await ds.query(`CREATE TABLE carton_seals (id uuid PRIMARY KEY, carton_id uuid NOT NULL REFERENCES cartons (id))`);
    await ds.getRepository(CartonEntity).insert(carton);
  });

  afterAll(async () => {
    await ds?.destroy();
    await env?.dispose();
  });

  it('reads a row as findOne does: the entity class, every column typed and transformed', async () => {
    await ds.transaction(async (tx) => {
      const read = await rowByKey(tx, CartonEntity, 'id', carton.id, { lock: false });
      const found = await tx.findOne(CartonEntity, { where: { id: carton.id } });
      expect(read).toBeInstanceOf(CartonEntity);
      expect(read).toEqual(found);
      expect(read).toEqual(carton);
    });
  });

  it('reads by another unique property, and answers null for a key that is not there', async () => {
    await ds.transaction(async (tx) => {
      expect(await rowByKey(tx, CartonEntity, 'number', 'CT-1', { lock: true })).toEqual(carton);
      expect(await rowByKey(tx, CartonEntity, 'id', uuidv7(), { lock: true })).toBeNull();
    });
  });

  it('holds the row lock until the transaction ends', async () => {
    const other = new pg.Client({ connectionString: env.databaseUrl });
    await other.connect();
    try {
      await ds.transaction(async (tx) => {
        await rowByKey(tx, CartonEntity, 'id', carton.id, { lock: true });
        await expect(other.query(`SELECT 1 FROM kit.cartons WHERE id = $1 FOR UPDATE NOWAIT`, [carton.id])).rejects.toMatchObject({ code: '55P03' });
      });
      await expect(other.query(`SELECT 1 FROM kit.cartons WHERE id = $1 FOR UPDATE NOWAIT`, [carton.id])).resolves.toMatchObject({ rowCount: 1 });
    } finally {
      await other.end();
    }
  });

  it('sends one statement per read, built without findOne', async () => {
    const before = statements();
    await ds.transaction(async (tx) => {
      const findOne = jest.spyOn(tx, 'findOne');
      for (let i = 0; i < 3; i++) await rowByKey(tx, CartonEntity, 'id', carton.id, { lock: true });
      expect(findOne).not.toHaveBeenCalled();
    });
    // START TRANSACTION, three reads, COMMIT.
    expect(statements() - before).toBe(5);
  });

  it('leaves an entity with relations to findOne, eager relations loaded', async () => {
    const seal = { id: uuidv7() };
    await ds.query(`INSERT INTO kit.carton_seals (id, carton_id) VALUES ($1, $2)`, [seal.id, carton.id]);
    await ds.transaction(async (tx) => {
      const findOne = jest.spyOn(tx, 'findOne');
      const read = await rowByKey(tx, CartonSealEntity, 'id', seal.id, { lock: false });
      expect(findOne).toHaveBeenCalledTimes(1);
      expect(read).toBeInstanceOf(CartonSealEntity);
      expect(read?.carton).toEqual(carton);
    });
  });

  describe('rowsWhere', () => {
    const more = [
      { ...carton, id: uuidv7(), number: 'CT-2', pieces: 5, tags: ['b'], note: 'second' },
      { ...carton, id: uuidv7(), number: 'CT-3', pieces: 1, tags: ['c'], fragile: false },
    ];

    beforeAll(async () => {
      await ds.getRepository(CartonEntity).insert(more);
    });

    it('reads the rows a condition finds as find does, in the order it names, parameters and arrays included', async () => {
      await ds.transaction(async (tx) => {
        const read = await rowsWhere(tx, CartonEntity, '{number} = ANY($1) AND {pieces} >= $2 ORDER BY {pieces}', [['CT-1', 'CT-2', 'CT-3'], 2]);
        const found = await tx.find(CartonEntity, { where: { number: In(['CT-1', 'CT-2', 'CT-3']), pieces: MoreThanOrEqual(2) }, order: { pieces: 'ASC' } });
        expect(read).toEqual(found);
        expect(read.map((r) => r.number)).toEqual(['CT-1', 'CT-2']);
        expect(read.every((r) => r instanceof CartonEntity)).toBe(true);
        expect(read[1]).toEqual(more[0]);
        expect(await rowsWhere(tx, CartonEntity, '{tags} && $1::text[] AND NOT {fragile}', [['c', 'z']])).toEqual([more[1]]);
        expect(await rowsWhere(tx, CartonEntity, '{number} = $1', ['CT-9'])).toEqual([]);
      });
    });

    it('holds the rows it reads under FOR UPDATE until the transaction ends, and no other', async () => {
      const other = new pg.Client({ connectionString: env.databaseUrl });
      await other.connect();
      try {
        await ds.transaction(async (tx) => {
          await rowsWhere(tx, CartonEntity, '{number} = $1', ['CT-2'], { lock: true });
          await expect(other.query(`SELECT 1 FROM kit.cartons WHERE number = 'CT-2' FOR UPDATE NOWAIT`)).rejects.toMatchObject({ code: '55P03' });
          await expect(other.query(`SELECT 1 FROM kit.cartons WHERE number = 'CT-3' FOR UPDATE NOWAIT`)).resolves.toMatchObject({ rowCount: 1 });
        });
        await expect(other.query(`SELECT 1 FROM kit.cartons WHERE number = 'CT-2' FOR UPDATE NOWAIT`)).resolves.toMatchObject({ rowCount: 1 });
      } finally {
        await other.end();
      }
    });

    it('says at once when a condition names a property the entity lacks, or the entity is not a plain one', async () => {
      await ds.transaction(async (tx) => {
        await expect(rowsWhere(tx, CartonEntity, '{weigth} > $1', ['1'])).rejects.toThrow('CartonEntity has no column for the property weigth');
        await expect(rowsWhere(tx, CartonSealEntity, '{id} = $1', [uuidv7()])).rejects.toThrow(/plain entities only/);
      });
    });
  });
});

import { DECORATORS } from '@nestjs/swagger';
import { plainToInstance, Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Min, ValidateIf, ValidateNested, validateSync } from 'class-validator';
import { allOperations } from './catalogs.js';
import { declaredEvents } from './event-contract.js';
import { quickVerdict, Verdict } from './quick-verdict.js';
import { validateAs } from './validation.js';

type Class = new () => object;

/** A body built from the class's OpenAPI examples (enum values, nested classes, arrays of one item). */
function exampleOf(cls: Class, depth = 0): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const names: string[] = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES_ARRAY, cls.prototype) ?? [];
  for (const name of names.map((n) => n.slice(1))) {
    const meta = Reflect.getMetadata(DECORATORS.API_MODEL_PROPERTIES, cls.prototype, name) ?? {};
    let value: unknown = meta.example;
    if (value === undefined && meta.enum) value = Array.isArray(meta.enum) ? meta.enum[0] : Object.values(meta.enum)[0];
    if (value === undefined) {
      let type = meta.type;
      if (typeof type === 'function' && !type.prototype) type = type();
      if (Array.isArray(type)) type = type[0];
      if (type === Number) value = 1;
      else if (type === Boolean) value = true;
      else if (type === String || type === 'string') value = 'A';
      else if (typeof type === 'function' && depth < 4) value = exampleOf(type as Class, depth + 1);
    }
    body[name] = meta.isArray && !Array.isArray(value) ? [value] : value;
  }
  return body;
}

const WRONG: unknown[] = [null, '', 'x', ' ', -1, 0, 1.5, 2 ** 40, true, [], {}, [{}], ['x'], '2026-12-03', '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f'];

/** The example, and the example with each field (and each field of its first nested object) left out, wrong, or joined by an unknown one. */
function* variantsOf(example: Record<string, unknown>, nestedToo = true): Generator<Record<string, unknown>> {
  yield example;
  yield { ...example, notAField: 1 };
  for (const key of Object.keys(example)) {
    const { [key]: _left, ...without } = example;
    yield without;
    for (const wrong of WRONG) yield { ...example, [key]: wrong };
    const value = example[key];
    const nested = Array.isArray(value) ? value[0] : value;
    if (nestedToo && nested && typeof nested === 'object' && !Array.isArray(nested)) {
      for (const inner of variantsOf(nested as Record<string, unknown>, false)) yield { ...example, [key]: Array.isArray(value) ? [inner, ...value.slice(1)] : inner };
    }
  }
}

const copy = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

function classesToCheck(): Class[] {
  const classes = new Set<Class>();
  for (const op of allOperations()) if (op.request) classes.add(op.request as Class);
  for (const contract of declaredEvents()) classes.add(contract.payload as Class);
  return [...classes];
}

describe('the quick verdict', () => {
  it('agrees with class-validator on every request and event class, for their examples and many wrong bodies', () => {
    const classes = classesToCheck();
    expect(classes.length).toBeGreaterThan(150);
    let validSeen = 0;
    const validClasses = new Set<Class>();
    let checked = 0;
    const disagreements: string[] = [];
    for (const cls of classes) {
      for (const variant of variantsOf(exampleOf(cls))) {
        for (const forbid of [true, false]) {
          const quick = plainToInstance(cls, copy(variant));
          const verdict = quickVerdict(quick, forbid);
          const full = plainToInstance(cls, copy(variant));
          const errors = validateSync(full, { whitelist: true, forbidNonWhitelisted: forbid, forbidUnknownValues: true });
          checked++;
          if (verdict === Verdict.Valid) {
            validSeen++;
            validClasses.add(cls);
          }
          const agrees = verdict === Verdict.Undecided || (verdict === Verdict.Valid) === (errors.length === 0);
          if (!agrees) disagreements.push(`${cls.name} ${JSON.stringify(variant).slice(0, 200)} forbid=${forbid}: quick ${Verdict[verdict]}, class-validator ${errors.length} errors`);
          // What the whitelist strips, both strip.
          else if (verdict === Verdict.Valid) expect(JSON.stringify(quick)).toBe(JSON.stringify(full));
        }
      }
    }
    expect(disagreements.slice(0, 10)).toEqual([]);
    expect(checked).toBeGreaterThan(30_000);
    // Enough bodies were valid for the "valid" answer to be tried in earnest, not only the refusals.
    expect(validSeen).toBeGreaterThan(3_000);
    expect(validClasses.size).toBeGreaterThan(120);
  });

  it('follows IsOptional, ValidateIf, nested arrays and the whitelist as class-validator does', () => {
    class Line {
      @IsString() sku!: string;
      @IsInt() @Min(1) quantity!: number;
    }
    class Request {
      @IsOptional() @IsString() note?: string;
      @ValidateIf((o: Request) => o.note === 'count') @IsInt() count?: number;
      @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
    }
    const verdict = (body: object, forbid = true) => quickVerdict(plainToInstance(Request, body), forbid);
    expect(verdict({ lines: [{ sku: 'A', quantity: 1 }] })).toBe(Verdict.Valid);
    expect(verdict({ note: null, lines: [] })).toBe(Verdict.Valid);
    expect(verdict({ note: 1, lines: [] })).toBe(Verdict.Invalid);
    expect(verdict({ note: 'count', lines: [] })).toBe(Verdict.Invalid);
    expect(verdict({ note: 'count', count: 2, lines: [] })).toBe(Verdict.Valid);
    expect(verdict({ lines: [{ sku: 'A', quantity: 0 }] })).toBe(Verdict.Invalid);
    expect(verdict({ lines: [1] })).toBe(Verdict.Invalid);
    expect(verdict({ lines: 'A' })).toBe(Verdict.Invalid);
    expect(verdict({ lines: [{ sku: 'A', quantity: 1, extra: 1 }] })).toBe(Verdict.Invalid);
    const stripped = plainToInstance(Request, { lines: [{ sku: 'A', quantity: 1, extra: 1 }], extra: 2 });
    expect(quickVerdict(stripped, false)).toBe(Verdict.Valid);
    expect(JSON.parse(JSON.stringify(stripped))).toEqual({ lines: [{ sku: 'A', quantity: 1 }] });
  });

  it('leaves the messages to class-validator: validateAs still names every bad field', () => {
    class Line {
      @IsString() sku!: string;
      @IsInt() @Min(1) quantity!: number;
    }
    class Request {
      @ValidateNested({ each: true }) @Type(() => Line) lines!: Line[];
    }
    expect(validateAs(Request, { lines: [{ sku: 1, quantity: 0 }] })).toEqual({
      ok: false,
      errors: [
        { field: 'lines[0].sku', message: 'sku must be a string' },
        { field: 'lines[0].quantity', message: 'quantity must not be less than 1' },
      ],
    });
  });
});

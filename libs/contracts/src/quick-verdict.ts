import { getMetadataStorage, ValidationTypes } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Rule = Parameters<Storage['addValidationMetadata']>[0];
type Target = object & { constructor: Function };

/** What `quickVerdict` found: class-validator would find nothing wrong, would find something, or it cannot say. */
export enum Verdict {
  Valid,
  Invalid,
  Undecided,
}

/** A rule that calls constraint functions, with what it needs looked up once. */
interface Check {
  rule: Rule;
  constraints: ReturnType<Storage['getTargetValidatorConstraints']>;
  validateIf?: (object: object, value: unknown) => boolean;
}

/** A property's rules, sorted as class-validator's executor sorts them on every call. */
interface PropertyRules {
  name: string;
  conditions: Array<(object: object, value: unknown) => boolean>;
  defined: Check[];
  checks: Check[];
  nested: Rule[];
  awaitsPromise: boolean;
}

/** A class's rules for one schema: the properties that have any (the whitelist), and each one's. */
interface ClassRules {
  known: Set<string>;
  properties: PropertyRules[];
}

const storage = getMetadataStorage();
/** Bumped whenever a rule is added (a class loaded late): the rules looked up before are stale. */
let generation = 0;
const addRule = storage.addValidationMetadata.bind(storage);
storage.addValidationMetadata = (rule) => {
  generation++;
  addRule(rule);
};
const looked = new WeakMap<Function, Map<string | undefined, { generation: number; rules: ClassRules | undefined }>>();

/** The rules validateSync applies to `target` (the storage's own lists, in its order), undefined when it has none. */
function rulesOf(target: Function, schema: string | undefined): ClassRules | undefined {
  let bySchema = looked.get(target);
  if (!bySchema) looked.set(target, (bySchema = new Map()));
  const seen = bySchema.get(schema);
  if (seen && seen.generation === generation) return seen.rules;
  const rules = storage.getTargetValidationMetadatas(target, schema as string, false, false, undefined as unknown as string[]);
  const grouped = storage.groupByPropertyName(rules) as Record<string, Rule[]>;
  const check = (rule: Rule): Check => ({ rule, constraints: storage.getTargetValidatorConstraints(rule.constraintCls), validateIf: (rule as { validateIf?: Check['validateIf'] }).validateIf });
  const compiled: ClassRules | undefined = rules.length === 0 ? undefined : {
    known: new Set(Object.keys(grouped).filter((name) => grouped[name].length > 0)),
    properties: Object.keys(grouped).map((name) => {
      const all = grouped[name];
      const others = all.filter((r) => r.type !== ValidationTypes.IS_DEFINED && r.type !== ValidationTypes.WHITELIST);
      return {
        name,
        conditions: others.filter((r) => r.type === ValidationTypes.CONDITIONAL_VALIDATION).map((r) => r.constraints[0] as PropertyRules['conditions'][number]),
        defined: all.filter((r) => r.type === ValidationTypes.IS_DEFINED).map(check),
        checks: others.filter((r) => r.type === ValidationTypes.CUSTOM_VALIDATION).map(check),
        nested: others.filter((r) => r.type === ValidationTypes.NESTED_VALIDATION),
        awaitsPromise: others.some((r) => r.type === ValidationTypes.PROMISE_VALIDATION),
      };
    }),
  };
  bySchema.set(schema, { generation, rules: compiled });
  return compiled;
}

const isArrayLike = (value: unknown): value is unknown[] | Set<unknown> | Map<unknown, unknown> => Array.isArray(value) || value instanceof Set || value instanceof Map;
const isPromise = (p: unknown) => p !== null && typeof p === 'object' && typeof (p as { then?: unknown }).then === 'function';

/**
 * Whether `validateSync(object, { whitelist: true, forbidNonWhitelisted, forbidUnknownValues: true })` would
 * find nothing wrong, answered without building its tree of errors. class-validator's executor makes an error
 * object, three filtered copies of the rules and a closure for every property of every object it validates,
 * then throws away the empty ones: for a valid command or event, which is nearly all of them, that was most of
 * the cost of validating it. This walks the same rules (the storage's own lists, in its order) with the same
 * constraint functions and arguments, and stops at the first failure; strips unknown properties as the
 * whitelist does. It answers Invalid or Undecided (a promise, an asynchronous rule) for validateSync to say
 * what is wrong: its answer stays the authority. A test holds the two against each other for every request
 * and event class.
 */
export function quickVerdict(object: object, forbidNonWhitelisted: boolean): Verdict {
  return verdictOn(object as Target, undefined, forbidNonWhitelisted);
}

function verdictOn(object: Target, schema: string | undefined, forbid: boolean): Verdict {
  const rules = rulesOf(object.constructor, schema);
  if (!rules) return Verdict.Invalid; // forbidUnknownValues: an object of no known class
  for (const key of Object.keys(object)) {
    if (rules.known.has(key)) continue;
    if (forbid) return Verdict.Invalid;
    delete (object as unknown as Record<string, unknown>)[key];
  }
  for (const property of rules.properties) {
    const value = (object as unknown as Record<string, unknown>)[property.name];
    if (property.awaitsPromise && value instanceof Promise) return Verdict.Undecided;
    const verdict = propertyVerdict(object, value, property.conditions, property.defined, property.checks, property.nested, forbid);
    if (verdict !== Verdict.Valid) return verdict;
  }
  return Verdict.Valid;
}

/** performValidations: conditions first (IsOptional, ValidateIf), then IsDefined, the checks, the nested objects. */
function propertyVerdict(object: object, value: unknown, conditions: PropertyRules['conditions'], defined: Check[], checks: Check[], nested: Rule[], forbid: boolean): Verdict {
  for (const condition of conditions) if (!condition(object, value)) return Verdict.Valid;
  const verdict = defined.length ? checksVerdict(object, value, defined) : Verdict.Valid;
  if (verdict !== Verdict.Valid) return verdict;
  const checked = checksVerdict(object, value, checks);
  return checked !== Verdict.Valid || !nested.length ? checked : nestedVerdict(value, nested, forbid);
}

function checksVerdict(object: object, value: unknown, checks: Check[]): Verdict {
  for (const { rule, constraints, validateIf } of checks) {
    if (validateIf && !validateIf(object, value)) continue;
    const args = { targetName: object.constructor ? object.constructor.name : undefined, property: rule.propertyName, object, value, constraints: rule.constraints } as never;
    const each = rule.each && isArrayLike(value);
    for (const constraint of constraints) {
      if (constraint.async) continue; // validateSync leaves asynchronous rules out
      if (!each) {
        const valid = constraint.instance.validate(value, args);
        if (!valid) return Verdict.Invalid;
        if (isPromise(valid)) return Verdict.Undecided;
        continue;
      }
      for (const one of value instanceof Map ? value.values() : (value as Iterable<unknown>)) {
        const valid = constraint.instance.validate(one, args);
        if (!valid) return Verdict.Invalid;
        if (isPromise(valid)) return Verdict.Undecided;
      }
    }
  }
  return Verdict.Valid;
}

function nestedVerdict(value: unknown, nested: Rule[], forbid: boolean): Verdict {
  if (value === undefined) return Verdict.Valid;
  for (const rule of nested) {
    if (isArrayLike(value)) {
      // Each item as a property of the array, with the nested rules only (as the executor does).
      for (const item of value instanceof Map ? value.values() : value) {
        const verdict = propertyVerdict(value, item, [], [], [], nested, forbid);
        if (verdict !== Verdict.Valid) return verdict;
      }
    } else if (value instanceof Object) {
      const verdict = verdictOn(value as Target, typeof rule.target === 'string' ? rule.target : rule.target.name, forbid);
      if (verdict !== Verdict.Valid) return verdict;
    } else {
      return Verdict.Invalid;
    }
  }
  return Verdict.Valid;
}

import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync, type ValidationError } from 'class-validator';
import type { FieldError } from '@ops/kernel';
import { quickVerdict, Verdict } from './quick-verdict.js';

type ValidationMetadata = Parameters<ReturnType<typeof getMetadataStorage>['addValidationMetadata']>[0];

/**
 * class-validator finds a class's rules by scanning every class that has any (for inherited rules) each time
 * it validates an object, nested ones included: with a few hundred request and event classes that scan was
 * the largest part of validating a request. The rules are fixed once the classes are loaded, so the answer is
 * kept per class and options (and forgotten whenever a rule is added). One storage serves the gateway's
 * ValidationPipe and `validateAs` below.
 */
function rememberRuleLookups(): void {
  const storage = getMetadataStorage() as ReturnType<typeof getMetadataStorage> & { rulesRemembered?: true };
  if (storage.rulesRemembered) return;
  storage.rulesRemembered = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const group = storage.groupByPropertyName.bind(storage);
  const add = storage.addValidationMetadata.bind(storage);
  let found = new Map<unknown, Map<string, ValidationMetadata[]>>();
  let grouped = new WeakMap<ValidationMetadata[], Record<string, ValidationMetadata[]>>();
  storage.addValidationMetadata = (metadata) => {
    found = new Map();
    grouped = new WeakMap();
    add(metadata);
  };
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const options = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups?.join('\u0000') ?? ''}`;
    let byOptions = found.get(target);
    if (!byOptions) found.set(target, (byOptions = new Map()));
    let rules = byOptions.get(options);
    if (!rules) byOptions.set(options, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.groupByPropertyName = (rules) => {
    let byProperty = grouped.get(rules);
    if (!byProperty) grouped.set(rules, (byProperty = group(rules)));
    return byProperty;
  };
}
rememberRuleLookups();

export type Validated<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

export interface ValidateOptions {
  /** Refuse properties the class does not declare (commands); events tolerate additions (DESIGN §3). */
  forbidUnknown?: boolean;
}

/** Control characters no text field may hold (tab, line feed and carriage return are text). Postgres refuses NUL outright. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/**
 * Keys that name what every object inherits (`__proto__`, `constructor`, `toString` …) or a prototype: no
 * request field is called so, and validation libraries that look fields up on the object see them as there.
 */
const isPrototypeKey = (key: string) => key === 'prototype' || key in Object.prototype;

/**
 * What no request may hold anywhere, whatever its class says: a control character in any string (named by
 * its path, `lines[0].sku`), or a field named like an inherited member (`__proto__`, `constructor`, `toString` …).
 */
export function unsafeInputErrors(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') return CONTROL.test(value) ? [{ field: path || '(body)', message: 'must not contain a control character (such as NUL)' }] : [];
  if (Array.isArray(value)) return value.flatMap((item, i) => unsafeInputErrors(item, `${path}[${i}]`));
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = path ? `${path}.${key}` : key;
      if (isPrototypeKey(key)) return [{ field, message: 'is not a field of this request' }];
      if (CONTROL.test(key)) return [{ field: field.replace(CONTROL, '?'), message: 'must not be named with a control character' }];
      return unsafeInputErrors(item, field);
    });
  }
  return [];
}

/** Turns plain JSON into an instance of `cls` and validates it, naming every bad field by its path. */
export function validateAs<T extends object>(cls: new () => T, plain: unknown, options: ValidateOptions = {}): Validated<T> {
  if (plain === null || typeof plain !== 'object' || Array.isArray(plain)) {
    return { ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] };
  }
  const unsafe = unsafeInputErrors(plain);
  if (unsafe.length) return { ok: false, errors: unsafe };
  const value = plainToInstance(cls, plain, { enableImplicitConversion: false });
  if (quickVerdict(value, options.forbidUnknown ?? false) === Verdict.Valid) return { ok: true, value };
  const errors = validateSync(value, {
    whitelist: true,
    forbidNonWhitelisted: options.forbidUnknown ?? false,
    forbidUnknownValues: true,
  });
  return errors.length === 0 ? { ok: true, value } : { ok: false, errors: flatten(errors) };
}

export function flatten(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    for (const message of Object.values(error.constraints ?? {})) out.push({ field, message });
    if (error.children?.length) out.push(...flatten(error.children, field));
  }
  return out;
}

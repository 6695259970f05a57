import { IsInt, IsPositive, IsString } from 'class-validator';
import { PlaceOrderRequest } from './sales/requests.js';
import { unsafeInputErrors, validateAs } from './validation.js';

describe('validating a command', () => {
  it('names every bad field by its path, nested ones included', () => {
    const result = validateAs(PlaceOrderRequest, { customerId: 'x', paymentTerms: 'prepaid', lines: [{ sku: 'A', quantity: -1, unitPriceFen: 1 }], extra: 1 }, { forbidUnknown: true });
    expect(result.ok).toBe(false);
    const fields = !result.ok ? [...new Set(result.errors.map((e) => e.field))] : [];
    expect(fields).toEqual(expect.arrayContaining(['customerId', 'shipTo', 'shippingMethod', 'requestedDate', 'lines[0].quantity', 'extra']));
  });

  it('refuses a body that is not an object', () => {
    expect(validateAs(PlaceOrderRequest, [1, 2])).toEqual({ ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] });
  });
});

describe('what no request may hold', () => {
  it('refuses a control character anywhere, naming the field by its path', () => {
    expect(unsafeInputErrors({ name: 'ok', lines: [{ sku: 'A\u0000' }] })).toEqual([{ field: 'lines[0].sku', message: expect.stringContaining('control character') }]);
    expect(unsafeInputErrors({ note: 'two\nlines\tand a tab' })).toEqual([]);
  });

  it('refuses fields named like what every object inherits', () => {
    for (const key of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      expect(unsafeInputErrors(JSON.parse(`{"a":{"${key}":1}}`))).toEqual([{ field: `a.${key}`, message: 'is not a field of this request' }]);
    }
    expect(validateAs(PlaceOrderRequest, JSON.parse('{"toString":1}'))).toMatchObject({ ok: false, errors: [{ field: 'toString' }] });
  });
});

describe('the remembered rule lookups', () => {
  it('still see inherited rules, and a rule added after a first validation', () => {
    class Base {
      @IsString() name!: string;
    }
    class Derived extends Base {
      @IsInt() count!: number;
    }
    expect(validateAs(Derived, { name: 1, count: 'x' })).toMatchObject({ ok: false, errors: [{ field: 'count' }, { field: 'name' }] });
    expect(validateAs(Derived, { name: 'n', count: 2 }).ok).toBe(true);
    // A rule added after a class was first validated (a lazily loaded module decorating it) counts from then on.
    class Later extends Derived {}
    expect(validateAs(Later, { name: 'n', count: -1 }).ok).toBe(true);
    IsPositive()(Later.prototype, 'count');
    expect(validateAs(Later, { name: 'n', count: -1 })).toMatchObject({ ok: false, errors: [{ field: 'count' }] });
    expect(validateAs(Derived, { name: 'n', count: -1 }).ok).toBe(true);
  });
});

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { fieldErrors, pathOf, unplacedErrors, type Problem } from './problem';

const problem: Problem = {
  type: 'https://ops-platform.dev/problems/validation-failed', title: 'The request is not valid', status: 400,
  errors: [
    { field: 'lines[0].quantity', message: 'quantity must not be less than 1' },
    { field: 'customerId', message: 'customerId must be a UUID' },
    { field: 'customerId', message: 'customerId should not be empty' },
    { field: '(body)', message: 'The body is not valid JSON' },
  ],
};

describe('problem details next to their fields', () => {
  it('turns API field paths into form paths', () => {
    expect(pathOf('lines[12].unitPriceFen')).toEqual(['lines', 12, 'unitPriceFen']);
    expect(pathOf('shipTo.phone')).toEqual(['shipTo', 'phone']);
  });

  it('places each error on its field, all messages of a field together, and keeps the rest for the banner', () => {
    const known = (name: Array<string | number>) => name[0] !== '(body)';
    expect(fieldErrors(problem, known)).toEqual([
      { name: ['lines', 0, 'quantity'], errors: ['quantity must not be less than 1'] },
      { name: ['customerId'], errors: ['customerId must be a UUID', 'customerId should not be empty'] },
    ]);
    expect(unplacedErrors(problem, known)).toEqual(['(body): The body is not valid JSON']);
  });
});

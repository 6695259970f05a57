import { CATALOGS, operationNamed } from './catalogs.js';

describe('operationNamed', () => {
  it('finds every operation of every owner by its wire name, and only under its owner', () => {
    for (const [owner, catalog] of Object.entries(CATALOGS)) {
      for (const op of Object.values(catalog)) expect(operationNamed(owner as keyof typeof CATALOGS, op.name)).toBe(op);
    }
    expect(operationNamed('finance', 'record-receipt')?.kind).toBe('command');
    expect(operationNamed('sales', 'record-receipt')).toBeUndefined();
  });

  it('answers nothing for a name no catalogue declares, whatever an object inherits', () => {
    for (const name of ['drop-everything', 'toString', '__proto__', 'constructor', '']) expect(operationNamed('sales', name)).toBeUndefined();
  });
});

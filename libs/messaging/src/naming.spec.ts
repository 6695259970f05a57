import { Naming } from './naming.js';

describe('subject and stream names of a run', () => {
  it('prefixes subjects and streams, and strips the prefix back', () => {
    const naming = new Naming('t_ab12');
    expect(naming.subject('sales.order.placed.v1')).toBe('t_ab12.sales.order.placed.v1');
    expect(naming.stream('SALES')).toBe('T_AB12_SALES');
    expect(naming.unprefixed('t_ab12.sales.order.placed.v1')).toBe('sales.order.placed.v1');
  });

  it('leaves names alone without a prefix, and refuses a prefix that is not a plain token', () => {
    expect(new Naming().subject('a.b')).toBe('a.b');
    expect(() => new Naming('a.b')).toThrow();
  });
});

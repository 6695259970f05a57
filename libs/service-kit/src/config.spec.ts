import { DEMO_ACTOR_SECRET, loadServiceConfig, secretFrom } from './config.js';

describe('service configuration', () => {
  it('works on a developer machine with no environment at all', () => {
    expect(loadServiceConfig('inventory', {})).toMatchObject({
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/ops', natsUrl: 'nats://127.0.0.1:4222', httpPort: 3103, actorSecret: DEMO_ACTOR_SECRET,
    });
  });

  it('takes secrets only from the environment outside the demo profile, and says which one is missing', () => {
    expect(() => loadServiceConfig('sales', { OPS_PROFILE: 'production' })).toThrow(/OPS_ACTOR_SECRET is not set/);
    expect(() => secretFrom({ OPS_PROFILE: 'production', X: 'too-short' }, 'X', 'demo')).toThrow(/at least 32/);
    expect(secretFrom({ OPS_PROFILE: 'production', X: 'x'.repeat(40) }, 'X', 'demo')).toBe('x'.repeat(40));
  });

  it('refuses a malformed number', () => {
    expect(() => loadServiceConfig('sales', { SALES_HTTP_PORT: 'eighty' })).toThrow(/non-negative integer/);
  });
});

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
    expect(() => loadServiceConfig('sales', { SALES_HTTP_PORT: 'eighty' })).toThrow(/SALES_HTTP_PORT: must be a whole number from 0 to 65535, got "eighty"/);
  });

  it('stops on every wrong value at once, naming each variable and what it wants', () => {
    const wrong = { EVENT_ACK_WAIT_MS: '30s', NATS_URL: 'http://127.0.0.1:4222', LOG_LEVEL: 'loud', EVENT_RETRY_SCHEDULE_MS: '250,soon', DB_POOL_SIZE: '0' };
    let message = '';
    try {
      loadServiceConfig('finance', wrong);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message.split('\n')).toEqual([
      'The configuration of finance is not valid; fix these environment variables:',
      '  NATS_URL: must be a nats or tls URL',
      '  LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, got "loud"',
      '  DB_POOL_SIZE: must be a whole number from 1 to 1000, got "0"',
      '  EVENT_RETRY_SCHEDULE_MS: must be whole numbers separated by commas, got "250,soon"',
      '  EVENT_ACK_WAIT_MS: must be a whole number from 1000 to 9007199254740991, got "30s"',
    ]);
  });

  it('reads each service\'s own database URL before the shared one', () => {
    const env = { DATABASE_URL: 'postgres://db/shared', FINANCE_DATABASE_URL: 'postgres://finance-db/ops' };
    expect(loadServiceConfig('finance', env).databaseUrl).toBe('postgres://finance-db/ops');
    expect(loadServiceConfig('sales', env).databaseUrl).toBe('postgres://db/shared');
  });
});

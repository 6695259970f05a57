import { loadGatewayConfig } from './config.js';

describe('gateway configuration', () => {
  it('works with no environment at all (demo profile)', () => {
    expect(loadGatewayConfig({})).toMatchObject({ profile: 'demo', httpPort: 3000, requestTimeoutMs: 5_000, seedDemoUsers: true, trustedProxies: [] });
  });

  it('stops start-up on a non-numeric timeout, naming the variable', () => {
    expect(() => loadGatewayConfig({ GATEWAY_REQUEST_TIMEOUT_MS: 'five seconds' })).toThrow(/GATEWAY_REQUEST_TIMEOUT_MS: must be a whole number from 1 to \d+, got "five seconds"/);
  });

  it('knows its profiles: a misspelt one is refused rather than treated as production or demo', () => {
    expect(() => loadGatewayConfig({ OPS_PROFILE: 'prod' })).toThrow(/OPS_PROFILE: must be one of demo, production, got "prod"/);
    expect(loadGatewayConfig({ OPS_PROFILE: 'production', JWT_SECRET: 'j'.repeat(40), OPS_ACTOR_SECRET: 'a'.repeat(40) })).toMatchObject({ profile: 'production', seedDemoUsers: false });
  });

  it('reads lists and flags', () => {
    expect(loadGatewayConfig({ TRUSTED_PROXIES: '10.0.0.1, 10.0.0.2', SEED_DEMO_USERS: 'false' })).toMatchObject({ trustedProxies: ['10.0.0.1', '10.0.0.2'], seedDemoUsers: false });
    expect(() => loadGatewayConfig({ SEED_DEMO_USERS: 'maybe' })).toThrow(/SEED_DEMO_USERS: must be true or false/);
  });
});

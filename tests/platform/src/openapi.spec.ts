import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, TestPlatform } from './platform.js';

const ROOT = join(__dirname, '../../..');

/**
 * docs/openapi.json is the contract frontends are written from: the web console generates its API types from
 * it, so a change of the API shows in the console's type check. It must be exactly what the gateway serves.
 */
describe('the committed OpenAPI document', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await TestPlatform.start({ services: [] });
  });
  afterAll(() => p?.close());

  it('is the one the gateway serves (refresh it with `npm run openapi`)', async () => {
    const served = (await http('GET', `${p.gateway.url}/api/docs-json`)).body;
    const committed = readFileSync(join(ROOT, 'docs/openapi.json'), 'utf8');
    const fresh = `${JSON.stringify(served, null, 2)}\n`;
    if (fresh !== committed) {
      const [a, b] = [committed.split('\n'), fresh.split('\n')];
      const line = a.findIndex((text, i) => text !== b[i]);
      throw new Error(`docs/openapi.json is not what the gateway serves (first difference at line ${line + 1}: ${JSON.stringify(a[line])} → ${JSON.stringify(b[line])}); run \`npm run openapi\` and commit it`);
    }
  });
});

// Writes the gateway's OpenAPI document to docs/openapi.json: the contract every frontend is written from
// (the console generates its API types from this file). Starts the built gateway alone, on its own database,
// subject prefix and a free port, reads /api/docs-json and stops it. `--check` only compares and exits 1 on a
// difference (tests/platform/src/openapi.spec.ts does the same against a running platform).
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { DATABASE_URL, NATS_URL, ensureInfrastructure } from './infra.mjs';
import { withDatabase } from './lib/bench.mjs';
import { ROOT, build, ensureDatabase } from './lib/platform.mjs';
import { freePort } from './lib/scratch.mjs';

const FILE = join(ROOT, 'docs/openapi.json');
const check = process.argv.includes('--check');

/** The document as committed: keys in the gateway's order, two-space indent, a final newline. */
export const formatOpenApi = (document) => `${JSON.stringify(document, null, 2)}\n`;

await ensureInfrastructure({ log: () => undefined });
build();
const hex = randomBytes(4).toString('hex');
const databaseUrl = withDatabase(DATABASE_URL, `ops_openapi_${hex}`);
await ensureDatabase(databaseUrl);
const port = await freePort();
const gateway = spawn(process.execPath, [join(ROOT, 'services/gateway/dist/main.js')], {
  cwd: ROOT,
  env: { ...process.env, DATABASE_URL: databaseUrl, GATEWAY_DATABASE_URL: databaseUrl, NATS_URL, SUBJECT_PREFIX: `openapi_${hex}`, GATEWAY_HTTP_PORT: String(port), LOG_LEVEL: 'warn', SEED_DEMO_USERS: 'false', SHUTDOWN_DRAIN_MS: '0' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
let document;
try {
  const deadline = Date.now() + 60_000;
  while (!document) {
    if (Date.now() > deadline) throw new Error('the gateway did not answer within 60 s');
    const res = await fetch(`http://127.0.0.1:${port}/api/docs-json`).catch(() => null);
    if (res?.ok) document = await res.json();
    else await new Promise((r) => setTimeout(r, 200));
  }
} finally {
  gateway.kill('SIGTERM');
  await new Promise((r) => gateway.once('exit', r));
  const admin = new pg.Client({ connectionString: withDatabase(DATABASE_URL, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "ops_openapi_${hex}" WITH (FORCE)`);
  await admin.end();
}
const text = formatOpenApi(document);
if (check) {
  const committed = readFileSync(FILE, 'utf8');
  if (committed !== text) {
    console.error('docs/openapi.json differs from the gateway\'s document: run `npm run openapi` and commit it');
    process.exit(1);
  }
  console.log('docs/openapi.json is up to date');
} else {
  writeFileSync(FILE, text);
  console.log(`docs/openapi.json: ${Object.keys(document.paths).length} paths`);
}

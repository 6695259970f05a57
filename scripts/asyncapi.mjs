#!/usr/bin/env node
// Writes the event contract, docs/asyncapi.json, from the event catalogue (libs/contracts/src/asyncapi.ts):
//
//   npm run asyncapi                          refresh it after adding an event, a version or an optional field
//   npm run asyncapi -- --accept-breaking     also when a published version's payload changed or a version is gone
//                                             (only for a deliberate retirement; consumers of that version break)
//
// It builds libs/kernel and libs/contracts (swc, into their dist/) and generates from the built code.
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const acceptBreaking = process.argv.includes('--accept-breaking');

const build = spawnSync(process.execPath, [join(root, 'scripts/build.mjs'), 'libs/kernel', 'libs/contracts'], { cwd: root, stdio: 'inherit', env: { ...process.env, QUIET_BUILD: '1' } });
if (build.status !== 0) process.exit(build.status ?? 1);

const contracts = await import(pathToFileURL(join(root, 'libs/contracts/dist/index.js')).href);
const file = join(root, contracts.ASYNCAPI_FILE);
const generated = contracts.asyncApiDocument();
const text = contracts.formatAsyncApi(generated);

if (existsSync(file)) {
  const violations = contracts.contractViolations(JSON.parse(readFileSync(file, 'utf8')), generated);
  if (violations.length && !acceptBreaking) {
    console.error(`${contracts.ASYNCAPI_FILE} NOT written: published event versions would change.\n\n${violations.join('\n\n')}\n`);
    process.exit(1);
  }
  if (violations.length) console.warn(`writing despite breaking changes (--accept-breaking):\n${violations.join('\n')}`);
  if (readFileSync(file, 'utf8') === text) {
    console.log(`${contracts.ASYNCAPI_FILE} is up to date`);
    process.exit(0);
  }
}
writeFileSync(file, text);
console.log(`wrote ${contracts.ASYNCAPI_FILE} (${Object.keys(generated.channels).length} channels)`);

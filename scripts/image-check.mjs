// Checks deploy/Dockerfile without a Docker engine: `npm run image:check`.
//  1. copies the build context (the repo filtered by .dockerignore) to a temporary folder;
//  2. runs the build stage's RUN commands there, as the Dockerfile writes them (cache mounts dropped), with the
//     runtime folder in a temporary place;
//  3. checks the runtime folder holds no development packages and no source;
//  4. starts one service (IMAGE_CHECK_SERVICE, default sales) from the runtime folder alone, with the image's ENV,
//     the production profile and its own scratch database and subject prefix, and runs the image's HEALTHCHECK
//     command until it passes.
// Exits 1 on the first failure. Needs Postgres and NATS as `npm start` does (scripts/infra.mjs).
// IMAGE_CHECK_KEEP=1 keeps the temporary folder.
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DATABASE_URL, NATS_URL, ensureInfrastructure } from './infra.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const service = process.env.IMAGE_CHECK_SERVICE ?? 'sales';
const started = Date.now();
const step = (text) => console.log(`[image-check ${((Date.now() - started) / 1000).toFixed(1)} s] ${text}`);
const fail = (text) => {
  console.error(`image-check FAILED: ${text}`);
  process.exitCode = 1;
  throw new Error(text);
};

// --- The Dockerfile: stages, RUN commands, ENV, HEALTHCHECK, CMD ------------------------------------------
export function parseDockerfile(text) {
  const lines = text.replace(/\\\r?\n\s*/g, ' ').split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const stages = [];
  for (const line of lines) {
    const [, instruction, rest] = /^(\S+)\s+(.*)$/.exec(line) ?? [];
    if (!instruction) continue;
    const op = instruction.toUpperCase();
    if (op === 'FROM') stages.push({ from: rest, name: /\bAS\s+(\S+)/i.exec(rest)?.[1], run: [], env: {}, copy: [], user: undefined });
    const stage = stages.at(-1);
    if (!stage) continue;
    if (op === 'RUN') stage.run.push(rest.replace(/--mount=\S+\s+/g, ''));
    if (op === 'COPY') stage.copy.push(rest);
    if (op === 'USER') stage.user = rest;
    if (op === 'ENV') for (const [, k, v] of rest.matchAll(/(\w+)=("[^"]*"|\S+)/g)) stage.env[k] = v.replace(/^"|"$/g, '');
    if (op === 'HEALTHCHECK') stage.healthcheck = JSON.parse(rest.slice(rest.indexOf('CMD') + 3).trim());
    if (op === 'CMD') stage.cmd = JSON.parse(rest);
    if (op === 'WORKDIR') stage.workdir = rest;
  }
  return stages;
}

// --- .dockerignore ---------------------------------------------------------------------------------------
function patternToRegExp(pattern) {
  const body = pattern.replace(/\/+$/, '').split('/').map((segment) => (segment === '**' ? '(?:.*/)?' : `${segment.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`)).join('');
  return new RegExp(`^${body.replace(/\/$/, '')}(?:/.*)?$`);
}
export function dockerignore(text) {
  const rules = text.split(/\r?\n/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'))
    .map((l) => ({ negate: l.startsWith('!'), pattern: l.replace(/^!/, '').replace(/^\//, '') }))
    .map((rule) => ({ ...rule, re: patternToRegExp(rule.pattern) }));
  const ignored = (path) => rules.reduce((result, rule) => (rule.re.test(path) ? !rule.negate : result), false);
  // Could an exception bring back something under this folder? (its leading segments match the folder's)
  const mayReinclude = (dir) => rules.some((rule) => rule.negate && dir.split('/').every((part, i) => {
    const segment = rule.pattern.split('/')[i];
    return segment === undefined ? false : segment === '**' || patternToRegExp(segment).test(part);
  }));
  return { ignored, mayReinclude };
}

function* contextFiles(dir, rules, prefix = '') {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (rules.ignored(path) && !rules.mayReinclude(path)) continue;
      yield* contextFiles(join(dir, entry.name), rules, path);
    } else if (!rules.ignored(path)) yield path;
  }
}

const freePort = () => new Promise((resolve, reject) => {
  const server = createServer().listen(0, '127.0.0.1', () => { const { port } = server.address(); server.close(() => resolve(port)); });
  server.on('error', reject);
});
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function deleteStreams(prefix) {
  const { connect } = await import('@nats-io/transport-node');
  const { jetstreamManager } = await import('@nats-io/jetstream');
  const nc = await connect({ servers: NATS_URL });
  try {
    const jsm = await jetstreamManager(nc);
    for (const name of await jsm.streams.names().next()) if (name.startsWith(prefix)) await jsm.streams.delete(name);
  } finally {
    await nc.close();
  }
}

async function main() {
  const stages = parseDockerfile(readFileSync(join(root, 'deploy/Dockerfile'), 'utf8'));
  const build = stages.find((s) => s.name === 'build');
  const runtime = stages.at(-1);
  if (!build || runtime === build) fail('deploy/Dockerfile needs a stage named build and a runtime stage after it');
  for (const s of [build, runtime]) if (!/^node:24-slim\b/.test(s.from)) fail(`stage ${s.name ?? 'runtime'} is FROM ${s.from}, expected node:24-slim`);
  if (runtime.user !== 'node') fail('the runtime stage must run as USER node');
  if (runtime.env.OPS_PROFILE !== 'production') fail('the runtime stage must set ENV OPS_PROFILE=production');
  if (!runtime.env.MALLOC_MMAP_THRESHOLD_) fail('the runtime stage must keep MALLOC_MMAP_THRESHOLD_');
  if (!runtime.healthcheck || runtime.healthcheck[0] !== 'node') fail('the runtime stage needs a HEALTHCHECK run with node');
  const copied = runtime.copy.map((c) => /--from=(\S+)\s+(\S+)\s+(\S+)/.exec(c)).filter(Boolean);
  if (copied.length !== 1 || copied[0][1] !== 'build' || copied[0][3] !== runtime.workdir) fail(`the runtime stage must copy one folder from the build stage into its WORKDIR (found ${runtime.copy.join('; ')})`);
  const runtimeFrom = copied[0][2];

  const work = mkdtempSync(join(tmpdir(), 'ops-image-check-'));
  const context = join(work, 'src');
  const out = join(work, 'runtime');
  let child;
  let database;
  let streamsPrefix;
  try {
    // 1. The build context.
    let files = 0;
    for (const file of contextFiles(root, dockerignore(readFileSync(join(root, '.dockerignore'), 'utf8')))) {
      mkdirSync(dirname(join(context, file)), { recursive: true });
      cpSync(join(root, file), join(context, file));
      files += 1;
    }
    step(`build context: ${files} files`);
    for (const leak of ['node_modules', '.git', 'reports', 'tests/platform/src']) if (existsSync(join(context, leak))) fail(`.dockerignore lets ${leak} into the build context`);

    // 2. The build stage's commands, in order.
    for (const command of build.run) {
      const line = command.replace(new RegExp(`(?<=\\s)${runtimeFrom.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=\\s|$)`, 'g'), out);
      step(`RUN ${line}`);
      const result = spawnSync('sh', ['-c', line], { cwd: context, stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_config_prefer_offline: 'true', npm_config_update_notifier: 'false' } });
      if (result.status !== 0) fail(`RUN ${line} exited ${result.status}`);
    }
    if (!existsSync(out)) fail(`the build stage left nothing in ${runtimeFrom}`);

    // 3. Only production packages and built output.
    const present = (path) => existsSync(join(out, path));
    for (const devOnly of ['node_modules/jest', 'node_modules/typescript-eslint', 'node_modules/@swc/core', 'node_modules/nx', 'node_modules/testcontainers', 'node_modules/eslint', 'node_modules/antd', 'node_modules/vite']) {
      if (present(devOnly)) fail(`${devOnly} (a development package) is in the runtime files`);
    }
    for (const needed of [`services/${service}/dist/main.js`, 'libs/service-kit/dist/index.js', 'node_modules/@nestjs/core', 'node_modules/@ops/service-kit/package.json', 'apps/console/dist/index.html', runtime.healthcheck[1]]) {
      if (!present(needed)) fail(`${needed} is missing from the runtime files`);
    }
    const sources = (dir) => readdirSync(join(out, dir), { recursive: true }).filter((f) => String(f).endsWith('.ts') && !String(f).endsWith('.d.ts'));
    for (const dir of ['libs', 'services']) if (sources(dir).length) fail(`TypeScript sources in the runtime files: ${sources(dir).slice(0, 3).join(', ')}`);
    step(`runtime files: ${readdirSync(join(out, 'node_modules')).length} top-level packages, no development packages`);

    // 4. Start one service from the runtime files alone, as the image's CMD does, and run its HEALTHCHECK.
    await ensureInfrastructure({ log: () => undefined });
    const { default: pg } = await import('pg');
    const server = new URL(DATABASE_URL);
    server.pathname = '/postgres';
    const admin = new pg.Client({ connectionString: server.toString() });
    await admin.connect();
    database = { name: `ops_image_check_${process.pid}`, admin };
    await admin.query(`CREATE DATABASE ${database.name}`);
    const url = new URL(DATABASE_URL);
    url.pathname = `/${database.name}`;
    const port = await freePort();
    const prefix = `imgchk_${process.pid}`;
    streamsPrefix = `${prefix.toUpperCase()}_`;
    const env = {
      PATH: process.env.PATH,
      ...runtime.env,
      SERVICE: service,
      HTTP_HOST: '127.0.0.1',
      [`${service.toUpperCase()}_HTTP_PORT`]: String(port),
      DATABASE_URL: url.toString(),
      NATS_URL,
      SUBJECT_PREFIX: prefix,
      JWT_SECRET: randomBytes(24).toString('hex'),
      OPS_ACTOR_SECRET: randomBytes(24).toString('hex'),
      LOG_LEVEL: 'warn',
    };
    const [shell, flag, script] = runtime.cmd;
    step(`CMD ${script} with SERVICE=${service}, OPS_PROFILE=${env.OPS_PROFILE}, port ${port}`);
    child = spawn(shell, [flag, script], { cwd: out, env, stdio: ['ignore', 'inherit', 'inherit'] });
    let exited;
    child.on('exit', (code) => { exited = code ?? 'signal'; });
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (exited !== undefined) fail(`${service} exited (${exited}) before it was healthy`);
      const probe = spawnSync(runtime.healthcheck[0], runtime.healthcheck.slice(1), { cwd: out, env, encoding: 'utf8' });
      if (probe.status === 0) break;
      if (Date.now() > deadline) fail(`HEALTHCHECK did not pass within 60 s: ${probe.stderr.trim()}`);
      await sleep(500);
    }
    const metrics = await fetch(`http://127.0.0.1:${port}/metrics`);
    if (!metrics.ok || !(await metrics.text()).includes('# TYPE')) fail(`/metrics answered ${metrics.status}`);
    step(`${service} started from the runtime files; HEALTHCHECK and /metrics pass`);
  } finally {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await Promise.race([new Promise((r) => child.once('exit', r)), sleep(10_000)]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    if (database) {
      await database.admin.query(`DROP DATABASE IF EXISTS ${database.name} WITH (FORCE)`).catch(() => undefined);
      await database.admin.end();
    }
    if (streamsPrefix) await deleteStreams(streamsPrefix).catch((error) => console.error(`could not delete the check's streams: ${error.message}`));
    if (process.env.IMAGE_CHECK_KEEP) step(`kept ${relative(process.cwd(), work) || work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  step('passed');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    if (!process.exitCode) console.error(error);
    process.exitCode = 1;
  });
}

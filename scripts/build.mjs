// Compiles TypeScript to ESM JavaScript with swc, in one process: `node scripts/build.mjs [project dir…]`
// (all projects when none is named, and then the web console too). Each project's src/ goes to its dist/. Type
// checking is `npm run typecheck`.
import { transformFile } from '@swc/core';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const options = JSON.parse(await readFile(join(root, '.swcrc'), 'utf8'));
delete options.$schema;

async function* sources(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.spec.ts') && !entry.name.endsWith('.d.ts')) yield path;
  }
}

export async function buildProject(projectDir) {
  const src = join(projectDir, 'src');
  const dist = join(projectDir, 'dist');
  await rm(dist, { recursive: true, force: true });
  const jobs = [];
  for await (const file of sources(src)) {
    jobs.push((async () => {
      const out = join(dist, relative(src, file)).replace(/\.ts$/, '.js');
      const { code, map } = await transformFile(file, { ...options, swcrc: false, filename: file, sourceMaps: true, outputPath: out });
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, `${code}\n//# sourceMappingURL=${out.split('/').pop()}.map\n`);
      if (map) await writeFile(`${out}.map`, map);
    })());
  }
  await Promise.all(jobs);
  return jobs.length;
}

const named = process.argv.slice(2);
const projects = named.length
  ? named.map((p) => join(process.cwd(), p))
  : (await Promise.all(['libs', 'services'].map(async (group) => (await readdir(join(root, group))).map((name) => join(root, group, name))))).flat();
const started = Date.now();
let files = 0;
for (const count of await Promise.all(projects.map(buildProject))) files += count;
if (!process.env.QUIET_BUILD) console.log(`built ${files} files in ${projects.length} project(s) in ${Date.now() - started} ms`);

// The web console (apps/console): its API types are generated from the committed OpenAPI document, then Vite
// bundles it into apps/console/dist, which the gateway serves at `/`. Built with everything else (about 2 s).
if (!named.length) {
  const consoleDir = join(root, 'apps/console');
  const requireHere = createRequire(join(consoleDir, 'package.json'));
  const bin = (pkg, name) => {
    const manifest = requireHere.resolve(`${pkg}/package.json`);
    const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8'));
    return join(dirname(manifest), typeof bins === 'string' ? bins : bins[name]);
  };
  const run = (args) => {
    const result = spawnSync(process.execPath, args, { cwd: consoleDir, stdio: ['ignore', 'ignore', 'inherit'] });
    if (result.status !== 0) throw new Error(`console build failed: ${args.slice(1).join(' ')}`);
  };
  const consoleStarted = Date.now();
  run([bin('openapi-typescript', 'openapi-typescript'), '../../docs/openapi.json', '-o', 'src/api/schema.d.ts', '--silent']);
  run([bin('vite', 'vite'), 'build', '--logLevel', 'warn']);
  if (!process.env.QUIET_BUILD) console.log(`built the console in ${Date.now() - consoleStarted} ms`);
}

// Compiles TypeScript to ESM JavaScript with swc, in one process: `node scripts/build.mjs [project dir…]`
// (all projects when none is named). Each project's src/ goes to its dist/. Type checking is `npm run typecheck`.
import { transformFile } from '@swc/core';
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
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

// Copies what the runtime image holds into one folder: `node deploy/runtime-files.mjs <target>`, run in the build
// stage after `node scripts/build.mjs` and `npm prune --omit=dev`. The same script is run by scripts/image-check.mjs,
// so the check starts a service from exactly the files the image has.
//
// What a built service needs: its dist/ and the dist/ of every @ops/* library, each beside its package.json
// (node_modules/@ops/<name> are npm's workspace links to libs/<name> and services/<name>, and each package's
// "exports" points at ./dist/index.js); node_modules with production dependencies only; scripts/ (the
// streams-setup job runs `node scripts/streams.mjs apply`); the health check; deploy/streams.json if present.
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = resolve(process.argv[2] ?? '');
if (!process.argv[2] || target === root) {
  console.error('usage: node deploy/runtime-files.mjs <target folder>');
  process.exit(2);
}

// The pinned Node binary (optionalDependencies node-<platform>-<arch>) is for developer machines and CI; the image has its own Node.
const isNodeBinary = (path) => /node_modules[\\/](node-[a-z0-9]+-[a-z0-9]+|\.bin[\\/]node)$/.test(path);
const copy = (from, to = from) => {
  if (!existsSync(join(root, from))) return false;
  cpSync(join(root, from), join(target, to), { recursive: true, verbatimSymlinks: true, filter: (source) => !isNodeBinary(source) });
  return true;
};

rmSync(target, { recursive: true, force: true });
mkdirSync(target, { recursive: true });
copy('package.json');
copy('node_modules');
for (const group of ['libs', 'services']) {
  for (const name of readdirSync(join(root, group))) {
    const dir = `${group}/${name}`;
    if (dir === 'libs/testing' || !existsSync(join(root, dir, 'dist'))) continue; // test infrastructure, spec files only
    copy(`${dir}/package.json`);
    copy(`${dir}/dist`);
  }
}
// The web console, already bundled: the gateway serves these static files at `/`.
copy('apps/console/package.json');
copy('apps/console/dist');
copy('scripts');
copy('deploy/healthcheck.mjs');
copy('deploy/streams.json');
console.log(`runtime files in ${target}`);

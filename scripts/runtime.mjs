// The project runs on the Node.js version package.json pins (optionalDependencies `node-<platform>-<arch>`),
// taken from the npm registry, whatever Node the machine carries. `node scripts/runtime.mjs` prints the
// folder holding that `node` binary, unpacking it into .cache/ first when needed (with npm, from the
// registry npm is set to). Used by .ci/run and by `npm start` before anything else; once dependencies are
// installed, npm scripts find the same binary in node_modules/.bin.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const REQUIRED_MAJOR = Number(/\d+/.exec(JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).engines.node)[0]);

/** The folder of a `node` binary of the pinned major version: this one's own when it is recent enough. */
export function runtimeBinDir() {
  if (Number(process.versions.node.split('.')[0]) >= REQUIRED_MAJOR) return dirname(process.execPath);
  const name = `node-${process.platform}-${process.arch}`;
  const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies?.[name];
  if (!version) {
    throw new Error(`This project needs Node.js ${REQUIRED_MAJOR} (this is ${process.version}); package.json pins no ${name} package to fetch it from the npm registry. Install Node.js ${REQUIRED_MAJOR} and try again.`);
  }
  const installed = join(root, 'node_modules', name, 'bin');
  if (existsSync(join(installed, 'node')) && readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8').includes(`"version": "${version}"`)) return installed;
  const target = join(root, '.cache', `${name}-${version}`);
  const bin = join(target, 'package', 'bin');
  if (existsSync(join(bin, 'node'))) return bin;
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--silent', `${name}@${version}`, '--pack-destination', target], { cwd: target, encoding: 'utf8' }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', join(target, tarball), '-C', target]);
  rmSync(join(target, tarball));
  return bin;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(runtimeBinDir());
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}

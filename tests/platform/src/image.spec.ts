import { spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '../../..');

/**
 * deploy/Dockerfile without a Docker engine (there is none on CI): scripts/image-check.mjs runs the build stage's
 * commands in a copy of the build context, checks the runtime files hold no development packages or sources,
 * and starts a service from them alone on the production profile until the image's HEALTHCHECK passes.
 */
describe('the production image', () => {
  it('builds from the Dockerfile\'s own commands and starts a service from the runtime files alone', async () => {
    const output: string[] = [];
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, [join(ROOT, 'scripts/image-check.mjs')], { cwd: ROOT, env: { ...process.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (chunk) => output.push(String(chunk)));
      child.stderr.on('data', (chunk) => output.push(String(chunk)));
      child.on('exit', resolve);
    });
    if (code !== 0) throw new Error(`image-check exited ${code}:\n${output.join('')}`);
    expect(output.join('')).toMatch(/started from the runtime files; HEALTHCHECK and \/metrics pass/);
  }, 420_000);
});

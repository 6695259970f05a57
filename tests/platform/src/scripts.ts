import { spawn } from 'node:child_process';
import { join } from 'node:path';

export const ROOT = join(__dirname, '../../..');

/** Runs one of the repository's scripts (scripts/<name>) as a child process; fails with its output when it exits non-zero. */
export async function runScript(name: string, env: Record<string, string> = {}): Promise<string> {
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(process.execPath, [join(ROOT, 'scripts', name)], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => output.push(String(chunk)));
    child.stderr.on('data', (chunk) => output.push(String(chunk)));
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`${name} exited ${code}:\n${output.join('')}`);
  return output.join('');
}

#!/usr/bin/env node
// Production dependencies with a high or critical advisory fail the check, unless security/audit-exceptions.json
// holds a written, dated exception for that advisory that is not past its review date.
//
//   npm run audit:deps              AUDIT_REQUIRED=1 also fails when the advisory service cannot be asked
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const EXCEPTIONS = 'security/audit-exceptions.json';
const today = new Date().toISOString().slice(0, 10);

const run = spawnSync('npm', ['audit', '--omit=dev', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
let report;
try {
  report = JSON.parse(run.stdout || '{}');
} catch {
  report = { error: { summary: 'npm audit did not answer with JSON' } };
}

if (report.error || report.message) {
  const why = report.error?.summary || report.message || 'no answer';
  console.warn(`dependency audit: the npm advisory service could not be asked (${why.split('\n')[0]}); production dependencies were NOT checked here.`);
  process.exit(process.env.AUDIT_REQUIRED === '1' ? 1 : 0);
}

const exceptions = existsSync(EXCEPTIONS) ? JSON.parse(readFileSync(EXCEPTIONS, 'utf8')) : [];
for (const e of exceptions) {
  if (!e.package || !e.advisory || !e.reason || !e.decided || !e.reviewBy) throw new Error(`${EXCEPTIONS}: every exception needs package, advisory, reason, decided and reviewBy (${JSON.stringify(e)})`);
}
const excepted = (pkg, advisory) => exceptions.some((e) => e.package === pkg && e.advisory === advisory && e.reviewBy >= today);

const findings = [];
for (const [pkg, vulnerability] of Object.entries(report.vulnerabilities ?? {})) {
  for (const via of vulnerability.via) {
    if (typeof via !== 'object' || !['high', 'critical'].includes(via.severity)) continue;
    if (!excepted(pkg, via.url)) findings.push(`${via.severity} ${pkg} ${via.range ?? ''}: ${via.title} (${via.url})`);
  }
}
const counts = report.metadata?.vulnerabilities ?? {};
console.log(`dependency audit (production): ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ') || 'nothing found'}`);
if (findings.length) {
  console.error(`high or critical advisories without a dated exception in ${EXCEPTIONS}:\n  ${findings.join('\n  ')}`);
  process.exit(1);
}

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runScript } from './scripts.js';

/**
 * The fault drill (`npm run drill`) in short: fewer clients and one fault of each kind, on its own
 * scratch Postgres and NATS; then the layout `npm start` runs, with the host killed. The supervisor
 * restarts what was killed, the clients repeat what failed, and afterwards every invariant holds: each
 * order shipped or told failed, each event applied once, no dead letters, the books balance, the stock
 * ledger adds up.
 */
describe('fault drill (short)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ops-drill-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every invariant through a killed service, a killed gateway, and NATS and Postgres crashing', async () => {
    const reportFile = join(dir, 'drill.json');
    await runScript('drill.mjs', { DRILL_CLIENTS: '4', DRILL_SETTLE: '2', DRILL_FAULTS: 'kill-inventory,kill-gateway,restart-nats,restart-postgres', DRILL_REPORT: reportFile });
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.processDeaths.map((d: { process: string }) => d.process)).toEqual(['inventory', 'gateway']);
    for (const fault of report.faults.filter((f: { name: string }) => f.name.startsWith('kill-') || f.name.startsWith('restart-'))) {
      expect(fault.firstOrderCompletedAfterMs).not.toBeNull();
    }
    expect(report.orders.completed).toBeGreaterThan(0);
    expect(report.invariants.deadLetters).toBe(0);
    expect(report.invariants.consumers.every((c: { applied: number; events: number }) => c.applied === c.events)).toBe(true);
  }, 400_000);

  it('keeps every invariant when the host, with all four services in it, is killed at once', async () => {
    const reportFile = join(dir, 'drill-together.json');
    await runScript('drill.mjs', { DRILL_LAYOUT: 'together', DRILL_CLIENTS: '4', DRILL_SETTLE: '2', DRILL_FAULTS: 'kill-host', DRILL_REPORT: reportFile });
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    expect(report.ok).toBe(true);
    expect(report.parameters.layout).toBe('together');
    expect(report.processDeaths.map((d: { process: string }) => d.process)).toEqual(['host']);
    expect(report.faults.find((f: { name: string }) => f.name === 'kill-host').firstOrderCompletedAfterMs).not.toBeNull();
    expect(report.orders.completed).toBeGreaterThan(0);
    expect(report.invariants.deadLetters).toBe(0);
    expect(report.invariants.consumers.every((c: { applied: number; events: number }) => c.applied === c.events)).toBe(true);
  }, 400_000);
});

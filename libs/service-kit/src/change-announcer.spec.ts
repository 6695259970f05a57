import { NOTICES_WANTED_EVERY_MS, NOTICES_WANTED_FOR_MS } from '@ops/contracts';
import { NoticesWanted } from './change-announcer.js';

describe('change notices wanted', () => {
  it('are wanted for a while after a gateway said so, never before one did, and again when it says so again', () => {
    let now = 1_000;
    const wanted = new NoticesWanted(() => now);
    expect(wanted.now).toBe(false);
    wanted.heard();
    expect(wanted.now).toBe(true);
    now += NOTICES_WANTED_FOR_MS - 1;
    expect(wanted.now).toBe(true);
    now += 1;
    expect(wanted.now).toBe(false);
    wanted.heard();
    expect(wanted.now).toBe(true);
  });

  it('outlast two reminders a gateway misses', () => {
    expect(NOTICES_WANTED_FOR_MS).toBeGreaterThan(2 * NOTICES_WANTED_EVERY_MS);
  });
});

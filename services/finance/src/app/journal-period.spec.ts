import { DomainError } from '@ops/kernel';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { PERIOD_CLOSED_SQLSTATE, post } from './journal.js';

/** The journal's trigger refuses an entry dated in a closed month; post() turns that into the one 409 every path answers. */
describe('post() into a closed month', () => {
  // A transaction the runtime did not defer: the posting's one statement is sent at once.
  const tx = (fail: unknown) => ({
    query: async (sql: string) => {
      if (sql.includes('INSERT INTO journal_entries')) throw fail;
      return [];
    },
  }) as unknown as EntityManager;
  const failed = (code: string, message: string) => new QueryFailedError('INSERT INTO journal_entries …', [], Object.assign(new Error(message), { code }));
  const posting = { sourceType: 'voucher' as const, sourceId: 'v', customerId: null, memo: 'm', postedBy: 'u', entryDate: '2026-11-30', lines: [{ accountCode: '6602', debitFen: 1, creditFen: 0 }, { accountCode: '2241', debitFen: 0, creditFen: 1 }] };

  it('answers 409 period-closed naming the month when the trigger refuses', async () => {
    const error = await post(tx(failed(PERIOD_CLOSED_SQLSTATE, 'the books of 2026-11 are closed')), posting).catch((e) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect([error.status, error.code, error.message]).toEqual([409, 'period-closed', expect.stringContaining('2026-11')]);
  });

  it('lets any other database error through', async () => {
    const other = failed('40P01', 'deadlock');
    await expect(post(tx(other), posting)).rejects.toBe(other);
  });
});

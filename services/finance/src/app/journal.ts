import { pageWindow, type Page } from '@ops/contracts';
import { businessDate, businessYear, DomainError } from '@ops/kernel';
import { numberDrawnInStatement, writeAtFlush } from '@ops/persistence';
import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { CHART_OF_ACCOUNTS } from '../domain/chart-of-accounts.js';
import { ACCOUNTS, balanced, type CodedJournalLine, type JournalLine } from '../domain/journal.js';

export interface Posting {
  sourceType: 'receipt' | 'invoice' | 'invoice_void' | 'refund' | 'write_off' | 'write_off_recovery' | 'bank_deposit' | 'credit_note'
    | 'payable' | 'purchase_return' | 'supplier_payment' | 'supplier_prepayment_use'
    | 'till_ticket' | 'till_void' | 'outlet_shift' | 'outlet_waste' | 'voucher'
    | 'referral_reward';
  sourceId: string;
  customerId: string | null;
  memo: string;
  postedBy: string;
  /** The entry this one reverses, for corrections (the journal is never edited). */
  reversalOf?: string | null;
  /** The business date the entry belongs to; today on the business clock unless a voucher names another. */
  entryDate?: string;
  /** The automatic postings name accounts by key (ACCOUNTS); a voucher names them by chart code. */
  lines: Array<JournalLine | CodedJournalLine>;
}

/** SQLSTATE the journal's trigger raises for an entry dated in a closed month (migration 1765750000000-vouchers). */
export const PERIOD_CLOSED_SQLSTATE = 'OPC01';

/**
 * Posts one balanced entry in the caller's transaction, with a gapless JE number: the number, the entry
 * and its lines in one statement, sent with the transaction's flush (writeAtFlush). Every posting of
 * the company draws from the one JE counter row; drawn here it would stay locked while the rest of the
 * transaction goes back and forth, and the postings of all other transactions would queue behind it.
 */
export async function post(tx: EntityManager, posting: Posting): Promise<string> {
  const lines = balanced(posting.lines);
  const id = uuidv7();
  const entryDate = posting.entryDate ?? businessDate();
  const drawn = numberDrawnInStatement(tx, 'drawn', '$12', '$13');
  await writeAtFlush(tx, [
    `WITH ${drawn.cte},
     entry AS (
       INSERT INTO journal_entries (id, number, source_type, source_id, customer_id, memo, posted_by, reversal_of, entry_date)
       SELECT $1, ${drawn.number}, $2, $3, $4, $5::text, $6, $7, $8 FROM drawn RETURNING id
     )
     INSERT INTO journal_lines (entry_id, line_no, account, debit_fen, credit_fen)
     SELECT entry.id, n, account, debit, credit FROM entry, unnest($9::text[], $10::bigint[], $11::bigint[]) WITH ORDINALITY AS l(account, debit, credit, n)`,
    [
      id, posting.sourceType, posting.sourceId, posting.customerId, posting.memo, posting.postedBy, posting.reversalOf ?? null, entryDate,
      lines.map((l) => ('accountCode' in l ? l.accountCode : ACCOUNTS[l.account].code)), lines.map((l) => l.debitFen), lines.map((l) => l.creditFen),
      'JE', businessYear(),
    ],
  ], (error) => {
    // The one guard of every posting path: the trigger refuses an entry dated in a closed month.
    if ((error.driverError as { code?: string } | undefined)?.code !== PERIOD_CLOSED_SQLSTATE) return undefined;
    return new DomainError('conflict', 'period-closed', `The books of ${entryDate.slice(0, 7)} are closed: post into the open month instead`, [{ field: 'entryDate', message: `falls in ${entryDate.slice(0, 7)}, which is closed` }]);
  });
  return id;
}

const NAMES = Object.fromEntries(CHART_OF_ACCOUNTS.map((a) => [a.code, a.name]));

export async function trialBalance(tx: EntityManager) {
  const rows: Array<{ account: string; debit: string; credit: string }> = await tx.query(
    `SELECT account, sum(debit_fen) AS debit, sum(credit_fen) AS credit FROM journal_lines GROUP BY account ORDER BY account`,
  );
  const accounts = rows.map((r) => ({ account: r.account, name: NAMES[r.account] ?? r.account, debitFen: Number(r.debit), creditFen: Number(r.credit), balanceFen: Number(r.debit) - Number(r.credit) }));
  const debitFen = accounts.reduce((s, a) => s + a.debitFen, 0);
  const creditFen = accounts.reduce((s, a) => s + a.creditFen, 0);
  return { accounts, totals: { debitFen, creditFen }, balanced: debitFen === creditFen };
}

export async function listEntries(tx: EntityManager, query: { sourceId?: string; page?: number; pageSize?: number }): Promise<Page<object>> {
  const { page, pageSize, offset } = pageWindow(query);
  const where = query.sourceId ? 'WHERE e.source_id = $1' : '';
  const params = query.sourceId ? [query.sourceId] : [];
  const [{ total }] = await tx.query(`SELECT count(*)::int AS total FROM journal_entries e ${where}`, params);
  const entries: Array<Record<string, any>> = await tx.query(
    `SELECT e.id, e.number, e.source_type, e.source_id, e.customer_id, e.memo, e.reversal_of, e.posted_by, e.posted_at,
            json_agg(json_build_object('account', l.account, 'debitFen', l.debit_fen, 'creditFen', l.credit_fen) ORDER BY l.line_no) AS lines
       FROM journal_entries e JOIN journal_lines l ON l.entry_id = e.id ${where}
      GROUP BY e.id ORDER BY e.number DESC LIMIT ${pageSize} OFFSET ${offset}`,
    params,
  );
  return {
    items: entries.map((e) => ({
      id: e.id, number: e.number, sourceType: e.source_type, sourceId: e.source_id, customerId: e.customer_id, memo: e.memo, reversalOf: e.reversal_of,
      postedBy: e.posted_by, postedAt: new Date(e.posted_at).toISOString(),
      lines: e.lines.map((l: { account: string; debitFen: number; creditFen: number }) => ({ ...l, name: NAMES[l.account] ?? l.account, debitFen: Number(l.debitFen), creditFen: Number(l.creditFen) })),
    })),
    page,
    pageSize,
    total,
  };
}

import { Injectable } from '@nestjs/common';
import { FinanceCatalog, type ReceivablesAgingView } from '@ops/contracts';
import { businessDate } from '@ops/kernel';
import { Handles, type CommandContext } from '@ops/service-kit';
import { agingOn } from '../domain/aging.js';

/** What the managers' dashboard reads of finance: receivables aging and the queues waiting for someone in finance. */
@Injectable()
export class ReceivablesReport {
  @Handles(FinanceCatalog.getReceivablesAging)
  async getReceivablesAging(_: unknown, { tx }: CommandContext): Promise<ReceivablesAgingView> {
    const asOf = businessDate();
    // Open receivables summed per due date (the index on open receivables serves it); domain/aging.ts buckets them.
    const open: Array<{ due_date: string; receivables: number; open_fen: string }> = await tx.query(
      `SELECT to_char(due_date, 'YYYY-MM-DD') AS due_date, count(*)::int AS receivables, sum(amount_fen - settled_fen) AS open_fen
         FROM receivables WHERE status = 'open' AND amount_fen > settled_fen GROUP BY due_date`,
    );
    const [waiting]: Array<{ transfers: number; deposits: number; refunds: number }> = await tx.query(
      `SELECT (SELECT count(*) FROM receipts WHERE status = 'pending_verification')::int AS transfers,
              (SELECT count(*) FROM receipts WHERE status = 'awaiting_deposit_approval')::int AS deposits,
              (SELECT count(*) FROM refunds WHERE status = 'due')::int AS refunds`,
    );
    const aging = agingOn(open.map((r) => ({ dueDate: r.due_date, receivables: r.receivables, openFen: Number(r.open_fen) })), asOf);
    return { asOf, ...aging, waiting: { transfersToVerify: waiting.transfers, depositsToApprove: waiting.deposits, refundsDue: waiting.refunds } };
  }
}

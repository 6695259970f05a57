import fc from 'fast-check';

import { DomainError } from '@ops/kernel';
import { balanced, invoiceEntry, invoiceVoidEntry, receiptEntry, refundEntry, splitVat, type JournalLine } from './journal.js';

const sums = (lines: JournalLine[]) => ({ debit: lines.reduce((s, l) => s + l.debitFen, 0), credit: lines.reduce((s, l) => s + l.creditFen, 0) });

describe('journal entries', () => {
  it('books a receipt into the money account it arrived in, owed to the customer until invoiced', () => {
    expect(receiptEntry('cash', 38_400)).toEqual([
      { account: 'cash', debitFen: 38_400, creditFen: 0 },
      { account: 'customerPrepayments', debitFen: 0, creditFen: 38_400 },
    ]);
    expect(receiptEntry('pos', 1)[0].account).toBe('posClearing');
    expect(receiptEntry('transfer', 1)[0].account).toBe('bank');
  });

  it('settles receivables first with money that arrives after a credit invoice', () => {
    expect(receiptEntry('transfer', 10_000, 7_000)).toEqual([
      { account: 'bank', debitFen: 10_000, creditFen: 0 },
      { account: 'receivables', debitFen: 0, creditFen: 7_000 },
      { account: 'customerPrepayments', debitFen: 0, creditFen: 3_000 },
    ]);
  });

  it('voids an invoice: revenue and VAT back, the part still owed out of receivables, the rest owed to the customer', () => {
    expect(invoiceVoidEntry(11_300, 4_000)).toEqual([
      { account: 'revenue', debitFen: 10_000, creditFen: 0 },
      { account: 'vatOutput', debitFen: 1_300, creditFen: 0 },
      { account: 'receivables', debitFen: 0, creditFen: 4_000 },
      { account: 'customerPrepayments', debitFen: 0, creditFen: 7_300 },
    ]);
  });

  it('pays a refund from the money account it came in through, out of what is owed to the customer', () => {
    expect(refundEntry('cash', 4_000)).toEqual([
      { account: 'customerPrepayments', debitFen: 4_000, creditFen: 0 },
      { account: 'cash', debitFen: 0, creditFen: 4_000 },
    ]);
    expect(refundEntry('transfer', 1)[1].account).toBe('bank');
    expect(refundEntry('pos', 1)[1].account).toBe('posClearing');
  });

  it('splits 13% VAT out of a gross price in whole fen', () => {
    expect(splitVat(38_400)).toEqual({ netFen: 33_982, vatFen: 4_418 });
    expect(splitVat(1)).toEqual({ netFen: 1, vatFen: 0 });
  });

  it('invoices a prepaid order against its prepayment, and a credit order as a receivable', () => {
    expect(invoiceEntry(38_400, 38_400)).toEqual([
      { account: 'customerPrepayments', debitFen: 38_400, creditFen: 0 },
      { account: 'revenue', debitFen: 0, creditFen: 33_982 },
      { account: 'vatOutput', debitFen: 0, creditFen: 4_418 },
    ]);
    expect(invoiceEntry(10_000, 0)[0]).toEqual({ account: 'receivables', debitFen: 10_000, creditFen: 0 });
    expect(invoiceEntry(10_000, 4_000).slice(0, 2)).toEqual([
      { account: 'customerPrepayments', debitFen: 4_000, creditFen: 0 },
      { account: 'receivables', debitFen: 6_000, creditFen: 0 },
    ]);
  });

  it('always balances, voids included, for any amounts', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000_000_000 }), fc.integer({ min: 0, max: 20_000_000_000 }), fc.double({ min: 0, max: 1, noNaN: true }), (total, prepaid, owedShare) => {
      const entry = invoiceEntry(total, prepaid);
      const { debit, credit } = sums(entry);
      expect(debit).toBe(credit);
      expect(debit).toBe(total);
      // Whatever part is still owed, the void takes back exactly the invoice's revenue and VAT.
      const voided = invoiceVoidEntry(total, Math.floor(total * owedShare));
      expect(sums(voided)).toEqual({ debit: total, credit: total });
      const net = (lines: typeof entry, account: string) => lines.filter((l) => l.account === account).reduce((s, l) => s + l.debitFen - l.creditFen, 0);
      for (const account of ['revenue', 'vatOutput'] as const) expect(net(voided, account) + net(entry, account)).toBe(0);
    }));
  });

  it('refuses an unbalanced entry or a line with both or neither side', () => {
    expect(() => balanced([{ account: 'cash', debitFen: 5, creditFen: 0 }, { account: 'revenue', debitFen: 0, creditFen: 4 }])).toThrow(DomainError);
    expect(() => balanced([{ account: 'cash', debitFen: 5, creditFen: 5 }, { account: 'revenue', debitFen: 0, creditFen: 0 }])).toThrow(/one positive/);
    expect(() => balanced([{ account: 'cash', debitFen: 1.5, creditFen: 0 }, { account: 'revenue', debitFen: 0, creditFen: 1.5 }])).toThrow(DomainError);
  });
});

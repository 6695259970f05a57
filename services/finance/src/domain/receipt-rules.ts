import type { FieldError } from '@ops/kernel';

export type ReceiptMethod = 'cash' | 'pos' | 'transfer';

/**
 * How each way of paying is recorded (domain.md §5, seed 000 cashier): cash counts only after the
 * counterfeit check; POS takes at most two cards, each signed by its holder, adding up to the amount;
 * a transfer names bank, payer and date, and counts only once finance has verified it. Someone paying
 * for the customer leaves a name and ID number.
 */
export interface ReceiptInput {
  method: ReceiptMethod;
  amountFen: number;
  payerName?: string;
  payerIdNumber?: string;
  counterfeitChecked?: boolean;
  cards?: Array<{ last4: string; holderName: string; holderSigned: boolean; amountFen: number }>;
  remittingBank?: string;
  transferDate?: string;
}

export function receiptProblems(r: ReceiptInput): FieldError[] {
  const problems: FieldError[] = [];
  const need = (ok: boolean, field: string, message: string) => ok || problems.push({ field, message });
  if (r.method === 'cash') need(r.counterfeitChecked === true, 'counterfeitChecked', 'cash counts only after the counterfeit check is recorded');
  if (r.method === 'pos') {
    const cards = r.cards ?? [];
    need(cards.length >= 1 && cards.length <= 2, 'cards', 'a POS payment takes one or two cards');
    cards.forEach((card, i) => need(card.holderSigned, `cards[${i}].holderSigned`, 'the card holder must sign the slip'));
    need(cards.reduce((sum, c) => sum + c.amountFen, 0) === r.amountFen, 'cards', 'the card amounts must add up to amountFen');
  }
  if (r.method === 'transfer') {
    need(Boolean(r.remittingBank), 'remittingBank', 'a transfer names the remitting bank');
    need(Boolean(r.transferDate), 'transferDate', 'a transfer names its value date');
    need(Boolean(r.payerName), 'payerName', 'a transfer names the payer');
  }
  if (r.payerName && r.method !== 'transfer') need(Boolean(r.payerIdNumber), 'payerIdNumber', 'someone paying for the customer leaves an ID number');
  if (r.method !== 'pos' && r.cards?.length) problems.push({ field: 'cards', message: `cards belong to POS payments, not ${r.method}` });
  return problems;
}

/** Cash and POS count at once; a transfer waits for finance to see the money in the bank. */
export function countsAtOnce(method: ReceiptMethod): boolean {
  return method !== 'transfer';
}

/** What is kept of the payment details: never a whole card or ID number. */
export function receiptDetails(r: ReceiptInput): Record<string, unknown> {
  return {
    ...(r.method === 'cash' ? { counterfeitChecked: true } : {}),
    ...(r.cards ? { cards: r.cards.map((c) => ({ last4: c.last4, holderName: c.holderName, amountFen: c.amountFen })) } : {}),
    ...(r.remittingBank ? { remittingBank: r.remittingBank, transferDate: r.transferDate } : {}),
    ...(r.payerIdNumber ? { payerIdLast4: r.payerIdNumber.slice(-4) } : {}),
  };
}

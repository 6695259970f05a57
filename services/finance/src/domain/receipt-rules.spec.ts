import { countsAtOnce, receiptDetails, receiptProblems } from './receipt-rules.js';

const card = (amountFen: number, holderSigned = true) => ({ last4: '4321', holderName: '王芳', holderSigned, amountFen });

describe('receipt rules', () => {
  it('counts cash only after the counterfeit check', () => {
    expect(receiptProblems({ method: 'cash', amountFen: 100 })).toEqual([{ field: 'counterfeitChecked', message: 'cash counts only after the counterfeit check is recorded' }]);
    expect(receiptProblems({ method: 'cash', amountFen: 100, counterfeitChecked: true })).toEqual([]);
  });

  it('takes one or two signed cards adding up to the amount', () => {
    expect(receiptProblems({ method: 'pos', amountFen: 300, cards: [card(100), card(200)] })).toEqual([]);
    expect(receiptProblems({ method: 'pos', amountFen: 300, cards: [card(100), card(100)] }).map((p) => p.message)).toEqual(['the card amounts must add up to amountFen']);
    expect(receiptProblems({ method: 'pos', amountFen: 100, cards: [card(100, false)] })[0].field).toBe('cards[0].holderSigned');
    expect(receiptProblems({ method: 'pos', amountFen: 100 }).map((p) => p.field)).toEqual(['cards', 'cards']);
  });

  it('needs bank, date and payer for a transfer, which waits for verification', () => {
    expect(receiptProblems({ method: 'transfer', amountFen: 100 }).map((p) => p.field)).toEqual(['remittingBank', 'transferDate', 'payerName']);
    expect(countsAtOnce('transfer')).toBe(false);
    expect(countsAtOnce('pos')).toBe(true);
  });

  it('asks a payer who is not the customer for an ID number, and keeps only its last 4 characters', () => {
    expect(receiptProblems({ method: 'cash', amountFen: 1, counterfeitChecked: true, payerName: '李四' })).toEqual([{ field: 'payerIdNumber', message: 'someone paying for the customer leaves an ID number' }]);
    expect(receiptDetails({ method: 'cash', amountFen: 1, counterfeitChecked: true, payerName: '李四', payerIdNumber: '310101199001011234' })).toEqual({ counterfeitChecked: true, payerIdLast4: '1234' });
  });
});

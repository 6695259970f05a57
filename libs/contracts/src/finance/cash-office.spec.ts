import { validateAs } from '../validation.js';
import { HandOverCashRequest, ScheduleBankDepositRequest } from './cash-office.js';
import { CountCashierDayRequest } from './requests.js';

const fields = (result: ReturnType<typeof validateAs>) => (result.ok ? [] : [...new Set(result.errors.map((e) => e.field))]);
const count = { businessDate: '2026-11-30', cashFen: 0, posFen: 0, transferFen: 0 };

describe('the cash office\'s requests', () => {
  it('takes explanations of the day\'s documents keyed by their numbers, and nothing else', () => {
    expect(validateAs(CountCashierDayRequest, { ...count, documentExplanations: { 'RC-2026-000001': '发货时开票', 'SVAT-2026-000003': 'credit customer' } }).ok).toBe(true);
    for (const bad of [{ 'not a number': 'x' }, { 'RC-2026-000001': '' }, { 'RC-2026-000001': 7 }, ['RC-2026-000001'], { 'RC-2026-000001': 'x'.repeat(501) }]) {
      expect(fields(validateAs(CountCashierDayRequest, { ...count, documentExplanations: bad }))).toEqual(['documentExplanations']);
    }
  });

  it('wants a positive whole amount for a handover, and a bank and an ISO date-time for a deposit run', () => {
    expect(fields(validateAs(HandOverCashRequest, { dayId: '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f', amountFen: 0 }))).toEqual(['amountFen']);
    expect(validateAs(ScheduleBankDepositRequest, { amountFen: 100, bank: '中国工商银行', plannedAt: '2026-11-30T08:00:00Z' }).ok).toBe(true);
    expect(fields(validateAs(ScheduleBankDepositRequest, { amountFen: 1.5, bank: ' ', plannedAt: 'tomorrow' }))).toEqual(['amountFen', 'bank', 'plannedAt']);
  });
});

import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import type { Locale, MessageKey } from '../../i18n/messages';
import { accountName } from './shared';

export type BalanceSheet = components['schemas']['BalanceSheetView'];
export type IncomeStatement = components['schemas']['IncomeStatementView'];
export type VatSummary = components['schemas']['VatSummaryView'];
export type StatementKind = 'balance-sheet' | 'income-statement' | 'vat-summary';
export const STATEMENT_KINDS: readonly StatementKind[] = ['balance-sheet', 'income-statement', 'vat-summary'];

/** The API path of a statement of a month, for reading it and for its CSV. */
export const statementPath = (kind: StatementKind, month: string) => `/api/v1/finance/statements/${month}/${kind}`;

// Every line of a statement fits one page of 200.
const WHOLE = { pageSize: 200 };

export function useBalanceSheet(month: string, enabled = true) {
  return useQuery({
    queryKey: ['finance-statements', 'balance-sheet', month], enabled,
    queryFn: () => answer(api.GET('/api/v1/finance/statements/{month}/balance-sheet', { params: { path: { month }, query: WHOLE } })),
  });
}

export function useIncomeStatement(month: string, enabled = true) {
  return useQuery({
    queryKey: ['finance-statements', 'income-statement', month], enabled,
    queryFn: () => answer(api.GET('/api/v1/finance/statements/{month}/income-statement', { params: { path: { month }, query: WHOLE } })),
  });
}

export function useVatSummary(month: string, enabled = true) {
  return useQuery({
    queryKey: ['finance-statements', 'vat-summary', month], enabled,
    queryFn: () => answer(api.GET('/api/v1/finance/statements/{month}/vat-summary', { params: { path: { month }, query: WHOLE } })),
  });
}

/** A line's words: the account's name in the reader's language (the API gives "English (中文)"). */
export const lineLabel = (label: string, locale: Locale) => accountName(label, locale);

/** The words for a VAT source type, or the code itself when there are none. */
export function sourceLabel(sourceType: string, t: (key: MessageKey) => string): string {
  const key = `statements.source.${sourceType}` as MessageKey;
  const words = t(key);
  return words === undefined || words === key ? sourceType : words;
}

/** The month the business calendar (Asia/Shanghai) stands in: statements go no further. */
export const currentMonth = (today: string) => today.slice(0, 7);

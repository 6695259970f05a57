import { useQuery } from '@tanstack/react-query';
import { Input, Select, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { components, paths } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { formatFen } from '../../lib/money';
import { OrderLink, shortId } from '../kit/links';
import { orderIdOf } from '../kit/orders';
import { label } from '../labels';

export type Receipt = components['schemas']['ReceiptView'];

/** The query parameters a GET route of the API takes, as its contract types them. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Q } } } ? NonNullable<Q> : never;

/** The screen's filters, without the empty ones (what DataList sends as `fixed`). */
export function present(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

/**
 * The words for a finance code. Finance's codes (`open`, `due`, `paid`, `invoice`…) mean other things on other
 * desks, so labels.ts keeps them under `finance:<kind>:<code>`; the payment methods are the shared words.
 */
export type CodeKind = 'receipt' | 'invoice' | 'series' | 'receivable' | 'stage' | 'refund' | 'source';
export function finLabel(kind: CodeKind, code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const words = label(`finance:${kind}:${code}`, locale);
  return words.startsWith('finance:') ? code : words;
}

const TAG_COLOR: Record<string, string> = {
  'receipt:counted': 'green', 'receipt:pending_verification': 'gold', 'receipt:awaiting_deposit_approval': 'orange',
  'invoice:issued': 'blue', 'invoice:voided': 'default',
  'receivable:open': 'gold', 'receivable:settled': 'green', 'receivable:voided': 'default',
  'stage:current': 'blue', 'stage:unpaid': 'orange', 'stage:dunning': 'volcano', 'stage:supply_stopped': 'red', 'stage:doubtful': 'magenta', 'stage:written_off': 'default',
  'receivable:written_off': 'default',
  'refund:due': 'orange', 'refund:paid': 'green',
};
export function CodeTag({ kind, code }: { kind: CodeKind; code: string | null | undefined }) {
  const { locale } = useI18n();
  if (!code) return <>—</>;
  return <Tag color={TAG_COLOR[`${kind}:${code}`]}>{finLabel(kind, code, locale)}</Tag>;
}

/** An id too long to show: its last characters (ids begin with their creation time, alike for a batch). */

/** Money in a table cell, right-aligned by the column. */
export const fen = (value: number | null | undefined) => formatFen(value);

/**
 * The journal's account names come as "Cash on hand (库存现金)": each language sees its own half.
 */
export function accountName(name: string, locale: Locale): string {
  const match = /^(.*\S)\s*\((.+)\)$/.exec(name);
  if (!match) return name;
  return locale === 'zh' ? match[2] : match[1];
}

export { Person } from '../kit/people';

/** One customer by id (sales' view: code, name, credit and hold), read once a minute at most. */
export function useCustomer(id: string | undefined) {
  const session = useSession();
  return useQuery({
    queryKey: ['finance-customer', id],
    enabled: !!id && session.may('GET /api/v1/sales/customers/{id}'),
    staleTime: 60_000,
    retry: false,
    queryFn: () => answer(api.GET('/api/v1/sales/customers/{id}', { params: { path: { id: id! } } })),
  });
}

/** A customer named by id: code and name when the role may read customers, else a short id. */
export function CustomerName({ id, withHold = false }: { id: string | null | undefined; withHold?: boolean }) {
  const { t } = useI18n();
  const customer = useCustomer(id ?? undefined);
  if (!id) return <>—</>;
  const c = customer.data;
  return (
    <Tooltip title={id}>
      <span>{c ? `${c.code} ${c.name}` : shortId(id)}</span>
      {withHold && c?.credit.onHold && <Tag color="red" style={{ marginLeft: 8 }}>{t('finance.onHold')}</Tag>}
    </Tooltip>
  );
}

/** An order named by id, linked to its page; its number is read when not given. */
export function OrderNumberLink({ id, number }: { id: string; number?: string }) {
  const session = useSession();
  const order = useQuery({
    queryKey: ['finance-order-number', id],
    enabled: !number && session.may('GET /api/v1/sales/orders/{id}'),
    staleTime: Infinity,
    retry: false,
    queryFn: () => answer(api.GET('/api/v1/sales/orders/{id}', { params: { path: { id } } })),
  });
  return <OrderLink id={id} number={number ?? order.data?.number} />;
}

/** A link to the journal entries posted for a receipt, invoice or refund (for those who may read the journal). */
export function JournalLink({ sourceId }: { sourceId: string }) {
  const { t } = useI18n();
  const session = useSession();
  if (!session.may('GET /api/v1/finance/journal')) return null;
  return <Link to={`/journal?sourceId=${sourceId}`}>{t('finance.journalLink')}</Link>;
}

/** What a screen keeps of its order filter: the text typed and the order it found. */
export interface OrderFilterState {
  text: string;
  /** The text last searched for, and what it found: the list stays on it while the next number is typed. */
  searched?: string;
  orderId?: string;
  missing?: boolean;
}

/**
 * The order filter: people know order numbers, the finance lists filter by order id, so the number is looked up
 * first. Controlled by the screen.
 */
export function OrderFilter({ state, onChange }: { state: OrderFilterState; onChange: (state: OrderFilterState) => void }) {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  const search = async (raw: string) => {
    if (!raw.trim()) return onChange({ text: '' });
    setBusy(true);
    try {
      const orderId = await orderIdOf(raw);
      onChange({ text: raw, searched: raw, orderId, missing: !orderId });
    } catch {
      onChange({ text: raw, searched: raw, missing: true });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Tooltip open={!!state.missing && state.text === state.searched} title={t('finance.orderNotFound')}>
      <Input.Search
        allowClear
        aria-label={t('finance.filterOrder')}
        placeholder={t('finance.filterOrder')}
        style={{ width: 230 }}
        status={state.missing && state.text === state.searched ? 'error' : undefined}
        loading={busy}
        value={state.text}
        onChange={(e) => (e.target.value ? onChange({ ...state, text: e.target.value }) : void search(''))}
        onSearch={search}
      />
    </Tooltip>
  );
}

/**
 * Choosing a customer: a search over sales' customers by code or name when the role may list them, otherwise
 * the customer id typed in.
 */
export function CustomerSelect({ value, onChange, label: ariaLabel, width = 280, id }: { value?: string; onChange: (customerId: string | undefined) => void; label: string; width?: number; id?: string }) {
  const session = useSession();
  const [search, setSearch] = useState('');
  const mayList = session.may('GET /api/v1/sales/customers');
  const customers = useQuery({
    queryKey: ['finance-customer-search', search],
    enabled: mayList,
    staleTime: 30_000,
    queryFn: () => answer(api.GET('/api/v1/sales/customers', { params: { query: { search: search || undefined, pageSize: 20 } } })),
  });
  const chosen = useCustomer(value);
  if (!mayList) {
    return <Input id={id} allowClear aria-label={ariaLabel} placeholder={ariaLabel} style={{ width }} value={value} onChange={(e) => onChange(e.target.value.trim() || undefined)} />;
  }
  const options = (customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }));
  if (value && chosen.data && !options.some((o) => o.value === value)) options.unshift({ value, label: `${chosen.data.code} ${chosen.data.name}` });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      aria-label={ariaLabel}
      placeholder={ariaLabel}
      style={{ width }}
      value={value}
      loading={customers.isFetching}
      onChange={(v) => { onChange(v ?? undefined); setSearch(''); }}
      options={options}
    />
  );
}

/** A select filter over codes, labelled for screen readers and shown with its placeholder. */
export function CodeFilter({ label: text, value, onChange, options, width = 180 }: {
  label: string; value?: string; onChange: (value: string | undefined) => void; options: Array<{ value: string; label: string }>; width?: number;
}) {
  return <Select allowClear aria-label={text} placeholder={text} style={{ width }} value={value} onChange={(v) => onChange(v ?? undefined)} options={options} />;
}

/** A receipt's method details in a line: bank and value date, cards, counterfeit check, payer's ID. */
export function ReceiptDetails({ receipt }: { receipt: Receipt }) {
  const { t } = useI18n();
  const d = receipt.details as { counterfeitChecked?: boolean; cards?: Array<{ last4: string; holderName?: string; amountFen?: number }>; remittingBank?: string; transferDate?: string; payerIdLast4?: string };
  const parts: string[] = [];
  if (d.remittingBank) parts.push(`${d.remittingBank}${d.transferDate ? ` · ${d.transferDate}` : ''}`);
  for (const card of d.cards ?? []) parts.push(`****${card.last4}${card.holderName ? ` ${card.holderName}` : ''}${card.amountFen !== undefined ? ` ${formatFen(card.amountFen)}` : ''}`);
  if (d.counterfeitChecked) parts.push(t('finance.counterfeitChecked'));
  if (d.payerIdLast4) parts.push(`${t('finance.payerId')} ****${d.payerIdLast4}`);
  return <>{parts.length ? parts.join('; ') : '—'}</>;
}

/** The order filter's query parameter: an order number that names no order lists nothing (the nil id). */
export function orderParam(state: OrderFilterState): string | undefined {
  return state.missing ? '00000000-0000-0000-0000-000000000000' : state.orderId;
}

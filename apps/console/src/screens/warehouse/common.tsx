import { Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ApiProblem } from '../../lib/problem';
import { OrderLink, shortId } from '../kit/links';
import { orderIdOf, isId } from '../kit/orders';

type ShipTo = components['schemas']['ShipToRequest'];

/** What a warehouse list shows of the order a document belongs to (the inventory views carry only its id). */
export interface OrderSummary {
  number: string;
  customerName: string;
  shipTo?: ShipTo;
}

// An order's number, customer and consignee do not change: each order is read once per page load.
const orderSummaries = new Map<string, Promise<OrderSummary | null>>();

function orderSummary(id: string): Promise<OrderSummary | null> {
  let known = orderSummaries.get(id);
  if (!known) {
    known = answer(api.GET('/api/v1/sales/orders/{id}', { params: { path: { id } } }))
      .then((o): OrderSummary => ({ number: o.number, customerName: o.customerName, shipTo: o.shipTo }))
      .catch(() => {
        orderSummaries.delete(id); // read again next time: it may have been a passing failure
        return null;
      });
    orderSummaries.set(id, known);
  }
  return known;
}

/** The rows with their order's number and customer, for people who may read orders; the rows as they are for others. */
export async function withOrders<Row extends { orderId: string }>(rows: Row[], mayReadOrders: boolean): Promise<Array<Row & { order?: OrderSummary }>> {
  if (!mayReadOrders) return rows;
  const summaries = await Promise.all(rows.map((row) => orderSummary(row.orderId)));
  return rows.map((row, i) => ({ ...row, order: summaries[i] ?? undefined }));
}

/** The order a document belongs to: its number (a link to the order page) and customer, or its id for those who may not open orders. */
export function OrderRef({ id, order }: { id: string; order?: OrderSummary }) {
  const session = useSession();
  if (!session.may('GET /api/v1/sales/orders/{id}')) return <Typography.Text title={id}>{shortId(id)}</Typography.Text>;
  return (
    <Space orientation="vertical" size={0}>
      <OrderLink id={id} number={order?.number ?? shortId(id)} />
      {order && <Typography.Text type="secondary">{order.customerName}</Typography.Text>}
    </Space>
  );
}

/** A person the API names by user id: "you" for the signed-in person (who, say, may not audit their own receipt). */
export function Actor({ id }: { id: string | null | undefined }) {
  const { t } = useI18n();
  const session = useSession();
  if (!id) return <>—</>;
  if (id === session.userId) return <Typography.Text strong title={id}>{t('warehouse.you')}</Typography.Text>;
  return <Typography.Text title={id}>{shortId(id)}</Typography.Text>;
}


/** The filters of a list held by the screen, sent as DataList's `fixed` query (DataList starts again on page 1 when they change). */
export function useListFilters(initial: Record<string, string> = {}) {
  const [values, setValues] = useState<Record<string, string | undefined>>(initial);
  const fixed = Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => !!e[1]));
  return {
    values,
    fixed,
    set: (name: string, value: string | undefined) => setValues((v) => ({ ...v, [name]: value?.trim() || undefined })),
  };
}
export type ListFilters = ReturnType<typeof useListFilters>;

export function SelectFilter({ filters, name, label, options }: { filters: ListFilters; name: string; label: MessageKey; options: Array<{ value: string; label: string }> }) {
  const { t } = useI18n();
  return (
    <Select
      allowClear
      aria-label={t(label)}
      placeholder={t(label)}
      style={{ minWidth: 180 }}
      value={filters.values[name]}
      onChange={(value?: string) => filters.set(name, value)}
      options={options}
    />
  );
}

export function TextFilter({ filters, name, label }: { filters: ListFilters; name: string; label: MessageKey }) {
  const { t } = useI18n();
  return (
    <Input.Search
      allowClear
      aria-label={t(label)}
      placeholder={t(label)}
      style={{ width: 200 }}
      defaultValue={filters.values[name]}
      onSearch={(value) => filters.set(name, value)}
    />
  );
}

/**
 * The order filter: people type an order number (SO-2026-000123); the inventory lists filter by order id, so
 * the number is looked up in sales first. An id pasted as it is works too (for those who may not read orders).
 */
export function useOrderFilter(filters: ListFilters) {
  const { t } = useI18n();
  const session = useSession();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string>();
  const [busy, setBusy] = useState(false);
  const search = async (typed: string) => {
    const wanted = typed.trim();
    setProblem(undefined);
    if (!wanted || isId(wanted)) return filters.set('orderId', wanted || undefined);
    if (!session.may('GET /api/v1/sales/orders')) {
      setProblem(t('warehouse.orderIdOnly'));
      return;
    }
    setBusy(true);
    try {
      const orderId = await orderIdOf(wanted);
      if (orderId) filters.set('orderId', orderId);
      else setProblem(`${t('warehouse.noSuchOrder')}: ${wanted}`);
    } catch (error) {
      setProblem(error instanceof ApiProblem ? error.message : String(error));
    } finally {
      setBusy(false);
    }
  };
  return { text, setText, problem, busy, search };
}

export function OrderFilter({ filter }: { filter: ReturnType<typeof useOrderFilter> }) {
  const { t } = useI18n();
  const session = useSession();
  const label = t(session.may('GET /api/v1/sales/orders') ? 'warehouse.filterOrder' : 'warehouse.filterOrderId');
  return (
    <Space>
      <Input.Search
        allowClear
        aria-label={label}
        placeholder={label}
        style={{ width: 220 }}
        status={filter.problem ? 'error' : undefined}
        loading={filter.busy}
        value={filter.text}
        onChange={(e) => filter.setText(e.target.value)}
        onSearch={(value) => void filter.search(value)}
      />
      {filter.problem && <Typography.Text type="danger" role="status">{filter.problem}</Typography.Text>}
    </Space>
  );
}

/** A SKU code with its name below it when known. */
export function SkuCell({ code, name }: { code: string; name?: string }) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{code}</span>
      {name && <Typography.Text type="secondary">{name}</Typography.Text>}
    </Space>
  );
}

/** The options of a code filter in the person's language. */
export function codeOptions(codes: readonly string[], word: (code: string) => string) {
  return codes.map((value) => ({ value, label: word(value) }));
}

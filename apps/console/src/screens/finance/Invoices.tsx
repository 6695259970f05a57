import { Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { ApiProblem } from '../../lib/problem';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { PrintLink } from '../kit/links';
import {
  CodeFilter, CodeTag, CustomerSelect, JournalLink, OrderFilter, OrderNumberLink, Person, fen, finLabel, orderParam, present,
  type OrderFilterState, type QueryOf,
} from './shared';
import { orderIdOf } from '../kit/orders';

type Invoice = components['schemas']['InvoiceView'];
type Series = 'INV' | 'SVAT';
export interface IssueInvoiceValues { order: string; series: Series; customerName?: string }

/**
 * Invoicing what is left of an order by hand: a prepaid order paid in full before it ships, or one whose invoice
 * was voided (shipments invoice themselves). The order is named by its number.
 */
export function IssueInvoiceDialog() {
  const { t, locale } = useI18n();
  const submit = async ({ order, series, customerName }: IssueInvoiceValues) => {
    const orderId = await orderIdOf(order);
    if (!orderId) {
      throw new ApiProblem({ type: 'about:blank', title: t('finance.orderNotFound'), status: 404, errors: [{ field: 'order', message: t('finance.orderNotFound') }] });
    }
    return answer(api.POST('/api/v1/finance/orders/{orderId}/invoice', {
      params: { path: { orderId } },
      headers: { 'Idempotency-Key': crypto.randomUUID() },
      body: { series, customerName: customerName?.trim() || undefined },
    }));
  };
  return (
    <FormDialog<IssueInvoiceValues> trigger={t('finance.issueInvoice')} title={t('finance.issueInvoice')} submit={submit} initialValues={{ series: 'INV' }} testId="issue-invoice">
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('finance.issueInvoiceHelp')}</Typography.Paragraph>
          <Form.Item name="order" label={t('finance.orderNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input placeholder="SO-2026-000123" maxLength={64} />
          </Form.Item>
          <Form.Item name="series" label={t('finance.series')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={(['INV', 'SVAT'] as const).map((s) => ({ value: s, label: finLabel('series', s, locale) }))} />
          </Form.Item>
          <Form.Item name="customerName" label={t('finance.invoiceCustomerName')} extra={t('finance.invoiceCustomerNameHelp')}>
            <Input maxLength={200} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** Invoices, newest first: each prints; a finance manager voids one with a reason. */
export function Invoices() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<string>();
  const [series, setSeries] = useState<string>();
  const [customerId, setCustomerId] = useState<string>();
  const [order, setOrder] = useState<OrderFilterState>({ text: '' });
  const fixed = present({ status, series, customerId, orderId: orderParam(order) });
  const mayVoid = session.may('POST /api/v1/finance/invoices/{invoiceId}/void');
  return (
    <DataList<Invoice>
      title="nav.invoices"
      queryKey="finance-invoices"
      csvPath="/api/v1/finance/invoices"
      fixed={fixed}
      toolbar={(
        <>
          <CodeFilter label={t('finance.filterStatus')} value={status} onChange={setStatus} options={['issued', 'voided'].map((s) => ({ value: s, label: finLabel('invoice', s, locale) }))} />
          <CodeFilter label={t('finance.filterSeries')} value={series} onChange={setSeries} options={['INV', 'SVAT'].map((s) => ({ value: s, label: finLabel('series', s, locale) }))} />
          <OrderFilter state={order} onChange={setOrder} />
          <CustomerSelect label={t('finance.filterCustomer')} value={customerId} onChange={setCustomerId} />
          {session.may('POST /api/v1/finance/orders/{orderId}/invoice') && <IssueInvoiceDialog />}
        </>
      )}
      read={(query) => answer(api.GET('/api/v1/finance/invoices', { params: { query: query as QueryOf<'/api/v1/finance/invoices'> } }))}
      columns={[
        { title: t('finance.invoiceNumber'), dataIndex: 'number', render: (n: string, i) => <PrintLink document={{ kind: 'invoice', id: i.id }}>{n}</PrintLink> },
        { title: t('finance.series'), dataIndex: 'series', render: (s: string) => finLabel('series', s, locale) },
        { title: t('finance.order'), dataIndex: 'orderId', render: (id: string) => <OrderNumberLink id={id} /> },
        { title: t('orders.customer'), dataIndex: 'customerName' },
        { title: t('finance.amount'), dataIndex: 'amountFen', align: 'right', render: fen },
        { title: t('finance.basis'), dataIndex: 'shipmentId', render: (id: string | null) => (id ? t('finance.basisShipment') : t('finance.basisByHand')) },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <CodeTag kind="invoice" code={s} /> },
        { title: t('finance.issuedAt'), dataIndex: 'issuedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('finance.issuedBy'), dataIndex: 'issuedBy', render: (id: string | null) => <Person id={id} /> },
        {
          title: t('finance.void'), key: 'void', render: (_: unknown, i) => (i.status === 'voided' ? (
            <Space orientation="vertical" size={0}>
              <span>{i.voidReason}</span>
              <Typography.Text type="secondary"><Person id={i.voidedBy} /> · {formatDateTime(i.voidedAt, locale)}</Typography.Text>
            </Space>
          ) : '—'),
        },
        {
          title: t('common.actions'), key: 'actions', fixed: 'right', render: (_: unknown, i) => (
            <Space wrap>
              <PrintLink document={{ kind: 'invoice', id: i.id }}>{t('common.print')}</PrintLink>
              <JournalLink sourceId={i.id} />
              {i.status === 'issued' && mayVoid && (
                <ActionButton danger reason={t('finance.voidReason')} run={(reason) => answer(api.POST('/api/v1/finance/invoices/{invoiceId}/void', { params: { path: { invoiceId: i.id } }, body: { reason } }))} testId={`void-${i.number}`}>
                  {t('finance.voidInvoice')}
                </ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

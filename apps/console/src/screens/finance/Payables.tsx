import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Tabs, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, yuanToFen } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { fen, JournalLink, type QueryOf } from './shared';

type Payable = components['schemas']['PayableView'];
type Supplier = components['schemas']['SupplierAccountView'];
type SummaryLine = components['schemas']['WeeklySummaryLineView'];
type PoPrepayment = components['schemas']['PoPrepaymentView'];

const money = (dataIndex: string, title: string) => ({ title, dataIndex, align: 'right' as const, render: (v: number) => fen(v) });

/**
 * What is owed to suppliers (raised by purchasing's audited receipts, lowered by payments and returns), each
 * supplier's balance and prepayment held, the orders awaiting a prepayment, and the weekly summary.
 */
export function Payables() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'payables', label: t('payables.tab.payables'), children: <PayableList /> },
        { key: 'suppliers', label: t('payables.tab.suppliers'), children: <SupplierBalances /> },
        { key: 'prepayments', label: t('payables.tab.prepayments'), children: <PrepaymentsAwaited /> },
        { key: 'weekly', label: t('payables.tab.weekly'), children: <WeeklySummary /> },
      ]}
    />
  );
}

function PayableList() {
  const { t } = useI18n();
  const session = useSession();
  const yesNo = [{ value: 'true', label: t('payables.yes') }, { value: 'false', label: t('payables.no') }];
  return (
    <DataList<Payable>
      title="nav.payables"
      queryKey="finance-payables"
      csvPath="/api/v1/finance/payables"
      read={(query) => answer(api.GET('/api/v1/finance/payables', { params: { query: query as QueryOf<'/api/v1/finance/payables'> } }))}
      filters={[
        { name: 'status', label: 'orders.status', kind: 'select', options: (['open', 'settled'] as const).map((s) => ({ value: s, label: t(`payables.status.${s}`) })) },
        { name: 'overdue', label: 'payables.overdue', kind: 'select', options: yesNo },
        { name: 'missingInvoice', label: 'payables.missingInvoice', kind: 'select', options: yesNo },
      ]}
      toolbar={session.may('POST /api/v1/finance/supplier-invoices') && <RecordInvoiceDialog />}
      columns={[
        { title: t('payables.supplier'), dataIndex: 'supplierName', render: (name: string, p: Payable) => name || p.supplierId.slice(0, 8) },
        { title: t('payables.receipt'), dataIndex: 'receiptNumber', render: (n: string, p: Payable) => <>{n} · <JournalLink sourceId={p.id} /></> },
        { title: t('payables.purchaseOrder'), dataIndex: 'purchaseOrderNumber', render: (n: string | null) => n ?? '—' },
        money('amountFen', t('payables.amount')),
        money('settledFen', t('payables.settled')),
        money('remainingFen', t('payables.remaining')),
        {
          title: t('payables.dueDate'), dataIndex: 'dueDate',
          render: (d: string, p: Payable) => (
            <>
              {p.overdue ? <Typography.Text type="danger">{d}</Typography.Text> : d}
              {p.termsProvisional && <Tooltip title={t('payables.termsProvisional')}> <Tag color="gold">?</Tag></Tooltip>}
            </>
          ),
        },
        { title: t('orders.status'), dataIndex: 'status', render: (s: 'open' | 'settled') => <Tag color={s === 'settled' ? 'green' : 'blue'}>{t(`payables.status.${s}`)}</Tag> },
        { title: t('payables.invoice'), dataIndex: 'supplierInvoiceNumber', render: (n: string | null) => n ?? <Tag color="red">{t('payables.missingInvoice')}</Tag> },
      ]}
    />
  );
}

function SupplierBalances() {
  const { t } = useI18n();
  return (
    <DataList<Supplier>
      title="payables.tab.suppliers"
      queryKey="finance-suppliers"
      csvPath="/api/v1/finance/suppliers"
      read={(query) => answer(api.GET('/api/v1/finance/suppliers', { params: { query: query as QueryOf<'/api/v1/finance/suppliers'> } }))}
      initial={{ withBalance: 'true' }}
      filters={[{ name: 'withBalance', label: 'payables.owed', kind: 'select', options: [{ value: 'true', label: t('payables.yes') }, { value: 'false', label: t('payables.no') }] }]}
      columns={[
        { title: t('payables.supplier'), dataIndex: 'name', render: (name: string, s: Supplier) => <><strong>{s.code}</strong> {name}</> },
        { title: t('payables.terms'), dataIndex: 'paymentTermsDays', align: 'right' },
        money('owedFen', t('payables.owed')),
        { ...money('overdueFen', t('payables.overdueAmount')), render: (v: number) => (v ? <Typography.Text type="danger">{fen(v)}</Typography.Text> : '—') },
        money('prepaymentFen', t('payables.prepayment')),
        { title: t('payables.openCount'), dataIndex: 'openPayables', align: 'right' },
        { title: t('payables.missingCount'), dataIndex: 'missingInvoices', align: 'right' },
        { title: t('payables.bankAccount'), dataIndex: 'bankAccount', render: (a: string | null, s: Supplier) => (a ? `${s.bankName ?? ''} ${a}` : '—') },
      ]}
    />
  );
}

function PrepaymentsAwaited() {
  const { t, locale } = useI18n();
  return (
    <DataList<PoPrepayment>
      title="payables.tab.prepayments"
      queryKey="finance-po-prepayments"
      rowKey="purchaseOrderId"
      read={(query) => answer(api.GET('/api/v1/finance/purchase-prepayments', { params: { query: query as QueryOf<'/api/v1/finance/purchase-prepayments'> } }))}
      initial={{ status: 'awaiting' }}
      filters={[{ name: 'status', label: 'orders.status', kind: 'select', options: (['awaiting', 'paid'] as const).map((s) => ({ value: s, label: t(`payables.prepayment.${s}`) })) }]}
      columns={[
        { title: t('payables.purchaseOrder'), dataIndex: 'purchaseOrderNumber' },
        { title: t('payables.supplier'), dataIndex: 'supplierName' },
        money('orderAmountFen', t('payables.amount')),
        money('requiredFen', t('payables.required')),
        money('paidFen', t('payables.paid')),
        { title: t('orders.status'), dataIndex: 'status', render: (s: 'awaiting' | 'paid') => <Tag color={s === 'paid' ? 'green' : 'gold'}>{t(`payables.prepayment.${s}`)}</Tag> },
        { title: t('payables.date'), dataIndex: 'approvedAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

function WeeklySummary() {
  const { t } = useI18n();
  return (
    <DataList<SummaryLine>
      title="payables.tab.weekly"
      queryKey="finance-payables-weekly"
      csvPath="/api/v1/finance/payables/weekly-summary"
      rowKey={(l) => `${l.section}-${l.supplierId}-${l.documentNumber ?? ''}`}
      read={(query) => answer(api.GET('/api/v1/finance/payables/weekly-summary', { params: { query: query as QueryOf<'/api/v1/finance/payables/weekly-summary'> } }))}
      initial={{ weekOf: businessDate() }}
      filters={[{ name: 'weekOf', label: 'payables.weekOf', kind: 'date' }]}
      pageSize={100}
      columns={[
        { title: t('payables.section'), dataIndex: 'section', render: (s: 'paid' | 'owed' | 'missing_invoice') => <Tag color={s === 'paid' ? 'green' : s === 'owed' ? 'blue' : 'red'}>{t(`payables.section.${s}`)}</Tag> },
        { title: t('payables.week'), key: 'week', render: (_: unknown, l: SummaryLine) => `${l.weekFrom} ~ ${l.weekTo}` },
        { title: t('payables.supplier'), dataIndex: 'supplierName', render: (name: string, l: SummaryLine) => <><strong>{l.supplierCode}</strong> {name}</> },
        { title: t('payables.document'), dataIndex: 'documentNumber', render: (n: string | null) => n ?? '—' },
        { title: t('payables.date'), dataIndex: 'date', render: (d: string | null) => d ?? '—' },
        money('amountFen', t('payables.amount')),
        { ...money('overdueFen', t('payables.overdueAmount')), render: (v: number) => (v ? <Typography.Text type="danger">{fen(v)}</Typography.Text> : '—') },
      ]}
    />
  );
}

interface InvoiceForm { supplierId: string; invoiceNumber: string; invoiceDate: string; amount: string; payableIds: string[] }

/** The accountant records a supplier's VAT invoice against that supplier's payables still missing one. */
export function RecordInvoiceDialog() {
  const { t } = useI18n();
  const [supplierId, setSupplierId] = useState<string>();
  const suppliers = useQuery({ queryKey: ['finance-suppliers-pick'], queryFn: () => answer(api.GET('/api/v1/finance/suppliers', { params: { query: { pageSize: 200 } } })) });
  const missing = useQuery({
    queryKey: ['finance-payables-missing', supplierId],
    enabled: !!supplierId,
    queryFn: () => answer(api.GET('/api/v1/finance/payables', { params: { query: { supplierId, missingInvoice: 'true', pageSize: 200 } } })),
  });
  const amount = { validator: (_: unknown, v: string) => ((yuanToFen(v ?? '') ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('newOrder.notAnAmount')))) };
  return (
    <FormDialog<InvoiceForm>
      trigger={t('payables.recordInvoice')}
      title={t('payables.recordInvoice')}
      testId="record-supplier-invoice"
      initialValues={{ invoiceDate: businessDate(), payableIds: [] }}
      rename={{ amountFen: 'amount' }}
      submit={(v) => answer(api.POST('/api/v1/finance/supplier-invoices', {
        body: { supplierId: v.supplierId, invoiceNumber: v.invoiceNumber.trim(), invoiceDate: v.invoiceDate, amountFen: yuanToFen(v.amount)!, payableIds: v.payableIds },
      }))}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('payables.invoiceHint')}</Typography.Paragraph>
          <Form.Item name="supplierId" label={t('payables.supplier')} rules={[{ required: true, message: t('common.required') }]}>
            <Select
              showSearch optionFilterProp="label"
              options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
              onChange={(id: string) => { setSupplierId(id); form.setFieldValue('payableIds', []); }}
            />
          </Form.Item>
          <Form.Item name="payableIds" label={t('payables.payables')} rules={[{ required: true, message: t('common.required') }]}>
            <Select mode="multiple" options={(missing.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.receiptNumber} · ${fen(p.amountFen)}` }))} />
          </Form.Item>
          <Form.Item name="invoiceNumber" label={t('payables.invoiceNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={50} /></Form.Item>
          <Form.Item name="invoiceDate" label={t('payables.invoiceDate')} rules={[{ required: true, message: t('common.required') }]}><Input type="date" /></Form.Item>
          <Form.Item name="amount" label={t('payables.invoiceAmount')} rules={[amount]}><Input /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

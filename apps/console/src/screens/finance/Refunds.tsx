import { Form, Input, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import {
  CodeFilter, CodeTag, CustomerName, CustomerSelect, JournalLink, OrderFilter, OrderNumberLink, Person, fen, finLabel, orderParam, present,
  type OrderFilterState, type QueryOf,
} from './shared';

type Refund = components['schemas']['RefundView'];
type Method = 'cash' | 'pos' | 'transfer';
export interface PayRefundValues { method: Method; payeeName?: string; payeeBank?: string; payeeAccountNumber?: string }

/**
 * Paying a refund back: the way its money came in (a refund from the customer's prepayment may go any way); a
 * transfer names the payee's account as on the slip. The API's field errors land on these same fields.
 */
export function PayRefundDialog({ refund }: { refund: Pick<Refund, 'id' | 'number' | 'amountFen' | 'method'> }) {
  const { t, locale } = useI18n();
  const methods: Method[] = refund.method ? [refund.method] : ['cash', 'pos', 'transfer'];
  const submit = ({ method, payeeName, payeeBank, payeeAccountNumber }: PayRefundValues) => {
    const trimmed = (v?: string) => v?.trim() || undefined;
    return answer(api.POST('/api/v1/finance/refunds/{refundId}/pay', {
      params: { path: { refundId: refund.id } },
      body: method === 'transfer'
        ? { method, payeeName: trimmed(payeeName), payeeBank: trimmed(payeeBank), payeeAccountNumber: trimmed(payeeAccountNumber) }
        : { method, payeeName: trimmed(payeeName) },
    }));
  };
  return (
    <FormDialog<PayRefundValues>
      trigger={t('finance.payRefund')}
      title={`${t('finance.payRefund')} ${refund.number} · ${formatFen(refund.amountFen)}`}
      submit={submit}
      initialValues={{ method: methods[0] }}
      testId={`pay-${refund.number}`}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{refund.method ? t('finance.refundSameWay') : t('finance.refundAnyWay')}</Typography.Paragraph>
          <Form.Item name="method" label={t('finance.refundMethod')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={methods.map((m) => ({ value: m, label: label(m, locale) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.method !== b.method}>
            {({ getFieldValue }) => {
              const transfer = getFieldValue('method') === 'transfer';
              return (
                <>
                  <Form.Item name="payeeName" label={t(transfer ? 'finance.payeeAccountName' : 'finance.payeeName')} rules={transfer ? [{ required: true, whitespace: true, message: t('common.required') }] : []}>
                    <Input maxLength={200} />
                  </Form.Item>
                  {transfer && (
                    <>
                      <Form.Item name="payeeBank" label={t('finance.payeeBank')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                        <Input maxLength={200} />
                      </Form.Item>
                      <Form.Item name="payeeAccountNumber" label={t('finance.payeeAccountNumber')} rules={[{ required: true, whitespace: true, message: t('common.required') }, { pattern: /^[\d ]+$/, message: t('finance.accountDigits') }]}>
                        <Input maxLength={64} inputMode="numeric" />
                      </Form.Item>
                    </>
                  )}
                </>
              );
            }}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** Refunds of cancelled orders: due ones first to pay, paid ones with who paid them and how. */
export function Refunds() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<string | undefined>('due');
  const [customerId, setCustomerId] = useState<string>();
  const [order, setOrder] = useState<OrderFilterState>({ text: '' });
  const fixed = present({ status, customerId, orderId: orderParam(order) });
  const mayPay = session.may('POST /api/v1/finance/refunds/{refundId}/pay');
  const mayJournal = session.may('GET /api/v1/finance/journal');
  return (
    <DataList<Refund>
      title="nav.refunds"
      queryKey="finance-refunds"
      csvPath="/api/v1/finance/refunds"
      fixed={fixed}
      toolbar={(
        <>
          <CodeFilter label={t('finance.filterStatus')} value={status} onChange={setStatus} options={['due', 'paid'].map((s) => ({ value: s, label: finLabel('refund', s, locale) }))} />
          <OrderFilter state={order} onChange={setOrder} />
          <CustomerSelect label={t('finance.filterCustomer')} value={customerId} onChange={setCustomerId} />
        </>
      )}
      read={(query) => answer(api.GET('/api/v1/finance/refunds', { params: { query: query as QueryOf<'/api/v1/finance/refunds'> } }))}
      columns={[
        { title: t('finance.refundNumber'), dataIndex: 'number' },
        { title: t('finance.order'), dataIndex: 'orderId', render: (id: string, r) => <OrderNumberLink id={id} number={r.orderNumber} /> },
        { title: t('orders.customer'), dataIndex: 'customerId', render: (id: string) => <CustomerName id={id} /> },
        { title: t('finance.amount'), dataIndex: 'amountFen', align: 'right', render: fen },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <CodeTag kind="refund" code={s} /> },
        { title: t('finance.refundWay'), dataIndex: 'method', render: (m: string | null) => (m ? label(m, locale) : t('finance.fromPrepayment')) },
        {
          title: t('finance.paid'), key: 'paid', render: (_: unknown, r) => (r.status === 'paid' ? (
            <Space orientation="vertical" size={0}>
              <span>{label(r.paidMethod, locale)} · {formatDateTime(r.paidAt, locale)}</span>
              <span>{t('finance.paidBy')}: <Person id={r.paidBy} /></span>
              {r.payee && (r.payee.payeeName || r.payee.payeeBank) && <span>{[r.payee.payeeName, r.payee.payeeBank, r.payee.payeeAccountNumber].filter(Boolean).join(' · ')}</span>}
            </Space>
          ) : '—'),
        },
        { title: t('finance.sources'), dataIndex: 'sources', render: (sources: Refund['sources']) => (sources.length ? sources.map((s) => `${s.receiptNumber} ${formatFen(s.amountFen)}`).join('; ') : '—') },
        { title: t('finance.cancelReason'), dataIndex: 'reason' },
        { title: t('finance.dueSince'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('finance.cancelledBy'), dataIndex: 'createdBy', render: (id: string) => <Person id={id} /> },
        ...(mayPay || mayJournal ? [{
          title: t('common.actions'), key: 'actions', fixed: 'right' as const, render: (_: unknown, r: Refund) => (
            <Space wrap>
              {r.status === 'due' && mayPay && <PayRefundDialog refund={r} />}
              {r.status === 'paid' && <JournalLink sourceId={r.id} />}
            </Space>
          ),
        }] : []),
      ]}
    />
  );
}

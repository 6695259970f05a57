import { useQuery } from '@tanstack/react-query';
import { Form, Input, Radio, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';
import { fen, JournalLink, type QueryOf } from './shared';

type PaymentRequest = components['schemas']['PaymentRequestView'];
type Status = 'submitted' | 'manager_approved' | 'approved' | 'paid' | 'rejected';

const STATUS_COLOURS: Record<Status, string> = { submitted: 'gold', manager_approved: 'orange', approved: 'blue', paid: 'green', rejected: 'red' };

/**
 * Supplier payment requests: a purchaser asks, a purchasing manager and then a general manager approve (never the
 * person who asked, never one person twice), finance pays. Each level sees its queue by status.
 */
export function PaymentRequests() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayApprove = session.may('POST /api/v1/finance/payment-requests/{requestId}/approve');
  const mayPay = session.may('POST /api/v1/finance/payment-requests/{requestId}/pay');
  const level: Record<string, boolean> = {
    submitted: session.roles.some((r) => r === 'purchasing_manager' || r === 'general_manager'),
    manager_approved: session.roles.includes('general_manager'),
  };
  const mine = (r: PaymentRequest) => r.createdBy === session.userId;
  return (
    <DataList<PaymentRequest>
      title="nav.paymentRequests"
      queryKey="finance-payment-requests"
      csvPath="/api/v1/finance/payment-requests"
      read={(query) => answer(api.GET('/api/v1/finance/payment-requests', { params: { query: query as QueryOf<'/api/v1/finance/payment-requests'> } }))}
      filters={[
        { name: 'status', label: 'orders.status', kind: 'select', options: (['submitted', 'manager_approved', 'approved', 'paid', 'rejected'] as const).map((s) => ({ value: s, label: t(`requests.status.${s}`) })) },
      ]}
      toolbar={session.may('POST /api/v1/finance/payment-requests') && <NewPaymentRequestDialog />}
      columns={[
        { title: t('requests.number'), dataIndex: 'number' },
        { title: t('payables.supplier'), dataIndex: 'supplierName' },
        { title: t('requests.kind'), dataIndex: 'kind', render: (k: 'payables' | 'prepayment', r: PaymentRequest) => `${t(`requests.kind.${k}`)}${r.purchaseOrderNumber ? ` ${r.purchaseOrderNumber}` : ''}` },
        { title: t('requests.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => fen(v) },
        { title: t('requests.reason'), dataIndex: 'reason' },
        { title: t('requests.createdBy'), key: 'created', render: (_: unknown, r: PaymentRequest) => <><Person id={r.createdBy} /> {formatDateTime(r.createdAt, locale)}</> },
        {
          title: t('orders.status'), dataIndex: 'status',
          render: (s: Status, r: PaymentRequest) => (
            <Space orientation="vertical" size={0}>
              <Tag color={STATUS_COLOURS[s]}>{t(`requests.status.${s}`)}</Tag>
              {r.rejectionReason && <Typography.Text type="danger">{r.rejectionReason}</Typography.Text>}
              {s === 'paid' && (
                <Typography.Text type="secondary">
                  {t('requests.outcomeText').replace('{used}', fen(r.prepaymentUsedFen)).replace('{payables}', fen(r.toPayablesFen)).replace('{prepayment}', fen(r.toPrepaymentFen))} · <JournalLink sourceId={r.id} />
                </Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, r: PaymentRequest) => (
            <Space>
              {mayApprove && level[r.status] && !mine(r) && r.managerApprovedBy !== session.userId && (
                <>
                  <ActionButton primary confirm={t('requests.approveAsk')} testId={`approve-${r.number}`}
                    run={() => answer(api.POST('/api/v1/finance/payment-requests/{requestId}/approve', { params: { path: { requestId: r.id } } }))}>
                    {t('requests.approve')}
                  </ActionButton>
                  <ActionButton danger reason={t('requests.rejectReason')} testId={`reject-${r.number}`}
                    run={(reason) => answer(api.POST('/api/v1/finance/payment-requests/{requestId}/reject', { params: { path: { requestId: r.id } }, body: { reason } }))}>
                    {t('requests.reject')}
                  </ActionButton>
                </>
              )}
              {mayPay && r.status === 'approved' && <PayDialog request={r} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

interface PayForm { method: 'transfer' | 'cash'; bankReference: string }

/** Finance pays an approved request: by transfer with the bank's reference, or in cash. */
export function PayDialog({ request }: { request: PaymentRequest }) {
  const { t } = useI18n();
  return (
    <FormDialog<PayForm>
      trigger={t('requests.pay')}
      title={`${t('requests.pay')} ${request.number} · ${request.supplierName} · ${fen(request.amountFen)}`}
      size="small"
      testId={`pay-${request.number}`}
      initialValues={{ method: 'transfer', bankReference: '' }}
      submit={(v) => answer(api.POST('/api/v1/finance/payment-requests/{requestId}/pay', {
        params: { path: { requestId: request.id } },
        body: { method: v.method, ...(v.method === 'transfer' ? { bankReference: v.bankReference.trim() } : {}) },
      }))}
    >
      {(form) => (
        <>
          <Form.Item name="method" label={t('requests.method')}>
            <Radio.Group options={(['transfer', 'cash'] as const).map((m) => ({ value: m, label: t(`requests.method.${m}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.method !== b.method}>
            {() => form.getFieldValue('method') === 'transfer' && (
              <Form.Item name="bankReference" label={t('requests.bankReference')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
            )}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

interface NewForm { supplierId: string; kind: 'payables' | 'prepayment'; payableIds: string[]; purchaseOrderId: string; amount: string; reason: string }

/** A purchaser asks to pay a supplier: open payables of it, or an order's prepayment. */
function NewPaymentRequestDialog() {
  const { t } = useI18n();
  const [supplierId, setSupplierId] = useState<string>();
  const suppliers = useQuery({ queryKey: ['finance-suppliers-pick'], queryFn: () => answer(api.GET('/api/v1/finance/suppliers', { params: { query: { pageSize: 200 } } })) });
  const open = useQuery({
    queryKey: ['finance-payables-open', supplierId],
    enabled: !!supplierId,
    queryFn: () => answer(api.GET('/api/v1/finance/payables', { params: { query: { supplierId, status: 'open', pageSize: 200 } } })),
  });
  const orders = useQuery({
    queryKey: ['finance-po-prepayments-awaiting', supplierId],
    enabled: !!supplierId,
    queryFn: () => answer(api.GET('/api/v1/finance/purchase-prepayments', { params: { query: { supplierId, status: 'awaiting', pageSize: 200 } } })),
  });
  const amount = { validator: (_: unknown, v: string) => ((yuanToFen(v ?? '') ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('newOrder.notAnAmount')))) };
  return (
    <FormDialog<NewForm>
      trigger={t('requests.new')}
      title={t('requests.new')}
      testId="new-payment-request"
      width={640}
      initialValues={{ kind: 'payables', payableIds: [], amount: '', reason: '' }}
      rename={{ amountFen: 'amount' }}
      submit={(v) => answer(api.POST('/api/v1/finance/payment-requests', {
        body: {
          supplierId: v.supplierId, amountFen: yuanToFen(v.amount)!, reason: v.reason.trim(),
          ...(v.kind === 'payables' ? { payableIds: v.payableIds } : { purchaseOrderId: v.purchaseOrderId }),
        },
      }))}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('requests.newHint')}</Typography.Paragraph>
          <Form.Item name="supplierId" label={t('payables.supplier')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
              onChange={(id: string) => { setSupplierId(id); form.setFieldsValue({ payableIds: [], purchaseOrderId: undefined }); }} />
          </Form.Item>
          <Form.Item name="kind" label={t('requests.kind')}>
            <Radio.Group options={(['payables', 'prepayment'] as const).map((k) => ({ value: k, label: t(`requests.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {() => (form.getFieldValue('kind') === 'payables' ? (
              <Form.Item name="payableIds" label={t('payables.payables')} rules={[{ required: true, message: t('common.required') }]}>
                <Select mode="multiple" options={(open.data?.items ?? []).map((p) => ({ value: p.id, label: `${p.receiptNumber} · ${fen(p.remainingFen)} · ${p.dueDate}` }))} />
              </Form.Item>
            ) : (
              <Form.Item name="purchaseOrderId" label={t('requests.order')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={(orders.data?.items ?? []).map((o) => ({ value: o.purchaseOrderId, label: `${o.purchaseOrderNumber} · ${fen(o.requiredFen - o.paidFen)}` }))} />
              </Form.Item>
            ))}
          </Form.Item>
          <Form.Item name="amount" label={t('requests.amountYuan')} rules={[amount]}><Input /></Form.Item>
          <Form.Item name="reason" label={t('requests.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

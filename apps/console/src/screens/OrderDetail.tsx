import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import { answer, api } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../auth/Session';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime, formatFen, yuanToFen } from '../lib/money';
import { ApiProblem, fieldErrors } from '../lib/problem';
import { label, STATUS_COLOR } from './labels';
import { ProblemAlert } from './ProblemAlert';
import { MadeToOrderMoney } from './finance/MadeToOrderMoney';
import { MadeToOrderBadge, MadeToOrderCard } from './sales/MadeToOrder';

type PickList = components['schemas']['PickListView'];
// Changes arrive as server-sent notices (auth/Session.tsx); this slow re-read only covers a dropped stream.
const LIVE_MS = 30_000;

/** Which price an order line got and why: the list, a promotion in force that day, or a price hold (honoured or expired). */
export function PriceBasis({ line }: { line: Pick<components['schemas']['OrderLineView'], 'lineNo' | 'priceBasis' | 'promotionCode' | 'priceNote'> }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" size={0} data-testid={`price-basis-${line.lineNo}`}>
      <span>{t(`order.basis.${line.priceBasis ?? 'list'}` as MessageKey)}{line.promotionCode ? ` ${line.promotionCode}` : ''}</span>
      {line.priceNote && <Typography.Text type="secondary">{line.priceNote}</Typography.Text>}
    </Space>
  );
}

/** Runs one action: shows its problem, refreshes everything about the order when it is done. */
function useAction(orderId: string) {
  const client = useQueryClient();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState<string>();
  const run = async (name: string, work: () => Promise<unknown>) => {
    setBusy(name);
    setError(undefined);
    try {
      await work();
      await client.invalidateQueries({ predicate: (q) => JSON.stringify(q.queryKey).includes(orderId) });
    } catch (e) {
      setError(e);
      throw e;
    } finally {
      setBusy(undefined);
    }
  };
  return { error, busy, run };
}

export function OrderDetail() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const session = useSession();
  const action = useAction(id);
  // Live: the order, its account, its readiness and pick lists are read again when a change notice arrives.
  const order = useQuery({ queryKey: ['order', id], refetchInterval: LIVE_MS, queryFn: () => answer(api.GET('/api/v1/sales/orders/{id}', { params: { path: { id } } })) });
  const account = useQuery({
    queryKey: ['account', id], enabled: session.may('GET /api/v1/finance/orders/{orderId}/account'), refetchInterval: LIVE_MS, retry: false,
    queryFn: () => answer(api.GET('/api/v1/finance/orders/{orderId}/account', { params: { path: { orderId: id } } })),
  });
  const readiness = useQuery({
    queryKey: ['readiness', id], enabled: session.may('GET /api/v1/inventory/orders/{orderId}/pick-readiness'), refetchInterval: LIVE_MS,
    queryFn: () => answer(api.GET('/api/v1/inventory/orders/{orderId}/pick-readiness', { params: { path: { orderId: id } } })),
  });
  const pickLists = useQuery({
    queryKey: ['pick-lists', id], enabled: session.may('GET /api/v1/inventory/pick-lists'), refetchInterval: LIVE_MS,
    queryFn: () => answer(api.GET('/api/v1/inventory/pick-lists', { params: { query: { orderId: id } } })),
  });

  if (!order.data) return <ProblemAlert error={order.error} />;
  const o = order.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>
        {o.number} <Tag color={STATUS_COLOR[o.status]} data-testid="order-status">{label(o.status, locale)}</Tag>
        <Badge status="processing" text={t('order.live')} />
      </Typography.Title>
      <ProblemAlert error={order.error ?? action.error} />
      <Descriptions bordered size="small" column={3}>
        <Descriptions.Item label={t('orders.customer')}>{o.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('orders.terms')}>{label(o.paymentTerms, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.total')}>{formatFen(o.totalFen)}</Descriptions.Item>
        <Descriptions.Item label={t('orders.createdAt')}>{formatDateTime(o.createdAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('newOrder.shipToName')}>{o.shipTo?.name}</Descriptions.Item>
        <Descriptions.Item label={t('newOrder.shipToAddress')}>{o.shipTo?.address}</Descriptions.Item>
      </Descriptions>
      <MadeToOrderCard order={o} />
      {o.status === 'pending_approval' && <ApprovalActions orderId={o.id} level={o.approvalLevel} reasons={o.approvalReasons} run={action.run} busy={action.busy} />}
      <Card title={t('order.lines')} size="small">
        <Table
          rowKey="lineNo"
          size="small"
          pagination={false}
          dataSource={o.lines}
          columns={[
            { title: t('order.sku'), dataIndex: 'sku', render: (sku: string, l) => <Space size={4}>{sku}<MadeToOrderBadge line={l} /></Space> },
            { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('order.listPrice'), dataIndex: 'listPriceFen', align: 'right', render: (fen: number | null) => formatFen(fen) },
            { title: t('order.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
            {
              // Which price applied and why: the list, a promotion in force that day, or a price hold (honoured or expired).
              title: t('order.priceBasis'), key: 'basis',
              render: (_, l) => <PriceBasis line={l} />,
            },
            { title: t('order.lineTotal'), dataIndex: 'lineTotalFen', align: 'right', render: (fen: number) => formatFen(fen) },
          ]}
        />
      </Card>
      {account.data && (
        <Card title={t('order.account')} size="small">
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('order.paid')}>{formatFen(account.data.paidFen)}</Descriptions.Item>
            <Descriptions.Item label={t('order.outstanding')}>{formatFen(account.data.outstandingFen)}</Descriptions.Item>
          </Descriptions>
          <MadeToOrderMoney account={account.data} />
          {session.may('POST /api/v1/finance/receipts') && account.data.outstandingFen > 0 && (
            <ReceiptForm orderId={o.id} outstandingFen={account.data.outstandingFen} run={action.run} busy={action.busy === 'receipt'} />
          )}
        </Card>
      )}
      {readiness.data && (
        <Card title={t('nav.pickLists')} size="small">
          <Typography.Paragraph data-testid="pick-readiness">{readiness.data.ready ? t('order.pickReady') : `${t('order.notPickReady')}: ${readiness.data.detail ?? ''}`}</Typography.Paragraph>
          {readiness.data.ready && session.may('POST /api/v1/inventory/pick-lists') && (
            <Button type="primary" loading={action.busy === 'pick-list'} onClick={() => action.run('pick-list', () => answer(api.POST('/api/v1/inventory/pick-lists', { body: { orderId: o.id } }))).catch(() => undefined)}>
              {t('pick.create')}
            </Button>
          )}
          {(pickLists.data?.items ?? []).map((list) => <PickListSteps key={list.id} list={list} orderId={o.id} run={action.run} busy={action.busy} />)}
        </Card>
      )}
      <Card title={t('order.history')} size="small">
        <Timeline
          items={(o.history ?? []).map((h) => ({
            key: `${h.at}-${h.to}`,
            content: `${formatDateTime(h.at, locale)} · ${label(h.from, locale)} → ${label(h.to, locale)}${h.reason ? ` · ${h.reason}` : ''}`,
          }))}
        />
      </Card>
    </Space>
  );
}

type Run = (name: string, work: () => Promise<unknown>) => Promise<void>;

/** An order waiting for approval: why, at which level, and approve or reject (with a reason) for those who may. */
function ApprovalActions({ orderId, level, reasons, run, busy }: { orderId: string; level: string; reasons: string[]; run: Run; busy?: string }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [reason, setReason] = useState('');
  const step = (name: string, work: () => Promise<unknown>) => run(name, work).catch(() => undefined);
  return (
    <Card title={t('approval.waiting')} size="small">
      <Typography.Paragraph>{t('approval.level')}: {label(level, locale)} · {reasons.join('; ')}</Typography.Paragraph>
      {session.may('POST /api/v1/sales/orders/{id}/approve') && (
        <Space wrap>
          <Button type="primary" loading={busy === 'approve'} onClick={() => step('approve', () => answer(api.POST('/api/v1/sales/orders/{id}/approve', { params: { path: { id: orderId } } })))}>{t('approval.approve')}</Button>
          <Input aria-label={t('approval.reason')} placeholder={t('approval.reason')} value={reason} onChange={(e) => setReason(e.target.value)} style={{ width: 260 }} />
          <Button danger loading={busy === 'reject'} onClick={() => step('reject', () => answer(api.POST('/api/v1/sales/orders/{id}/reject', { params: { path: { id: orderId } }, body: { reason } })))}>{t('approval.reject')}</Button>
        </Space>
      )}
    </Card>
  );
}

function ReceiptForm({ orderId, outstandingFen, run, busy }: { orderId: string; outstandingFen: number; run: Run; busy: boolean }) {
  const { t } = useI18n();
  const [form] = Form.useForm<{ method: 'cash' | 'pos' | 'transfer'; amount: string; counterfeitChecked: boolean }>();
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const submit = async (values: { method: 'cash' | 'pos' | 'transfer'; amount: string; counterfeitChecked: boolean }) => {
    const amountFen = yuanToFen(values.amount);
    if (amountFen === null) return form.setFields([{ name: 'amount', errors: [t('receipt.amount')] }]);
    await run('receipt', () => answer(api.POST('/api/v1/finance/receipts', {
      body: { orderId, method: values.method, amountFen, counterfeitChecked: values.counterfeitChecked },
      headers: { 'Idempotency-Key': `${idempotencyKey}-${amountFen}` },
    }))).catch((e) => {
      if (e instanceof ApiProblem) form.setFields(fieldErrors(e.problem, (name) => ['method', 'amountFen', 'counterfeitChecked'].includes(String(name[0]))).map((f) => (f.name[0] === 'amountFen' ? { ...f, name: ['amount'] } : f)) as Parameters<typeof form.setFields>[0]);
    });
  };
  return (
    <Form form={form} layout="inline" onFinish={submit} initialValues={{ method: 'cash', amount: (outstandingFen / 100).toFixed(2), counterfeitChecked: false }} aria-label={t('receipt.record')}>
      <Form.Item name="method" label={t('receipt.method')}>
        <Select style={{ width: 140 }} options={[{ value: 'cash', label: t('receipt.cash') }, { value: 'pos', label: t('receipt.pos') }, { value: 'transfer', label: t('receipt.transfer') }]} />
      </Form.Item>
      <Form.Item name="amount" label={t('receipt.amount')}><Input style={{ width: 140 }} /></Form.Item>
      <Form.Item name="counterfeitChecked" valuePropName="checked"><Checkbox>{t('receipt.counterfeitChecked')}</Checkbox></Form.Item>
      <Button type="primary" htmlType="submit" loading={busy}>{t('receipt.record')}</Button>
    </Form>
  );
}

/** One pick list's steps: pick (a keeper), verify (another keeper), pack, ship. */
function PickListSteps({ list, orderId, run, busy }: { list: PickList; orderId: string; run: Run; busy?: string }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [pieces, setPieces] = useState(1);
  const [carrier, setCarrier] = useState('SF Express');
  const [tracking, setTracking] = useState('');
  const id = list.id;
  const counts = list.lines.map((l) => ({ sku: l.sku, quantity: l.quantity }));
  const verified = (list.picks ?? []).map((p) => ({ sku: p.sku, quantity: p.quantity, location: p.location, batch: p.batch ?? undefined }));
  const step = (name: string, work: () => Promise<unknown>) => run(name, work).catch(() => undefined);
  return (
    <Card type="inner" size="small" title={`${t('pick.number')} ${list.number}`} extra={<Tag data-testid="pick-list-status">{label(list.status, locale)}</Tag>} style={{ marginTop: 12 }}>
      <Space wrap>
        {list.status === 'open' && session.may('POST /api/v1/inventory/pick-lists/{pickListId}/pick') && (
          <Button loading={busy === 'pick'} onClick={() => step('pick', () => answer(api.POST('/api/v1/inventory/pick-lists/{pickListId}/pick', { params: { path: { pickListId: id } }, body: { lines: counts } })))}>{t('pick.pick')}</Button>
        )}
        {list.status === 'picked' && session.may('POST /api/v1/inventory/pick-lists/{pickListId}/verify') && (
          <Button loading={busy === 'verify'} onClick={() => step('verify', () => answer(api.POST('/api/v1/inventory/pick-lists/{pickListId}/verify', { params: { path: { pickListId: id } }, body: { lines: verified } })))}>{t('pick.verify')}</Button>
        )}
        {list.status === 'verified' && session.may('POST /api/v1/inventory/pick-lists/{pickListId}/pack') && (
          <>
            <InputNumber aria-label={t('pick.pieces')} min={1} value={pieces} onChange={(v) => setPieces(v ?? 1)} />
            <Button loading={busy === 'pack'} onClick={() => step('pack', () => answer(api.POST('/api/v1/inventory/pick-lists/{pickListId}/pack', { params: { path: { pickListId: id } }, body: { pieces } })))}>{t('pick.pack')}</Button>
          </>
        )}
        {list.status === 'packed' && session.may('POST /api/v1/inventory/shipments') && (
          <>
            <Input aria-label={t('ship.carrier')} placeholder={t('ship.carrier')} value={carrier} onChange={(e) => setCarrier(e.target.value)} style={{ width: 160 }} />
            <Input aria-label={t('ship.tracking')} placeholder={t('ship.tracking')} value={tracking} onChange={(e) => setTracking(e.target.value)} style={{ width: 180 }} />
            <Button type="primary" loading={busy === 'ship'} onClick={() => step('ship', () => answer(api.POST('/api/v1/inventory/shipments', { body: { orderId, carrier, trackingNumber: tracking, pieces: list.pieces ?? 1 } })))}>{t('ship.ship')}</Button>
          </>
        )}
      </Space>
    </Card>
  );
}

import { Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { orderIdOf } from '../kit/orders';
import { useCustomerNames } from '../sales/common';
import { ReplacementOrders } from '../sales/MadeToOrder';

type Ticket = components['schemas']['ServiceTicketView'];
type Status = Ticket['status'];
type Kind = Ticket['kind'];
type ReportRow = components['schemas']['ServiceTicketReportRowView'];
const STATUSES: Status[] = ['open', 'in_progress', 'resolved', 'closed'];
const KINDS: Kind[] = ['inquiry', 'complaint', 'return_request', 'exchange_request'];
const CHANNELS: Ticket['channel'][] = ['phone', 'online_chat', 'email', 'store', 'wechat'];
const RETURN_REASONS = ['quality_problem', 'wrong_goods', 'transport_damage', 'other'] as const;
const STATUS_COLOR: Record<Status, string> = { open: 'orange', in_progress: 'blue', resolved: 'cyan', closed: 'green' };

/**
 * After-sales tickets (客服): inquiries, complaints, return and exchange requests with an owner and a deadline on
 * the business clock, an append-only conversation, resolution and the customer's satisfaction at closing; a return
 * request opens its RMA here. Above the list, first-response and resolution times per owner and kind.
 */
export function ServiceTickets() {
  const { t, locale } = useI18n();
  const session = useSession();
  const w = (key: string) => t(key as MessageKey);
  const mayNote = session.may('POST /api/v1/sales/service-tickets/{id}/notes');
  const mayStart = session.may('POST /api/v1/sales/service-tickets/{id}/start');
  const mayResolve = session.may('POST /api/v1/sales/service-tickets/{id}/resolve');
  const mayReopen = session.may('POST /api/v1/sales/service-tickets/{id}/reopen');
  const mayClose = session.may('POST /api/v1/sales/service-tickets/{id}/close');
  const mayReassign = session.may('POST /api/v1/sales/service-tickets/{id}/reassign');
  const mayReturn = session.may('POST /api/v1/sales/service-tickets/{id}/return');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {session.may('GET /api/v1/sales/service-tickets/report') && <TicketReport />}
      <DataList<Ticket>
        title="nav.serviceTickets"
        queryKey="service-tickets"
        csvPath="/api/v1/sales/service-tickets"
        read={(query) => answer(api.GET('/api/v1/sales/service-tickets', { params: { query: query as never } }))}
        filters={[
          { name: 'status', label: 'orders.filterStatus', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: w(`st.status.${s}`) })) },
          { name: 'kind', label: 'st.kind', kind: 'select', options: KINDS.map((k) => ({ value: k, label: w(`st.kind.${k}`) })) },
          { name: 'overdue', label: 'st.overdueOnly', kind: 'select', options: [{ value: 'true', label: t('st.overdue') }] },
          { name: 'owner', label: 'st.owner', kind: 'text' },
        ]}
        toolbar={session.may('POST /api/v1/sales/service-tickets') && <OpenTicketDialog />}
        expandable={{ expandedRowRender: (ticket) => <Conversation ticket={ticket} /> }}
        columns={[
          {
            title: `${t('st.number')} / ${t('st.subject')}`, key: 'subject',
            render: (_, s) => <Space orientation="vertical" size={0}><Typography.Text strong>{s.number}</Typography.Text><span>{s.subject}</span></Space>,
          },
          { title: t('st.kind'), key: 'kind', render: (_, s) => <Space orientation="vertical" size={0}><span>{w(`st.kind.${s.kind}`)}</span><Typography.Text type="secondary">{w(`st.channel.${s.channel}`)}</Typography.Text></Space> },
          { title: t('orders.status'), dataIndex: 'status', render: (v: Status) => <Tag color={STATUS_COLOR[v]}>{w(`st.status.${v}`)}</Tag> },
          { title: t('st.customer'), key: 'customer', render: (_, s) => `${s.customerName}${s.customerPhone ? ` ${s.customerPhone}` : ''}${s.orderNumber ? ` · ${s.orderNumber}` : ''}` },
          { title: t('st.owner'), dataIndex: 'owner' },
          {
            title: t('st.deadline'), key: 'deadline',
            render: (_, s) => (
              <Space orientation="vertical" size={0}>
                <span>{formatDateTime(s.deadlineAt, locale)}</span>
                {s.overdue && <Tag color="red" data-testid={`overdue-${s.number}`}>{t('st.overdue')}</Tag>}
              </Space>
            ),
          },
          { title: t('st.firstResponse'), dataIndex: 'firstResponseHours', align: 'right', render: (h: number | null) => h ?? '—' },
          { title: t('st.resolutionTime'), dataIndex: 'resolutionHours', align: 'right', render: (h: number | null) => h ?? '—' },
          { title: t('st.rma'), dataIndex: 'rmaNumber', render: (n: string | null) => n ?? '—' },
          { title: t('st.satisfaction'), dataIndex: 'satisfaction', render: (n: number | null) => n ?? '—' },
          {
            title: t('common.actions'), key: 'actions', fixed: 'right',
            render: (_, s) => (
              <Space wrap>
                {mayNote && s.status !== 'closed' && <NoteDialog ticket={s} />}
                {mayStart && s.status === 'open' && (
                  <ActionButton testId={`start-${s.number}`} run={() => answer(api.POST('/api/v1/sales/service-tickets/{id}/start', { params: { path: { id: s.id } } }))}>{t('st.start')}</ActionButton>
                )}
                {mayResolve && s.status === 'in_progress' && (
                  <ActionButton primary reason={t('st.resolution')} testId={`resolve-${s.number}`}
                    run={(resolution) => answer(api.POST('/api/v1/sales/service-tickets/{id}/resolve', { params: { path: { id: s.id } }, body: { resolution } }))}>
                    {t('st.resolve')}
                  </ActionButton>
                )}
                {mayReopen && s.status === 'resolved' && (
                  <ActionButton reason={t('ba.reason')} testId={`reopen-${s.number}`}
                    run={(reason) => answer(api.POST('/api/v1/sales/service-tickets/{id}/reopen', { params: { path: { id: s.id } }, body: { reason } }))}>
                    {t('st.reopen')}
                  </ActionButton>
                )}
                {mayClose && s.status === 'resolved' && <CloseDialog ticket={s} />}
                {mayReassign && s.status !== 'closed' && <ReassignDialog ticket={s} />}
                {mayReturn && s.kind === 'return_request' && !s.rmaNumber && s.orderId && s.status !== 'closed' && <OpenReturnDialog ticket={s} />}
                <ReplacementOrders ticket={s} />
              </Space>
            ),
          },
        ]}
      />
    </Space>
  );
}

function Conversation({ ticket: s }: { ticket: Ticket }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('st.notes')}</Typography.Text>
      {s.notes.length === 0 && <Typography.Text type="secondary">—</Typography.Text>}
      {s.notes.map((n) => (
        <Typography.Text key={n.noteNo} data-testid={`note-${s.number}-${n.noteNo}`}>
          <Tag color={n.direction === 'out' ? 'blue' : 'default'}>{t(`st.direction.${n.direction}` as MessageKey)}</Tag>
          {n.by} · {formatDateTime(n.at, locale)}: {n.text}
        </Typography.Text>
      ))}
      {s.resolution && <Typography.Text>{t('st.resolution')}: {s.resolution}</Typography.Text>}
      {s.feedback && <Typography.Text>{t('st.feedback')}: {s.feedback}</Typography.Text>}
    </Space>
  );
}

/** Average, median and 90th percentile of first-response and resolution hours, per owner and per kind (the last 30 days). */
function TicketReport() {
  const { t } = useI18n();
  const report = useQuery({ queryKey: ['service-tickets', 'report'], queryFn: () => answer(api.GET('/api/v1/sales/service-tickets/report', { params: { query: {} } })) });
  if (!report.data) return null;
  const fmt = (h: number | null | undefined) => (h === null || h === undefined ? '—' : String(h));
  const columns = [
    { title: t('st.reportBy'), dataIndex: 'key', key: 'key', render: (k: string) => ((KINDS as string[]).includes(k) ? t(`st.kind.${k}` as MessageKey) : k) },
    { title: t('st.tickets'), dataIndex: 'tickets', key: 'tickets', align: 'right' as const },
    ...(['firstResponse', 'resolution'] as const).flatMap((part) => [
      { title: `${t(part === 'firstResponse' ? 'st.firstResponse' : 'st.resolutionTime')} ${t('st.average')}`, key: `${part}-avg`, align: 'right' as const, render: (_: unknown, r: ReportRow) => fmt(r[part].averageHours) },
      { title: t('st.median'), key: `${part}-median`, align: 'right' as const, render: (_: unknown, r: ReportRow) => fmt(r[part].medianHours) },
      { title: t('st.p90'), key: `${part}-p90`, align: 'right' as const, render: (_: unknown, r: ReportRow) => fmt(r[part].p90Hours) },
    ]),
  ];
  return (
    <Card size="small" title={`${t('st.report')} ${report.data.from} – ${report.data.to}`} data-testid="ticket-report">
      <Row gutter={16}>
        <Col span={12}>
          <Typography.Text strong>{t('st.byOwner')}</Typography.Text>
          <Table<ReportRow> rowKey="key" size="small" pagination={false} dataSource={[...report.data.byOwner, report.data.overall]} columns={columns} />
        </Col>
        <Col span={12}>
          <Typography.Text strong>{t('st.byKind')}</Typography.Text>
          <Table<ReportRow> rowKey="key" size="small" pagination={false} dataSource={report.data.byKind} columns={columns} />
        </Col>
      </Row>
    </Card>
  );
}

type OpenForm = {
  kind: Kind; channel: Ticket['channel']; subject: string; customerId?: string; customerName?: string; customerPhone?: string; order?: string; owner?: string; description?: string;
};

function OpenTicketDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const customers = useCustomerNames();
  const w = (key: string) => t(key as MessageKey);
  const submit = async (v: OpenForm) => {
    const text = (value?: string) => (value?.trim() ? value.trim() : undefined);
    const orderId = text(v.order) ? (await orderIdOf(v.order!)) ?? v.order!.trim() : undefined;
    const optional = { customerId: v.customerId, customerName: text(v.customerName), customerPhone: text(v.customerPhone), orderId, owner: text(v.owner), description: text(v.description) };
    await answer(api.POST('/api/v1/sales/service-tickets', {
      body: { kind: v.kind, channel: v.channel, subject: v.subject.trim(), ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)) },
      headers: idempotency.headers(),
    }));
    idempotency.renew();
  };
  return (
    <FormDialog<OpenForm> trigger={t('st.open')} title={t('st.open')} width={760} submit={submit} rename={{ orderId: 'order' }} testId="open-ticket" initialValues={{ kind: 'inquiry', channel: 'phone' }}>
      {() => (
        <>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="kind" label={t('st.kind')}><Select options={KINDS.map((k) => ({ value: k, label: w(`st.kind.${k}`) }))} /></Form.Item></Col>
            <Col span={12}><Form.Item name="channel" label={t('st.channel')}><Select options={CHANNELS.map((c) => ({ value: c, label: w(`st.channel.${c}`) }))} /></Form.Item></Col>
          </Row>
          <Form.Item name="subject" label={t('st.subject')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
          <Form.Item name="customerId" label={t('st.customer')} extra={t('st.customerHint')}>
            <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={customers.options} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="customerName" label={t('st.walkInName')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="customerPhone" label={t('st.walkInPhone')}><Input /></Form.Item></Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="order" label={t('st.order')} extra={t('st.orderHint')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="owner" label={t('st.owner')}><Input /></Form.Item></Col>
          </Row>
          <Form.Item name="description" label={t('st.description')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function NoteDialog({ ticket: s }: { ticket: Ticket }) {
  const { t } = useI18n();
  const submit = (v: { direction: 'in' | 'out'; text: string }) =>
    answer(api.POST('/api/v1/sales/service-tickets/{id}/notes', { params: { path: { id: s.id } }, body: { direction: v.direction, text: v.text.trim() } }));
  return (
    <FormDialog<{ direction: 'in' | 'out'; text: string }> trigger={t('st.addNote')} title={`${t('st.addNote')} ${s.number}`} submit={submit} size="small" primary={false} testId={`note-${s.number}`} initialValues={{ direction: 'out' }}>
      {() => (
        <>
          <Form.Item name="direction" label={t('st.direction')}>
            <Select options={(['in', 'out'] as const).map((d) => ({ value: d, label: t(`st.direction.${d}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="text" label={t('st.text')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function CloseDialog({ ticket: s }: { ticket: Ticket }) {
  const { t } = useI18n();
  const submit = (v: { satisfaction: number; feedback?: string }) =>
    answer(api.POST('/api/v1/sales/service-tickets/{id}/close', { params: { path: { id: s.id } }, body: { satisfaction: v.satisfaction, ...(v.feedback?.trim() ? { feedback: v.feedback.trim() } : {}) } }));
  return (
    <FormDialog<{ satisfaction: number; feedback?: string }> trigger={t('st.close')} title={`${t('st.close')} ${s.number}`} submit={submit} size="small" testId={`close-${s.number}`} initialValues={{ satisfaction: 5 }}>
      {() => (
        <>
          <Form.Item name="satisfaction" label={t('st.satisfaction')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} max={5} precision={0} /></Form.Item>
          <Form.Item name="feedback" label={t('st.feedback')}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function ReassignDialog({ ticket: s }: { ticket: Ticket }) {
  const { t } = useI18n();
  const submit = (v: { owner: string; reason?: string }) =>
    answer(api.POST('/api/v1/sales/service-tickets/{id}/reassign', { params: { path: { id: s.id } }, body: { owner: v.owner.trim(), ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) } }));
  return (
    <FormDialog<{ owner: string; reason?: string }> trigger={t('st.reassign')} title={`${t('st.reassign')} ${s.number}`} submit={submit} size="small" primary={false} testId={`reassign-${s.number}`}>
      {() => (
        <>
          <Form.Item name="owner" label={t('st.newOwner')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input /></Form.Item>
          <Form.Item name="reason" label={t('ba.decisionReason')}><Input /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

type ReturnForm = { sku: string; quantity: number; reason: (typeof RETURN_REASONS)[number]; faulty: boolean; note?: string };

/** The RMA a return-request ticket asks for, of the ticket's order: one line here (the returns screen takes more). */
function OpenReturnDialog({ ticket: s }: { ticket: Ticket }) {
  const { t } = useI18n();
  const submit = (v: ReturnForm) =>
    answer(api.POST('/api/v1/sales/service-tickets/{id}/return', {
      params: { path: { id: s.id } },
      body: { lines: [{ sku: v.sku.trim(), quantity: v.quantity }], reason: v.reason, faulty: !!v.faulty, ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
    }));
  return (
    <FormDialog<ReturnForm> trigger={t('st.openReturn')} title={`${t('st.openReturn')} ${s.number}`} submit={submit} size="small" testId={`return-${s.number}`} rename={{ 'lines[0].sku': 'sku', 'lines[0].quantity': 'quantity' }}
      initialValues={{ quantity: 1, reason: 'quality_problem', faulty: true }}>
      {() => (
        <>
          <Form.Item name="sku" label={t('order.sku')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input /></Form.Item>
          <Form.Item name="quantity" label={t('returns.quantity')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} precision={0} /></Form.Item>
          <Form.Item name="reason" label={t('returns.reason')}><Select options={RETURN_REASONS.map((r) => ({ value: r, label: r.replace(/_/g, ' ') }))} /></Form.Item>
          <Form.Item name="faulty" valuePropName="checked"><Checkbox>{t('returns.faulty')}</Checkbox></Form.Item>
          <Form.Item name="note" label={t('returns.note')}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

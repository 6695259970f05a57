import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, InputNumber, Row, Segmented, Select, Space, Statistic, Table, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { useIdempotencyKey } from '../kit/idempotency';
import { placeFieldErrors, ProblemSlot } from '../kit/Problems';
import { OutletCodeInput, useOutletCode } from './bar-outlet';

type Rota = components['schemas']['RotaView'];
type Waste = components['schemas']['WasteView'];
type Complaint = components['schemas']['ComplaintView'];
type Replenishment = components['schemas']['ReplenishmentView'];
type Period = components['schemas']['PeriodAttainmentView'];

const WASTE_KINDS = ['waste', 'breakage', 'expired', 'spillage'] as const;
const CATEGORIES = ['product', 'service', 'price', 'hygiene', 'waiting', 'other'] as const;
const OUTCOMES = ['refund-given', 'replaced', 'apology', 'voucher', 'rejected', 'other'] as const;

/** The next Monday on or after a business date. */
export function mondayFrom(date: string): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + ((8 - d.getUTCDay()) % 7));
  return d.toISOString().slice(0, 10);
}

/** The outlet picker and the screen's title, problem slot and body once an outlet is chosen. */
function OutletScreen({ title, children }: { title: ReactNode; children: (code: string, problem: unknown) => ReactNode }) {
  const { t } = useI18n();
  const [code, setCode] = useOutletCode();
  return (
    <ProblemSlot>
      {(problem) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={2}>{title}</Typography.Title>
          <OutletCodeInput code={code} onChange={setCode} />
          {!code && <Typography.Text type="secondary">{t('bar.chooseOutlet')}</Typography.Text>}
          <ProblemAlert error={problem} />
          {code && children(code, problem)}
        </Space>
      )}
    </ProblemSlot>
  );
}

/** A form that sends once with an Idempotency-Key (when `creates`), places field errors and refreshes the screens. */
function useSend<V extends object>(send: (values: V, headers: Record<string, string>) => Promise<unknown>, rename: Record<string, string> = {}) {
  const client = useQueryClient();
  const [form] = Form.useForm<V>();
  const idempotency = useIdempotencyKey();
  const [problem, setProblem] = useState<{ error: unknown; unplaced: string[] }>();
  const [busy, setBusy] = useState(false);
  const onFinish = async (values: V) => {
    setBusy(true);
    setProblem(undefined);
    try {
      await send(values, idempotency.headers());
      idempotency.renew();
      form.resetFields();
      await client.invalidateQueries();
    } catch (error) {
      setProblem({ error, unplaced: placeFieldErrors(form, error, rename) });
    } finally {
      setBusy(false);
    }
  };
  return { form, onFinish, busy, alert: <ProblemAlert error={problem?.error} extra={problem?.unplaced} /> };
}

// ---- rota ----

/** The rota: people × the four weeks' days, rest days marked, each person's rest days counted. */
export function OutletRota() {
  const { t } = useI18n();
  return <OutletScreen title={t('nav.outletRota')}>{(code) => <RotaGrid code={code} />}</OutletScreen>;
}

function RotaGrid({ code }: { code: string }) {
  const { t } = useI18n();
  const session = useSession();
  const [start, setStart] = useState(() => mondayFrom(businessDate()));
  const rota = useQuery({
    queryKey: ['rota', code, start],
    retry: false,
    queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/rota', { params: { path: { code }, query: { from: start } } })),
  });
  const data: Rota | undefined = rota.data;
  const dayColumns = (data?.dates ?? []).map((date, i) => ({
    title: <span style={{ fontSize: 11 }}>{date.slice(5)}</span>,
    key: date,
    render: (_: unknown, row: Rota['rows'][number]) => {
      const day = row.days[i];
      if (day === 'rest') return <Tag color={data!.open[i] ? 'orange' : 'default'} data-testid={`rest-${row.username}-${date}`}>{data!.open[i] ? t('rota.rest') : t('rota.closed')}</Tag>;
      return <span style={{ fontSize: 11 }}>{day}</span>;
    },
  }));
  return (
    <>
      <Space>
        <Input type="date" aria-label={t('rota.startDate')} value={start} onChange={(e) => e.target.value && setStart(e.target.value)} style={{ width: 180 }} />
        {session.may('POST /api/v1/sales/outlets/{code}/rota') && (
          <ActionButton primary size="middle" testId="generate-rota" run={async () => answer(api.POST('/api/v1/sales/outlets/{code}/rota', { params: { path: { code } }, body: { startDate: mondayFrom(start) } }))}>
            {t('rota.generate')}
          </ActionButton>
        )}
      </Space>
      <Typography.Text type="secondary">{t('rota.fairness')}</Typography.Text>
      {rota.isError && <Typography.Text type="secondary">{t('rota.none')}</Typography.Text>}
      {data && (
        <Table<Rota['rows'][number]>
          rowKey="username" size="small" pagination={false} scroll={{ x: true }} dataSource={data.rows}
          columns={[
            { title: t('rota.person'), dataIndex: 'username', fixed: 'left' },
            ...dayColumns,
            { title: t('rota.restDays'), dataIndex: 'restDays', align: 'right', render: (n: number, r) => <b data-testid={`rest-count-${r.username}`}>{n}</b> },
            { title: t('rota.weekendRestDays'), dataIndex: 'weekendRestDays', align: 'right' },
          ]}
        />
      )}
    </>
  );
}

// ---- waste ----

type WasteForm = { lines: Array<{ sku: string; quantity: number; kind: (typeof WASTE_KINDS)[number] }>; note: string };

/** Waste and breakage: anyone on the staff records it, the supervisor (not the recorder) approves or rejects, finance's cost appears. */
export function OutletWaste() {
  const { t } = useI18n();
  return <OutletScreen title={t('nav.outletWaste')}>{(code) => <WasteDesk code={code} />}</OutletScreen>;
}

function WasteDesk({ code }: { code: string }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const list = useQuery({ queryKey: ['waste', code], queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/waste', { params: { path: { code }, query: { pageSize: 100 } } })) });
  const { form, onFinish, busy, alert } = useSend<WasteForm>((values, headers) =>
    answer(api.POST('/api/v1/sales/outlets/{code}/waste', { params: { path: { code } }, body: { lines: values.lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity, kind: l.kind })), note: values.note }, headers })),
  );
  const path = (id: string) => ({ params: { path: { code, id } } });
  return (
    <>
      {session.may('POST /api/v1/sales/outlets/{code}/waste') && (
        <Card title={t('waste.record')}>
          {alert}
          <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ lines: [{ quantity: 1, kind: 'breakage' }] }}>
            <Form.List name="lines">
              {(fields, { add }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key}>
                      <Col span={10}><Form.Item name={[f.name, 'sku']} label={t('waste.sku')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={64} /></Form.Item></Col>
                      <Col span={6}><Form.Item name={[f.name, 'quantity']} label={t('waste.quantity')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} max={9999} style={{ width: '100%' }} /></Form.Item></Col>
                      <Col span={8}><Form.Item name={[f.name, 'kind']} label={t('waste.kind')}><Select options={WASTE_KINDS.map((k) => ({ value: k, label: t(`waste.kind.${k}`) }))} /></Form.Item></Col>
                    </Row>
                  ))}
                  <Button onClick={() => add({ quantity: 1, kind: 'breakage' })}>{t('records.addLine')}</Button>
                </>
              )}
            </Form.List>
            <Form.Item name="note" label={t('waste.note')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="record-waste">{t('records.send')}</Button>
          </Form>
        </Card>
      )}
      <ProblemAlert error={list.error} />
      <Table<Waste>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false}
        columns={[
          { title: t('waste.number'), dataIndex: 'number' },
          { title: t('waste.lines'), key: 'lines', render: (_, w) => w.lines.map((l) => `${l.sku} ×${l.quantity} (${t(`waste.kind.${l.kind}`)})`).join('; ') },
          { title: t('waste.note'), dataIndex: 'note' },
          { title: t('waste.recordedBy'), dataIndex: 'recordedBy' },
          { title: t('complaint.loggedAt'), dataIndex: 'recordedAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('waste.status'), dataIndex: 'status', render: (s: Waste['status']) => <Tag color={s === 'approved' ? 'green' : s === 'rejected' ? 'red' : 'blue'}>{t(`waste.status.${s}`)}</Tag> },
          { title: t('waste.cost'), key: 'cost', align: 'right', render: (_, w) => (w.costFen !== null ? <span data-testid={`cost-${w.number}`}>{formatFen(w.costFen)}</span> : w.status === 'approved' ? <Typography.Text type="secondary">{t('waste.notCosted')}</Typography.Text> : '—') },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, w) => w.status === 'recorded' && session.may('POST /api/v1/sales/outlets/{code}/waste/{id}/approve') && (
              <Space>
                <ActionButton primary testId={`approve-${w.number}`} run={() => answer(api.POST('/api/v1/sales/outlets/{code}/waste/{id}/approve', path(w.id)))}>{t('waste.approve')}</ActionButton>
                <ActionButton danger reason={t('waste.rejectReason')} testId={`reject-${w.number}`} run={(reason) => answer(api.POST('/api/v1/sales/outlets/{code}/waste/{id}/reject', { ...path(w.id), body: { reason } }))}>{t('waste.reject')}</ActionButton>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

// ---- targets ----

type TargetForm = { effectiveFrom: string; daily: string; weekly: string; monthly: string };

/** The outlet's targets and their attainment for a day, its week and its month. */
export function OutletTargets() {
  const { t } = useI18n();
  return <OutletScreen title={t('nav.outletTargets')}>{(code) => <TargetsDesk code={code} />}</OutletScreen>;
}

function TargetsDesk({ code }: { code: string }) {
  const { t } = useI18n();
  const session = useSession();
  const [date, setDate] = useState(() => businessDate());
  const attained = useQuery({
    queryKey: ['attainment', code, date],
    queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/targets/attainment', { params: { path: { code }, query: { date } } })),
  });
  const { form, onFinish, busy, alert } = useSend<TargetForm>((v) =>
    answer(api.PUT('/api/v1/sales/outlets/{code}/targets', { params: { path: { code } }, body: { effectiveFrom: v.effectiveFrom, dailyFen: yuanToFen(v.daily) ?? -1, weeklyFen: yuanToFen(v.weekly) ?? -1, monthlyFen: yuanToFen(v.monthly) ?? -1 } })),
  { dailyFen: 'daily', weeklyFen: 'weekly', monthlyFen: 'monthly' });
  const period = (label: string, p: Period | undefined, key: string) => (
    <Col span={8}>
      <Card title={`${label} · ${p ? `${p.from}${p.to !== p.from ? ` – ${p.to}` : ''}` : ''}`} data-testid={`attainment-${key}`}>
        <Statistic title={t('target.percent')} value={p?.percent ?? undefined} suffix={p?.percent !== null && p?.percent !== undefined ? '%' : undefined} formatter={p?.percent === null ? () => t('target.noTarget') : undefined} />
        <div>{t('target.target')}: {p?.targetFen !== null && p?.targetFen !== undefined ? formatFen(p.targetFen) : '—'}</div>
        <div>{t('target.actual')}: {formatFen(p?.actualFen ?? 0)}</div>
      </Card>
    </Col>
  );
  const amount = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Input type="date" aria-label={t('target.date')} value={date} onChange={(e) => e.target.value && setDate(e.target.value)} style={{ width: 180 }} />
      <ProblemAlert error={attained.error} />
      <Row gutter={16}>
        {period(t('target.day'), attained.data?.day, 'day')}
        {period(t('target.week'), attained.data?.week, 'week')}
        {period(t('target.month'), attained.data?.month, 'month')}
      </Row>
      {session.may('PUT /api/v1/sales/outlets/{code}/targets') && (
        <Card title={t('target.set')}>
          {alert}
          <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ effectiveFrom: businessDate() }}>
            <Row gutter={16}>
              <Col span={6}><Form.Item name="effectiveFrom" label={t('target.effectiveFrom')} rules={amount}><Input type="date" /></Form.Item></Col>
              <Col span={6}><Form.Item name="daily" label={t('target.daily')} rules={amount}><Input inputMode="decimal" /></Form.Item></Col>
              <Col span={6}><Form.Item name="weekly" label={t('target.weekly')} rules={amount}><Input inputMode="decimal" /></Form.Item></Col>
              <Col span={6}><Form.Item name="monthly" label={t('target.monthly')} rules={amount}><Input inputMode="decimal" /></Form.Item></Col>
            </Row>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="set-target">{t('common.save')}</Button>
          </Form>
        </Card>
      )}
    </>
  );
}

// ---- complaints ----

type ComplaintForm = { customerName: string; contact?: string; ticketNumber?: string; category: (typeof CATEGORIES)[number]; description: string };

/** Customer complaints: logged by anyone on the staff, assigned and resolved by the supervisor; open over 3 days flagged. */
export function OutletComplaints() {
  const { t } = useI18n();
  return <OutletScreen title={t('nav.outletComplaints')}>{(code) => <ComplaintsDesk code={code} />}</OutletScreen>;
}

function ComplaintsDesk({ code }: { code: string }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [state, setState] = useState<'open' | 'resolved'>('open');
  const list = useQuery({ queryKey: ['complaints', code, state], queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/complaints', { params: { path: { code }, query: { state, pageSize: 100 } } })) });
  const { form, onFinish, busy, alert } = useSend<ComplaintForm>((v, headers) =>
    answer(api.POST('/api/v1/sales/outlets/{code}/complaints', {
      params: { path: { code } }, headers,
      body: { customerName: v.customerName, category: v.category, description: v.description, ...(v.contact?.trim() ? { contact: v.contact.trim() } : {}), ...(v.ticketNumber?.trim() ? { ticketNumber: v.ticketNumber.trim() } : {}) },
    })),
  );
  const path = (id: string) => ({ params: { path: { code, id } } });
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <>
      {session.may('POST /api/v1/sales/outlets/{code}/complaints') && (
        <Card title={t('complaint.log')}>
          {alert}
          <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ category: 'service' }}>
            <Row gutter={16}>
              <Col span={6}><Form.Item name="customerName" label={t('complaint.customerName')} rules={required}><Input maxLength={100} /></Form.Item></Col>
              <Col span={6}><Form.Item name="contact" label={t('complaint.contact')}><Input maxLength={100} /></Form.Item></Col>
              <Col span={6}><Form.Item name="ticketNumber" label={t('complaint.ticketNumber')}><Input maxLength={40} /></Form.Item></Col>
              <Col span={6}><Form.Item name="category" label={t('complaint.category')}><Select options={CATEGORIES.map((c) => ({ value: c, label: c }))} /></Form.Item></Col>
            </Row>
            <Form.Item name="description" label={t('complaint.description')} rules={required}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="log-complaint">{t('records.send')}</Button>
          </Form>
        </Card>
      )}
      <Segmented value={state} onChange={(v) => setState(v as 'open' | 'resolved')} options={[{ value: 'open', label: t('complaint.open') }, { value: 'resolved', label: t('complaint.resolved') }]} />
      <ProblemAlert error={list.error} />
      <Table<Complaint>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false}
        columns={[
          { title: t('complaint.number'), dataIndex: 'number' },
          { title: t('complaint.loggedAt'), dataIndex: 'loggedAt', render: (at: string, c) => <>{formatDateTime(at, locale)} {c.overdue && <Tag color="red" data-testid={`overdue-${c.number}`}>{t('complaint.overdue')}</Tag>}</> },
          { title: t('complaint.customerName'), dataIndex: 'customerName' },
          { title: t('complaint.category'), dataIndex: 'category' },
          { title: t('complaint.description'), dataIndex: 'description' },
          { title: t('complaint.status'), dataIndex: 'status', render: (s: Complaint['status'], c) => <Tag>{t(`complaint.status.${s}`)}{c.assignedTo ? ` · ${c.assignedTo}` : ''}</Tag> },
          { title: t('complaint.resolution'), key: 'resolution', render: (_, c) => (c.resolution ? `${c.outcome}: ${c.resolution}` : '—') },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, c) => c.status !== 'resolved' && session.may('POST /api/v1/sales/outlets/{code}/complaints/{id}/resolve') && (
              <Space>
                <ActionButton reason={t('complaint.assignee')} testId={`assign-${c.number}`} run={(assignee) => answer(api.POST('/api/v1/sales/outlets/{code}/complaints/{id}/assign', { ...path(c.id), body: { assignee } }))}>{t('complaint.assign')}</ActionButton>
                <ResolveButton run={(resolution, outcome) => answer(api.POST('/api/v1/sales/outlets/{code}/complaints/{id}/resolve', { ...path(c.id), body: { resolution, outcome } }))} testId={`resolve-${c.number}`} />
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

/** Resolve with an outcome chosen beside the button and the resolution written in the reason modal. */
function ResolveButton({ run, testId }: { run: (resolution: string, outcome: (typeof OUTCOMES)[number]) => Promise<unknown>; testId: string }) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState<(typeof OUTCOMES)[number]>('apology');
  return (
    <Space.Compact>
      <Select size="small" aria-label={t('complaint.outcome')} value={outcome} onChange={setOutcome} options={OUTCOMES.map((o) => ({ value: o, label: o }))} style={{ width: 130 }} />
      <ActionButton primary reason={t('complaint.resolution')} testId={testId} run={(resolution) => run(resolution, outcome)}>{t('complaint.resolve')}</ActionButton>
    </Space.Compact>
  );
}

// ---- replenishment ----

type ReplenishmentForm = { fromWarehouseCode: string; lines: Array<{ sku: string; quantity: number }>; note?: string };

/** Replenishment requests to a warehouse, with the transfer inventory raised for each. */
export function OutletReplenishments() {
  const { t } = useI18n();
  return <OutletScreen title={t('nav.replenishments')}>{(code) => <ReplenishmentDesk code={code} />}</OutletScreen>;
}

function ReplenishmentDesk({ code }: { code: string }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const list = useQuery({ queryKey: ['replenishments', code], queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/replenishments', { params: { path: { code }, query: { pageSize: 100 } } })) });
  const { form, onFinish, busy, alert } = useSend<ReplenishmentForm>((v, headers) =>
    answer(api.POST('/api/v1/sales/outlets/{code}/replenishments', {
      params: { path: { code } }, headers,
      body: { fromWarehouseCode: v.fromWarehouseCode.trim().toUpperCase(), lines: v.lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity })), ...(v.note?.trim() ? { note: v.note.trim() } : {}) },
    })),
  );
  return (
    <>
      {session.may('POST /api/v1/sales/outlets/{code}/replenishments') && (
        <Card title={t('replenishment.request')}>
          {alert}
          <Form form={form} layout="vertical" onFinish={onFinish} initialValues={{ lines: [{ quantity: 1 }] }}>
            <Form.Item name="fromWarehouseCode" label={t('replenishment.from')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={32} style={{ width: 200 }} /></Form.Item>
            <Form.List name="lines">
              {(fields, { add }) => (
                <>
                  {fields.map((f) => (
                    <Row gutter={8} key={f.key}>
                      <Col span={12}><Form.Item name={[f.name, 'sku']} label={t('replenishment.sku')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={64} /></Form.Item></Col>
                      <Col span={6}><Form.Item name={[f.name, 'quantity']} label={t('replenishment.quantity')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} max={99999} style={{ width: '100%' }} /></Form.Item></Col>
                    </Row>
                  ))}
                  <Button onClick={() => add({ quantity: 1 })}>{t('records.addLine')}</Button>
                </>
              )}
            </Form.List>
            <Form.Item name="note" label={t('replenishment.note')}><Input maxLength={500} /></Form.Item>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="request-replenishment">{t('records.send')}</Button>
          </Form>
        </Card>
      )}
      <ProblemAlert error={list.error} />
      <Table<Replenishment>
        rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={false}
        columns={[
          { title: t('replenishment.number'), dataIndex: 'number' },
          { title: t('complaint.loggedAt'), dataIndex: 'requestedAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('replenishment.from'), dataIndex: 'fromWarehouseCode' },
          { title: t('replenishment.lines'), key: 'lines', render: (_, r) => r.lines.map((l) => `${l.sku} ×${l.quantity}`).join('; ') },
          { title: t('replenishment.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
          { title: t('replenishment.transfer'), dataIndex: 'transferNumber', render: (n: string | null) => n ?? <Typography.Text type="secondary">{t('replenishment.waiting')}</Typography.Text> },
        ]}
      />
    </>
  );
}

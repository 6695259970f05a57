import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Space, Statistic, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { placeFieldErrors } from '../kit/Problems';
import { businessToday, CHANNELS, optional, type Channel } from './front-desk';

type Reception = components['schemas']['ReceptionView'];
export type ReceptionForm = { channel: Channel; name: string; phone?: string; need?: string; referredTo?: string; consultant?: string; outcome?: string };

/** The request the API takes from the reception form: blanks left out, the consultant only where the channel takes one. */
export function receptionBody(values: ReceptionForm): components['schemas']['LogReceptionRequest'] {
  return {
    channel: values.channel, name: values.name.trim(),
    ...(optional(values.phone) ? { phone: optional(values.phone) } : {}),
    ...(optional(values.need) ? { need: optional(values.need) } : {}),
    ...(values.channel === 'referral' && optional(values.referredTo) ? { referredTo: optional(values.referredTo) } : {}),
    ...(['phone', 'web', 'event'].includes(values.channel) && optional(values.consultant) ? { consultant: optional(values.consultant) } : {}),
    ...(optional(values.outcome) ? { outcome: optional(values.outcome) } : {}),
  };
}

/**
 * The front desk (前台接待): one fast form for every walk-in and call — the consultant the platform assigns (by
 * rotation, the returning customer's own, or the referral's) is shown at once — today's counts by source, a
 * visitor for staff sent on to security, and the reception log.
 */
export function Reception() {
  const { t, locale } = useI18n();
  const session = useSession();
  const m = (key: string) => t(key as MessageKey);
  const mayLog = session.may('POST /api/v1/sales/receptions');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {mayLog && <ReceptionDesk />}
      <TodayCounts />
      <DataList<Reception>
        title="nav.reception"
        queryKey="receptions"
        csvPath="/api/v1/sales/receptions"
        read={(query) => answer(api.GET('/api/v1/sales/receptions', { params: { query: query as never } }))}
        filters={[
          { name: 'date', label: 'roster.date', kind: 'date' },
          { name: 'channel', label: 'reception.channel', kind: 'select', options: CHANNELS.map((c) => ({ value: c, label: m(`reception.channel.${c}`) })) },
          { name: 'consultant', label: 'reception.consultant', kind: 'text' },
        ]}
        toolbar={session.may('POST /api/v1/sales/receptions/staff-visitors') && <StaffVisitorDialog />}
        columns={[
          { title: t('reception.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
          { title: t('reception.number'), dataIndex: 'number' },
          { title: t('reception.channel'), key: 'channel', render: (_, r) => (r.kind === 'staff_visitor' ? <Tag>{t('reception.staffVisitor')}</Tag> : m(`reception.channel.${r.channel}`)) },
          { title: t('reception.name'), dataIndex: 'name' },
          { title: t('reception.phone'), dataIndex: 'phone', render: (p: string | null) => p ?? '—' },
          { title: t('reception.need'), key: 'need', render: (_, r) => r.need ?? (r.purpose ? `${r.host}: ${r.purpose}` : '—') },
          { title: t('reception.consultant'), key: 'consultant', render: (_, r) => (r.consultant ? <span>{r.consultant} <Typography.Text type="secondary">({m(`reception.assignment.${r.assignment}`)})</Typography.Text></span> : '—') },
          { title: t('reception.outcome'), dataIndex: 'outcome', render: (o: string | null) => o ?? '—' },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, r) => r.kind === 'customer' && session.may('POST /api/v1/sales/receptions/{id}/outcome') && (
              <ActionButton reason={t('reception.outcome')} testId={`outcome-${r.number}`}
                run={(outcome) => answer(api.POST('/api/v1/sales/receptions/{id}/outcome', { params: { path: { id: r.id } }, body: { outcome } }))}>
                {t('reception.recordOutcome')}
              </ActionButton>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** The receptionist's form: always open, channel first; the answer shows who takes the customer. */
export function ReceptionDesk() {
  const { t } = useI18n();
  const m = (key: string) => t(key as MessageKey);
  const [form] = Form.useForm<ReceptionForm>();
  const idempotency = useIdempotencyKey();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ error: unknown; unplaced: string[] }>();
  const [last, setLast] = useState<Reception>();
  const channel = Form.useWatch('channel', form) ?? 'walk_in';
  const required = [{ required: true, message: t('common.required') }];
  const send = async (values: ReceptionForm) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const created = await answer(api.POST('/api/v1/sales/receptions', { body: receptionBody(values), headers: idempotency.headers() }));
      idempotency.renew();
      setLast(created);
      form.resetFields();
      form.setFieldsValue({ channel: values.channel });
    } catch (error) {
      setProblem({ error, unplaced: placeFieldErrors(form, error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t('nav.reception')}>
      {last && (
        <Alert
          type={last.consultant ? 'success' : 'info'} showIcon style={{ marginBottom: 16 }} data-testid="assigned"
          title={last.consultant ? `${t('reception.assigned')} ${last.consultant} (${m(`reception.assignment.${last.assignment}`)})` : t('reception.noConsultant')}
          description={last.skipped.length > 0 ? `${last.skipped.join(', ')}: ${t('reception.skipped')}` : undefined}
        />
      )}
      <ProblemAlert error={problem?.error} extra={problem?.unplaced} />
      <Form form={form} layout="vertical" initialValues={{ channel: 'walk_in' }} onFinish={send}>
        <Form.Item name="channel" label={t('reception.channel')} rules={required}>
          <Radio.Group optionType="button" options={CHANNELS.map((c) => ({ value: c, label: m(`reception.channel.${c}`) }))} />
        </Form.Item>
        <Row gutter={16}>
          <Col span={8}><Form.Item name="name" label={t('reception.name')} rules={required}><Input autoFocus /></Form.Item></Col>
          <Col span={8}><Form.Item name="phone" label={t('reception.phone')}><Input inputMode="tel" /></Form.Item></Col>
          <Col span={8}>
            {channel === 'referral' && <Form.Item name="referredTo" label={t('reception.referredTo')} rules={required}><Input /></Form.Item>}
            {['phone', 'web', 'event'].includes(channel) && <Form.Item name="consultant" label={t('reception.consultant')}><Input /></Form.Item>}
          </Col>
        </Row>
        <Row gutter={16}>
          <Col span={12}><Form.Item name="need" label={t('reception.need')}><Input /></Form.Item></Col>
          <Col span={12}><Form.Item name="outcome" label={t('reception.outcome')}><Input /></Form.Item></Col>
        </Row>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="log-reception">{t('reception.log')}</Button>
      </Form>
    </Card>
  );
}

function TodayCounts() {
  const { t } = useI18n();
  const session = useSession();
  const today = businessToday();
  const counts = useQuery({
    queryKey: ['reception-counts', today],
    enabled: session.may('GET /api/v1/sales/receptions/daily-counts'),
    queryFn: () => answer(api.GET('/api/v1/sales/receptions/daily-counts', { params: { query: { from: today, to: today } } })),
  });
  const c = counts.data?.totals;
  if (!c) return null;
  return (
    <Card size="small" title={`${t('reception.today')} ${today}`}>
      <Space size="large" wrap>
        <Statistic title={t('reception.walkIns')} value={c.walkIns} />
        <Statistic title={t('reception.calls')} value={c.calls} />
        <Statistic title={t('reception.channel.referral')} value={c.referral} />
        <Statistic title={t('reception.channel.web')} value={c.web} />
        <Statistic title={t('reception.channel.event')} value={c.event} />
        <Statistic title={t('reception.total')} value={c.total} />
        <Statistic title={t('reception.staffVisitors')} value={c.staffVisitors} />
      </Space>
    </Card>
  );
}

type StaffVisitorForm = { name: string; phone?: string; host: string; purpose: string };

function StaffVisitorDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const required = [{ required: true, message: t('common.required') }];
  const submit = async (values: StaffVisitorForm) => {
    await answer(api.POST('/api/v1/sales/receptions/staff-visitors', {
      body: { name: values.name.trim(), host: values.host.trim(), purpose: values.purpose.trim(), ...(optional(values.phone) ? { phone: optional(values.phone) } : {}) },
      headers: idempotency.headers(),
    }));
    idempotency.renew();
  };
  return (
    <FormDialog<StaffVisitorForm> trigger={t('reception.staffVisitor')} title={t('reception.staffVisitor')} submit={submit} primary={false} testId="staff-visitor">
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('reception.staffVisitorHint')}</Typography.Paragraph>
          <Form.Item name="name" label={t('reception.name')} rules={required}><Input /></Form.Item>
          <Form.Item name="phone" label={t('reception.phone')}><Input /></Form.Item>
          <Form.Item name="host" label={t('reception.host')} rules={required}><Input /></Form.Item>
          <Form.Item name="purpose" label={t('reception.purpose')} rules={required}><Input /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

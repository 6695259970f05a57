import { useQuery } from '@tanstack/react-query';
import { Alert, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
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
import { optional } from './front-desk';

type Lead = components['schemas']['LeadView'];
type Dispute = components['schemas']['LeadDisputeView'];
const STATUSES = ['owned', 'shared', 'pool'] as const;
const STATUS_COLOR: Record<string, string> = { owned: 'blue', shared: 'purple', pool: 'default' };
const AWARDS = ['claimant', 'owners', 'shared'] as const;

export type LeadForm = { name: string; phone: string; need?: string };

/** The registration the API takes: name and phone trimmed, the need only when written. */
export const leadBody = (values: LeadForm) => ({ name: values.name.trim(), phone: values.phone.trim(), ...(optional(values.need) ? { need: optional(values.need) } : {}) });

/**
 * Leads (业绩归属): a sales rep registers customers (name and phone) and logs follow-ups of their own; a lead not
 * followed up for two months is back in the pool. The sales manager reads all and decides the disputes below.
 */
export function Leads() {
  const { t } = useI18n();
  const session = useSession();
  const m = (key: string) => t(key as MessageKey);
  const mayFollowUp = session.may('POST /api/v1/sales/leads/{id}/follow-ups');
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <DataList<Lead>
        title="nav.leads"
        queryKey="leads"
        csvPath="/api/v1/sales/leads"
        read={(query) => answer(api.GET('/api/v1/sales/leads', { params: { query: query as never } }))}
        filters={[
          { name: 'status', label: 'leads.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: m(`leads.status.${s}`) })) },
          { name: 'phone', label: 'leads.phone', kind: 'text' },
          { name: 'consultant', label: 'leads.consultant', kind: 'text' },
        ]}
        toolbar={session.may('POST /api/v1/sales/leads') && <RegisterLeadDialog />}
        expandable={{ expandedRowRender: (l) => <LeadDetails id={l.id} /> }}
        columns={[
          { title: t('leads.name'), dataIndex: 'name' },
          { title: t('leads.phone'), dataIndex: 'phone' },
          { title: t('leads.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{m(`leads.status.${s}`)}</Tag> },
          { title: t('leads.owners'), key: 'owners', render: (_, l) => l.owners.map((o) => `${o.consultant}${o.share < 100 ? ` ${o.share}%` : ''}`).join(', ') || '—' },
          { title: t('leads.lastFollowUp'), dataIndex: 'lastFollowUpOn', render: (d: string | null) => d ?? '—' },
          { title: t('leads.ownedUntil'), dataIndex: 'ownedUntil', render: (d: string | null) => d ?? '—' },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, l) => mayFollowUp && l.status !== 'pool' && (
              <ActionButton reason={t('leads.followUpNote')} testId={`follow-up-${l.phone}`}
                run={(note) => answer(api.POST('/api/v1/sales/leads/{id}/follow-ups', { params: { path: { id: l.id } }, body: { note } }))}>
                {t('leads.followUp')}
              </ActionButton>
            ),
          },
        ]}
      />
      {session.may('GET /api/v1/sales/lead-disputes') && <Disputes />}
    </Space>
  );
}

function LeadDetails({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const lead = useQuery({ queryKey: ['lead', id], queryFn: () => answer(api.GET('/api/v1/sales/leads/{id}', { params: { path: { id } } })) });
  if (!lead.data) return null;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('leads.followUps')}</Typography.Text>
      <Table rowKey="at" size="small" pagination={false} dataSource={lead.data.followUps ?? []}
        columns={[
          { title: t('roster.date'), dataIndex: 'date' },
          { title: t('leads.consultant'), dataIndex: 'consultant' },
          { title: t('leads.followUpNote'), dataIndex: 'note' },
        ]} />
      <Typography.Text strong>{t('leads.timeline')}</Typography.Text>
      {(lead.data.timeline ?? []).map((h) => <Typography.Text key={h.at + h.reason}>{formatDateTime(h.at, locale)} · {h.reason}</Typography.Text>)}
    </Space>
  );
}

/** Registers a customer as the rep's lead; the answer says whether it is new, from the pool, shared or disputed. */
export function RegisterLeadDialog() {
  const { t } = useI18n();
  const m = (key: string) => t(key as MessageKey);
  const idempotency = useIdempotencyKey();
  const [outcome, setOutcome] = useState<Lead>();
  const required = [{ required: true, message: t('common.required') }];
  const submit = async (values: LeadForm) => {
    const lead = await answer(api.POST('/api/v1/sales/leads', { body: leadBody(values), headers: idempotency.headers() }));
    idempotency.renew();
    setOutcome(lead);
  };
  return (
    <Space>
      <FormDialog<LeadForm> trigger={t('leads.register')} title={t('leads.register')} submit={submit} testId="register-lead">
        {() => (
          <>
            <Typography.Paragraph type="secondary">{t('leads.registerHint')}</Typography.Paragraph>
            <Form.Item name="name" label={t('leads.name')} rules={required}><Input /></Form.Item>
            <Form.Item name="phone" label={t('leads.phone')} rules={required}><Input inputMode="tel" /></Form.Item>
            <Form.Item name="need" label={t('reception.need')}><Input /></Form.Item>
          </>
        )}
      </FormDialog>
      {outcome?.registration && (
        <Alert type={outcome.registration === 'disputed' ? 'warning' : 'success'} showIcon data-testid="lead-registration"
          title={`${outcome.name} ${outcome.phone}: ${m(`leads.registration.${outcome.registration}`)}`} />
      )}
    </Space>
  );
}

function Disputes() {
  const { t, locale } = useI18n();
  const session = useSession();
  const m = (key: string) => t(key as MessageKey);
  return (
    <DataList<Dispute>
      title="leads.disputes"
      queryKey="lead-disputes"
      read={(query) => answer(api.GET('/api/v1/sales/lead-disputes', { params: { query: query as never } }))}
      initial={{ status: 'open' }}
      filters={[{ name: 'status', label: 'leads.status', kind: 'select', options: ['open', 'decided'].map((s) => ({ value: s, label: m(`leads.disputeStatus.${s}`) })) }]}
      columns={[
        { title: t('leads.name'), key: 'lead', render: (_, d) => `${d.leadName} ${d.phone}` },
        { title: t('leads.claimant'), dataIndex: 'claimant' },
        { title: t('leads.owners'), dataIndex: 'owners', render: (o: string[]) => o.join(', ') },
        { title: t('reception.at'), dataIndex: 'openedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('leads.award'), key: 'award', render: (_, d) => (d.award ? `${m(`leads.award.${d.award}`)}: ${d.decisionReason}` : m('leads.disputeStatus.open')) },
        { title: t('common.actions'), key: 'actions', render: (_, d) => d.status === 'open' && session.may('POST /api/v1/sales/lead-disputes/{id}/decide') && <DecideDialog dispute={d} /> },
      ]}
    />
  );
}

function DecideDialog({ dispute }: { dispute: Dispute }) {
  const { t } = useI18n();
  const m = (key: string) => t(key as MessageKey);
  const required = [{ required: true, message: t('common.required') }];
  const submit = (values: { award: (typeof AWARDS)[number]; reason: string }) =>
    answer(api.POST('/api/v1/sales/lead-disputes/{id}/decide', { params: { path: { id: dispute.id } }, body: { award: values.award, reason: values.reason.trim() } }));
  return (
    <FormDialog<{ award: (typeof AWARDS)[number]; reason: string }> trigger={t('leads.decide')} title={`${t('leads.decide')}: ${dispute.leadName}`} submit={submit} size="small" testId={`decide-${dispute.id}`}>
      {() => (
        <>
          <Form.Item name="award" label={t('leads.award')} rules={required}>
            <Select aria-label={t('leads.award')} options={AWARDS.map((a) => ({ value: a, label: m(`leads.award.${a}`) }))} />
          </Form.Item>
          <Form.Item name="reason" label={t('leads.reason')} rules={required}><Input.TextArea /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

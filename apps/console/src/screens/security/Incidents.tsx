import { useQuery } from '@tanstack/react-query';
import { Checkbox, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Tag, Timeline, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { Person } from '../kit/people';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { INCIDENT_SEVERITIES, INCIDENT_STATUS_COLOR, INCIDENT_STATUSES, INCIDENT_TYPES, SEVERITY_COLOR, type IncidentType } from './labels';

type Incident = components['schemas']['IncidentView'];
type Report = components['schemas']['ReportIncidentRequest'];
type ReportForm = Omit<Report, 'occurredAt'> & { occurredAt?: Dayjs };

/** Incidents, newest first, by type; those on watch or the warehouse floor report what they see. */
export function Incidents() {
  const { t, locale } = useI18n();
  const session = useSession();
  // Warehouse staff may report what they see but not read the list.
  if (!session.may('GET /api/v1/security/incidents')) {
    return (
      <Space orientation="vertical">
        <Typography.Title level={2}>{t('nav.incidents')}</Typography.Title>
        <Typography.Paragraph>{t('security.reportOnly')}</Typography.Paragraph>
        {session.may('POST /api/v1/security/incidents') && <ReportIncident />}
      </Space>
    );
  }
  return (
    <DataList<Incident>
      title="nav.incidents"
      queryKey="incidents"
      csvPath="/api/v1/security/incidents"
      read={({ type, severity, ...query }) => answer(api.GET('/api/v1/security/incidents', {
        params: { query: { ...query, type: type as IncidentType | undefined, severity: severity as Incident['severity'] | undefined } },
      }))}
      filters={[
        { name: 'status', label: 'incidents.filterStatus', kind: 'select', options: INCIDENT_STATUSES.map((v) => ({ value: v, label: label(v, locale) })) },
        { name: 'severity', label: 'incidents.filterSeverity', kind: 'select', options: INCIDENT_SEVERITIES.map((v) => ({ value: v, label: label(v, locale) })) },
        { name: 'type', label: 'security.filterType', kind: 'select', options: INCIDENT_TYPES.map((v) => ({ value: v, label: label(v, locale) })) },
        { name: 'assignee', label: 'incidents.filterAssignee', kind: 'text' },
        { name: 'from', label: 'incidents.from', kind: 'date' },
        { name: 'to', label: 'incidents.to', kind: 'date' },
      ]}
      toolbar={session.may('POST /api/v1/security/incidents') && <ReportIncident />}
      expandable={{ expandedRowRender: (i) => <IncidentDetails incident={i} /> }}
      columns={[
        { title: t('security.incidentNumber'), dataIndex: 'number', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
        { title: t('security.severity'), dataIndex: 'severity', render: (s: Incident['severity']) => <Tag color={SEVERITY_COLOR[s]}>{label(s, locale)}</Tag> },
        { title: t('security.type'), dataIndex: 'type', render: (v: string) => label(v, locale) },
        { title: t('security.status'), dataIndex: 'status', render: (s: Incident['status']) => <Tag color={INCIDENT_STATUS_COLOR[s]}>{label(s, locale)}</Tag> },
        { title: t('security.location'), dataIndex: 'location' },
        { title: t('security.occurredAt'), dataIndex: 'occurredAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('security.description'), dataIndex: 'description', render: (d: string) => <Typography.Text ellipsis={{ tooltip: d }} style={{ maxWidth: 320 }}>{d}</Typography.Text> },
        { title: t('security.acknowledgeBy'), key: 'acknowledgeBy', render: (_, i) => <AcknowledgeBy incident={i} /> },
        { title: t('security.reportedBy'), dataIndex: 'reportedBy', render: (id: string) => <Person id={id} /> },
        { title: t('security.reportedAt'), dataIndex: 'reportedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('incidents.assignee'), dataIndex: 'assignee', render: (id: string | null) => (id ? <Person id={id} /> : '—') },
        { title: t('common.actions'), key: 'actions', render: (_, i) => <IncidentActions incident={i} /> },
      ]}
    />
  );
}

/** High and critical incidents must be acknowledged by a deadline; an unacknowledged one past it stands out. */
function AcknowledgeBy({ incident }: { incident: Incident }) {
  const { t, locale } = useI18n();
  if (!incident.acknowledgeBy) return <>—</>;
  const overdue = incident.status === 'reported' && new Date(incident.acknowledgeBy) < new Date();
  if (incident.escalatedAt) return <Tag color="red">{t('incidents.escalated')} {formatDateTime(incident.escalatedAt, locale)}</Tag>;
  return overdue
    ? <Tag color="red">{t('security.overdue')} {formatDateTime(incident.acknowledgeBy, locale)}</Tag>
    : <>{formatDateTime(incident.acknowledgeBy, locale)}</>;
}

/** The incident's notes, evidence and timeline (its history: each move, assignment, note and escalation). */
function IncidentDetails({ incident }: { incident: Incident }) {
  const { t, locale } = useI18n();
  const detail = useQuery({ queryKey: ['incident', incident.id], queryFn: () => answer(api.GET('/api/v1/security/incidents/{id}', { params: { path: { id: incident.id } } })) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Descriptions size="small" column={1} bordered items={[
        { key: 'description', label: t('security.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{incident.description}</span> },
        { key: 'evidence', label: t('security.evidence'), children: incident.evidence.length ? incident.evidence.map((e) => <Tag key={e}>{e}</Tag>) : '—' },
        ...(incident.cashInvolved ? [{ key: 'cash', label: t('incidents.cash'), children: incident.cashAmountFen != null ? formatFen(incident.cashAmountFen) : '—' }] : []),
        ...(incident.resolution ? [{ key: 'resolution', label: t('incidents.resolution'), children: incident.resolution }] : []),
        {
          key: 'notes', label: t('incidents.notes'),
          children: detail.data?.notes.length ? detail.data.notes.map((n) => <div key={n.at}>{formatDateTime(n.at, locale)} <Person id={n.by} />：{n.text}</div>) : '—',
        },
      ]} />
      <Typography.Text strong>{t('incidents.timeline')}</Typography.Text>
      <Timeline items={(detail.data?.timeline ?? []).map((h, n) => ({
        key: n,
        color: h.from === h.to ? 'gray' : 'blue',
        content: <>{formatDateTime(h.at, locale)} {h.from !== h.to && <Tag>{label(h.to, locale)}</Tag>}{h.reason}</>,
      }))} />
    </Space>
  );
}

/** The next steps of an incident's life, each shown to whom may take it. */
function IncidentActions({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  const session = useSession();
  const path = { params: { path: { id: incident.id } } };
  const open = incident.status !== 'closed';
  return (
    <Space wrap>
      {incident.status === 'reported' && session.may('POST /api/v1/security/incidents/{id}/acknowledge') && (
        <ActionButton primary run={() => answer(api.POST('/api/v1/security/incidents/{id}/acknowledge', path))}>{t('incidents.acknowledge')}</ActionButton>
      )}
      {open && session.may('POST /api/v1/security/incidents/{id}/assign') && (
        <FormDialog<{ assignee: string }> trigger={t('incidents.assign')} title={t('incidents.assign')} primary={false} size="small"
          initialValues={{ assignee: incident.assignee ?? '' }}
          submit={({ assignee }) => answer(api.POST('/api/v1/security/incidents/{id}/assign', { ...path, body: { assignee: assignee.trim() } }))}>
          {() => (
            <Form.Item name="assignee" label={t('incidents.assignee')} extra={t('incidents.assigneeHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input maxLength={100} />
            </Form.Item>
          )}
        </FormDialog>
      )}
      {incident.status === 'acknowledged' && session.may('POST /api/v1/security/incidents/{id}/investigate') && (
        <ActionButton run={() => answer(api.POST('/api/v1/security/incidents/{id}/investigate', path))}>{t('incidents.investigate')}</ActionButton>
      )}
      {incident.status === 'investigating' && session.may('POST /api/v1/security/incidents/{id}/resolve') && (
        <ActionButton reason={t('incidents.resolution')} run={(resolution) => answer(api.POST('/api/v1/security/incidents/{id}/resolve', { ...path, body: { resolution } }))}>{t('incidents.resolve')}</ActionButton>
      )}
      {incident.status === 'resolved' && session.may('POST /api/v1/security/incidents/{id}/close') && (
        <ActionButton run={() => answer(api.POST('/api/v1/security/incidents/{id}/close', path))}>{t('incidents.close')}</ActionButton>
      )}
      {open && session.may('POST /api/v1/security/incidents/{id}/notes') && (
        <ActionButton reason={t('incidents.noteText')} run={(text) => answer(api.POST('/api/v1/security/incidents/{id}/notes', { ...path, body: { text } }))}>{t('incidents.note')}</ActionButton>
      )}
      {open && session.may('POST /api/v1/security/incidents/{id}/evidence') && (
        <ActionButton reason={t('incidents.evidenceRefs')} run={(refs) => answer(api.POST('/api/v1/security/incidents/{id}/evidence', {
          ...path, body: { references: refs.split(/[\n,，]/).map((r) => r.trim()).filter(Boolean) },
        }))}>{t('incidents.addEvidence')}</ActionButton>
      )}
    </Space>
  );
}

export function ReportIncident() {
  const { t, locale } = useI18n();
  return (
    <FormDialog<ReportForm>
      trigger={t('security.report')}
      title={t('security.report')}
      width={600}
      testId="report-incident"
      submit={({ occurredAt, evidence, cashInvolved, cashAmountFen, ...values }) => answer(api.POST('/api/v1/security/incidents', {
        body: {
          ...values,
          ...(cashInvolved ? { cashInvolved: true, ...(cashAmountFen != null ? { cashAmountFen } : {}) } : {}),
          location: values.location.trim(),
          description: values.description.trim(),
          ...(occurredAt ? { occurredAt: occurredAt.toISOString() } : {}),
          ...(evidence?.length ? { evidence: evidence.map((e) => e.trim()).filter(Boolean) } : {}),
        },
      }))}
    >
      {() => (
        <>
          <Form.Item name="type" label={t('security.type')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={INCIDENT_TYPES.map((v) => ({ value: v, label: label(v, locale) }))} />
          </Form.Item>
          <Form.Item name="severity" label={t('security.severity')} extra={t('security.severityHint')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={INCIDENT_SEVERITIES.map((v) => ({ value: v, label: <Tag color={SEVERITY_COLOR[v]}>{label(v, locale)}</Tag> }))} />
          </Form.Item>
          <Form.Item name="location" label={t('security.location')} extra={t('security.locationHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input maxLength={100} placeholder="MAIN/A-03" />
          </Form.Item>
          <Form.Item name="occurredAt" label={t('security.occurredAt')} extra={t('security.occurredAtHint')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} disabledDate={(d) => d.isAfter(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="description" label={t('security.description')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={4} maxLength={4000} showCount />
          </Form.Item>
          <Form.Item name="evidence" label={t('security.evidence')} extra={t('security.evidenceHint')}>
            <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} maxCount={20} />
          </Form.Item>
          <Form.Item name="cashInvolved" label={t('incidents.cash')} valuePropName="checked">
            <Checkbox />
          </Form.Item>
          <Form.Item name="cashAmountFen" label={t('incidents.cashAmount')}>
            <InputNumber min={0} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

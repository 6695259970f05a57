import { DatePicker, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { Person } from '../kit/people';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { INCIDENT_SEVERITIES, INCIDENT_STATUS_COLOR, INCIDENT_TYPES, SEVERITY_COLOR, type IncidentType } from './labels';

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
      read={({ type, ...query }) => answer(api.GET('/api/v1/security/incidents', { params: { query: { ...query, type: type as IncidentType | undefined } } }))}
      filters={[{ name: 'type', label: 'security.filterType', kind: 'select', options: INCIDENT_TYPES.map((v) => ({ value: v, label: label(v, locale) })) }]}
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
      ]}
    />
  );
}

/** High and critical incidents must be acknowledged by a deadline; an unacknowledged one past it stands out. */
function AcknowledgeBy({ incident }: { incident: Incident }) {
  const { t, locale } = useI18n();
  if (!incident.acknowledgeBy) return <>—</>;
  const overdue = incident.status === 'reported' && new Date(incident.acknowledgeBy) < new Date();
  return overdue
    ? <Tag color="red">{t('security.overdue')} {formatDateTime(incident.acknowledgeBy, locale)}</Tag>
    : <>{formatDateTime(incident.acknowledgeBy, locale)}</>;
}

function IncidentDetails({ incident }: { incident: Incident }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={1} bordered items={[
      { key: 'description', label: t('security.description'), children: <span style={{ whiteSpace: 'pre-wrap' }}>{incident.description}</span> },
      { key: 'evidence', label: t('security.evidence'), children: incident.evidence.length ? incident.evidence.map((e) => <Tag key={e}>{e}</Tag>) : '—' },
    ]} />
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
      submit={({ occurredAt, evidence, ...values }) => answer(api.POST('/api/v1/security/incidents', {
        body: {
          ...values,
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
        </>
      )}
    </FormDialog>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Form, Select, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { ApiProblem } from '../../lib/problem';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { FormDialog } from '../kit/FormDialog';
import { usePeople } from '../kit/people';
import { businessToday } from './front-desk';

type Roster = components['schemas']['DutyRosterView'];
type Fairness = components['schemas']['FairnessRowView'];

/**
 * The day's duty roster (值班): who is on the floor in rotation order, who is next, away / back with the reason,
 * the turns and lost turns so far; and the fairness counts per consultant over a period, for the audit.
 */
export function DutyRoster() {
  const { t } = useI18n();
  const session = useSession();
  const [date, setDate] = useState(businessToday());
  const [period, setPeriod] = useState<[string, string]>([dayjs(businessToday()).subtract(29, 'day').format('YYYY-MM-DD'), businessToday()]);
  const roster = useQuery({
    queryKey: ['duty-roster', date],
    queryFn: () => answer(api.GET('/api/v1/sales/duty-roster/{date}', { params: { path: { date } } })),
  });
  const fairness = useQuery({
    queryKey: ['rotation-fairness', period],
    enabled: session.may('GET /api/v1/sales/rotation/fairness'),
    queryFn: () => answer(api.GET('/api/v1/sales/rotation/fairness', { params: { query: { from: period[0], to: period[1] } } })),
  });
  const mayPresence = session.may('POST /api/v1/sales/duty-roster/{date}/presence');
  const missing = roster.error instanceof ApiProblem && roster.error.problem.status === 404;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.dutyRoster')}</Typography.Title>
      <Space wrap>
        <DatePicker aria-label={t('roster.date')} value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />
        {session.may('PUT /api/v1/sales/duty-roster/{date}') && <SetRosterDialog date={date} current={roster.data} />}
      </Space>
      {missing ? <Typography.Text type="secondary">{t('roster.none')}</Typography.Text> : <ProblemAlert error={roster.error} />}
      {roster.data && (
        <Table
          rowKey="consultant" size="middle" pagination={false} dataSource={roster.data.consultants}
          columns={[
            { title: t('reception.consultant'), dataIndex: 'consultant', render: (c: string, r) => <Space>{c}{r.next && <Tag color="blue">{t('roster.next')}</Tag>}</Space> },
            { title: t('roster.present'), key: 'present', render: (_, r) => (r.present ? <Tag color="green">{t('roster.present')}</Tag> : <Tag color="orange">{t('roster.away')}: {r.awayReason}</Tag>) },
            { title: t('roster.turns'), dataIndex: 'turns', align: 'right' },
            { title: t('roster.skips'), dataIndex: 'skips', align: 'right' },
            {
              title: t('common.actions'), key: 'actions',
              render: (_, r) => mayPresence && (r.present
                ? <ActionButton reason={t('roster.awayReason')} testId={`away-${r.consultant}`} run={(reason) => answer(api.POST('/api/v1/sales/duty-roster/{date}/presence', { params: { path: { date } }, body: { consultant: r.consultant, present: false, reason } }))}>{t('roster.markAway')}</ActionButton>
                : <ActionButton testId={`back-${r.consultant}`} run={() => answer(api.POST('/api/v1/sales/duty-roster/{date}/presence', { params: { path: { date } }, body: { consultant: r.consultant, present: true } }))}>{t('roster.markBack')}</ActionButton>),
            },
          ]}
        />
      )}
      {fairness.data && (
        <Card title={t('roster.fairness')} extra={
          <DatePicker.RangePicker aria-label={t('roster.fairness')} allowClear={false} value={[dayjs(period[0]), dayjs(period[1])]}
            onChange={(range) => range?.[0] && range[1] && setPeriod([range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')])} />
        }>
          <Table<Fairness>
            rowKey="consultant" size="small" pagination={false} dataSource={fairness.data.consultants}
            columns={[
              { title: t('reception.consultant'), dataIndex: 'consultant' },
              { title: t('roster.turns'), dataIndex: 'turns', align: 'right' },
              { title: t('roster.skips'), dataIndex: 'skips', align: 'right' },
              { title: t('roster.returning'), dataIndex: 'returning', align: 'right' },
              { title: t('roster.referrals'), dataIndex: 'referrals', align: 'right' },
              { title: t('roster.skipReasons'), key: 'reasons', render: (_, r) => r.skipReasons.map((s) => `${s.reason} ×${s.count}`).join('; ') || '—' },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

/** The sales manager puts the day's consultants in rotation order (usernames; the people directory offers them). */
function SetRosterDialog({ date, current }: { date: string; current?: Roster }) {
  const { t } = useI18n();
  const { people } = usePeople();
  const submit = (values: { consultants: string[] }) => answer(api.PUT('/api/v1/sales/duty-roster/{date}', { params: { path: { date } }, body: { consultants: values.consultants ?? [] } }));
  return (
    <FormDialog<{ consultants: string[] }> trigger={t('roster.set')} title={`${t('roster.set')} ${date}`} submit={submit} testId="set-roster"
      initialValues={{ consultants: current?.consultants.map((c) => c.consultant) ?? [] }}>
      {() => (
        <Form.Item name="consultants" label={t('roster.consultants')} rules={[{ required: true, message: t('common.required') }]}>
          <Select mode="tags" aria-label={t('roster.consultants')} options={people.filter((p) => p.active).map((p) => ({ value: p.username, label: `${p.displayName} (${p.username})` }))} />
        </Form.Item>
      )}
    </FormDialog>
  );
}

import { DatePicker, Form, Input, Tabs, Tag } from 'antd';
import type { Dayjs } from 'dayjs';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';

type Visitor = components['schemas']['VisitorView'];
type CheckIn = Omit<components['schemas']['CheckInVisitorRequest'], 'expectedLeaveAt'> & { expectedLeaveAt: Dayjs };

/** Visitors (前臺接待): the daily log with its CSV, check-in and check-out, and who stayed past their time. */
export function Visitors() {
  const { t } = useI18n();
  return (
    <Tabs items={[
      { key: 'log', label: t('visitors.log'), children: <VisitorLog /> },
      { key: 'overstays', label: t('visitors.overstays'), children: <Overstays /> },
    ]} />
  );
}

function useColumns() {
  const { t, locale } = useI18n();
  const session = useSession();
  return [
    { title: t('visitors.name'), dataIndex: 'name' },
    { title: t('visitors.idMasked'), dataIndex: 'idNumberMasked' },
    { title: t('visitors.host'), dataIndex: 'host', render: (id: string) => <Person id={id} /> },
    { title: t('visitors.purpose'), dataIndex: 'purpose' },
    { title: t('visitors.badge'), dataIndex: 'badge' },
    { title: t('visitors.checkedInAt'), dataIndex: 'checkedInAt', render: (at: string) => formatDateTime(at, locale) },
    { title: t('visitors.expectedLeaveAt'), dataIndex: 'expectedLeaveAt', render: (at: string, v: Visitor) => <>{formatDateTime(at, locale)} {v.overstaying && <Tag color="red">{t('visitors.overstaying')}</Tag>}</> },
    { title: t('visitors.checkedOutAt'), dataIndex: 'checkedOutAt', render: (at: string | null) => formatDateTime(at, locale) },
    { title: t('security.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'on_site' ? 'blue' : 'default'}>{t(`visitors.status.${s}` as MessageKey)}</Tag> },
    {
      title: t('common.actions'), key: 'actions',
      render: (_: unknown, v: Visitor) => v.status === 'on_site' && session.may('POST /api/v1/security/visitors/{id}/check-out') && (
        <ActionButton run={() => answer(api.POST('/api/v1/security/visitors/{id}/check-out', { params: { path: { id: v.id } } }))}>{t('visitors.checkOut')}</ActionButton>
      ),
    },
  ];
}

function VisitorLog() {
  const { t } = useI18n();
  const session = useSession();
  const columns = useColumns();
  return (
    <DataList<Visitor>
      title="visitors.log"
      queryKey="visitors"
      csvPath="/api/v1/security/visitors"
      read={({ status, ...query }) => answer(api.GET('/api/v1/security/visitors', { params: { query: { ...query, status: status as Visitor['status'] | undefined } } }))}
      filters={[
        { name: 'date', label: 'visitors.date', kind: 'date' },
        { name: 'status', label: 'security.status', kind: 'select', options: ['on_site', 'left'].map((s) => ({ value: s, label: t(`visitors.status.${s}` as MessageKey) })) },
      ]}
      toolbar={session.may('POST /api/v1/security/visitors') && (
        <FormDialog<CheckIn> trigger={t('visitors.checkIn')} title={t('visitors.checkIn')} width={560}
          submit={({ expectedLeaveAt, ...v }) => answer(api.POST('/api/v1/security/visitors', {
            body: { name: v.name.trim(), idNumber: v.idNumber.trim(), host: v.host.trim(), purpose: v.purpose.trim(), badge: v.badge.trim(), expectedLeaveAt: expectedLeaveAt.toISOString() },
          }))}>
          {() => (
            <>
              <Form.Item name="name" label={t('visitors.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
              <Form.Item name="idNumber" label={t('visitors.idNumber')} extra={t('visitors.idNumberHint')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                <Input maxLength={40} autoComplete="off" />
              </Form.Item>
              <Form.Item name="host" label={t('visitors.host')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
              <Form.Item name="purpose" label={t('visitors.purpose')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={500} /></Form.Item>
              <Form.Item name="badge" label={t('visitors.badge')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={20} /></Form.Item>
              <Form.Item name="expectedLeaveAt" label={t('visitors.expectedLeaveAt')} rules={[{ required: true, message: t('common.required') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
        </FormDialog>
      )}
      columns={columns}
    />
  );
}

function Overstays() {
  const columns = useColumns();
  return (
    <DataList<Visitor>
      title="visitors.overstays"
      queryKey="visitor-overstays"
      read={(query) => answer(api.GET('/api/v1/security/visitors/overstays', { params: { query } }))}
      columns={columns}
    />
  );
}

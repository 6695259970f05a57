import { Form, Select, Space, Tabs, Tag } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime, formatFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';

type Escort = components['schemas']['EscortView'];
type Status = Escort['status'];

const STATUSES: Status[] = ['requested', 'assigned', 'departed', 'completed'];
const STATUS_COLOR: Record<Status, string> = { requested: 'orange', assigned: 'blue', departed: 'geekblue', completed: 'green' };

/** Cash escorts to the bank: one task per deposit run finance schedules; a captain assigns at least two guards. */
export function Escorts() {
  const { t } = useI18n();
  return (
    <Tabs items={[
      { key: 'list', label: t('escorts.list'), children: <EscortList /> },
      { key: 'exceptions', label: t('escorts.exceptions'), children: <EscortExceptions /> },
    ]} />
  );
}

function useColumns() {
  const { t, locale } = useI18n();
  const session = useSession();
  return [
    { title: t('escorts.plannedAt'), dataIndex: 'plannedAt', render: (at: string, e: Escort) => <>{formatDateTime(at, locale)} {e.late && <Tag color="red">{t('escorts.late')}</Tag>}</> },
    { title: t('escorts.bank'), dataIndex: 'bank' },
    { title: t('escorts.amount'), dataIndex: 'amountFen', render: (fen: number) => formatFen(fen) },
    { title: t('security.status'), dataIndex: 'status', render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{t(`escorts.status.${s}` as MessageKey)}</Tag> },
    { title: t('escorts.guards'), dataIndex: 'guards', render: (guards: string[]) => (guards.length ? <Space wrap>{guards.map((g) => <Person key={g} id={g} />)}</Space> : '—') },
    { title: t('escorts.departedAt'), dataIndex: 'departedAt', render: (at: string | null) => formatDateTime(at, locale) },
    { title: t('escorts.arrivedAt'), dataIndex: 'arrivedAt', render: (at: string | null) => formatDateTime(at, locale) },
    {
      title: t('common.actions'), key: 'actions',
      render: (_: unknown, e: Escort) => {
        const path = { params: { path: { id: e.id } } };
        return (
          <Space wrap>
            {(e.status === 'requested' || e.status === 'assigned') && session.may('POST /api/v1/security/escorts/{id}/assign') && (
              <FormDialog<{ guards: string[] }> trigger={t('escorts.assign')} title={t('escorts.assign')} primary={e.status === 'requested'} size="small" initialValues={{ guards: e.guards }}
                submit={({ guards }) => answer(api.POST('/api/v1/security/escorts/{id}/assign', { ...path, body: { guards: guards.map((g) => g.trim()).filter(Boolean) } }))}>
                {() => (
                  <Form.Item name="guards" label={t('escorts.guards')} extra={t('escorts.guardsHint')} rules={[{ required: true, message: t('common.required') }]}>
                    <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，']} maxCount={6} />
                  </Form.Item>
                )}
              </FormDialog>
            )}
            {e.status === 'assigned' && session.may('POST /api/v1/security/escorts/{id}/depart') && (
              <ActionButton run={() => answer(api.POST('/api/v1/security/escorts/{id}/depart', path))}>{t('escorts.depart')}</ActionButton>
            )}
            {e.status === 'departed' && session.may('POST /api/v1/security/escorts/{id}/arrive') && (
              <ActionButton primary run={() => answer(api.POST('/api/v1/security/escorts/{id}/arrive', path))}>{t('escorts.arrive')}</ActionButton>
            )}
          </Space>
        );
      },
    },
  ];
}

function EscortList() {
  const { t } = useI18n();
  const columns = useColumns();
  return (
    <DataList<Escort>
      title="escorts.list"
      queryKey="escorts"
      csvPath="/api/v1/security/escorts"
      read={({ status, ...query }) => answer(api.GET('/api/v1/security/escorts', { params: { query: { ...query, status: status as Status | undefined } } }))}
      filters={[{ name: 'status', label: 'security.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(`escorts.status.${s}` as MessageKey) })) }]}
      columns={columns}
    />
  );
}

function EscortExceptions() {
  const columns = useColumns();
  return (
    <DataList<Escort>
      title="escorts.exceptions"
      queryKey="escort-exceptions"
      read={(query) => answer(api.GET('/api/v1/security/escorts/exceptions', { params: { query } }))}
      columns={columns}
    />
  );
}

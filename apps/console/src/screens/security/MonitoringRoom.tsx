import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Modal, Select, Space, Table, Tabs, Tag, Typography, Button } from 'antd';
import type { Dayjs } from 'dayjs';
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
import { Person } from '../kit/people';

type DutyLogEntry = components['schemas']['DutyLogEntryView'];
type Handover = components['schemas']['DutyHandoverView'];
type Sweep = components['schemas']['CameraSweepView'];
type Hold = components['schemas']['FootageHoldView'];
type SweepResult = components['schemas']['CameraSweepRequest']['result'];

const RESULTS: SweepResult[] = ['ok', 'fault', 'obstructed', 'suspicious'];
const RESULT_COLOR: Record<string, string> = { ok: 'green', fault: 'red', obstructed: 'orange', suspicious: 'volcano' };

/** The monitoring room (安防监控室): duty log, handovers, camera sweeps and footage holds. */
export function MonitoringRoom() {
  const { t } = useI18n();
  return (
    <Tabs items={[
      { key: 'log', label: t('monitoring.dutyLog'), children: <DutyLog /> },
      { key: 'handovers', label: t('monitoring.handovers'), children: <Handovers /> },
      { key: 'sweeps', label: t('monitoring.sweeps'), children: <Sweeps /> },
      { key: 'holds', label: t('monitoring.holds'), children: <Holds /> },
    ]} />
  );
}

function DutyLog() {
  const { t, locale } = useI18n();
  const session = useSession();
  return (
    <DataList<DutyLogEntry>
      title="monitoring.dutyLog"
      queryKey="duty-log"
      csvPath="/api/v1/security/duty-log"
      read={(query) => answer(api.GET('/api/v1/security/duty-log', { params: { query } }))}
      filters={[{ name: 'date', label: 'monitoring.date', kind: 'date' }]}
      toolbar={session.may('POST /api/v1/security/duty-log') && (
        <FormDialog<{ entry: string; camera?: string }> trigger={t('monitoring.write')} title={t('monitoring.write')}
          submit={({ entry, camera }) => answer(api.POST('/api/v1/security/duty-log', { body: { entry: entry.trim(), ...(camera?.trim() ? { camera: camera.trim() } : {}) } }))}>
          {() => (
            <>
              <Form.Item name="entry" label={t('monitoring.entry')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
              <Form.Item name="camera" label={t('monitoring.camera')}><Input maxLength={60} /></Form.Item>
            </>
          )}
        </FormDialog>
      )}
      columns={[
        { title: t('monitoring.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
        { title: t('monitoring.entry'), dataIndex: 'entry' },
        { title: t('monitoring.camera'), dataIndex: 'camera', render: (c: string | null) => c ?? '—' },
        { title: t('monitoring.operator'), dataIndex: 'operator', render: (id: string) => <Person id={id} /> },
      ]}
    />
  );
}

function Handovers() {
  const { t, locale } = useI18n();
  const session = useSession();
  return (
    <DataList<Handover>
      title="monitoring.handovers"
      queryKey="duty-handovers"
      read={({ status, ...query }) => answer(api.GET('/api/v1/security/duty-handovers', { params: { query: { ...query, status: status as Handover['status'] | undefined } } }))}
      filters={[{ name: 'status', label: 'security.status', kind: 'select', options: ['pending', 'confirmed'].map((s) => ({ value: s, label: t(`monitoring.status.${s}` as MessageKey) })) }]}
      toolbar={session.may('POST /api/v1/security/duty-handovers') && (
        <FormDialog<{ toOperator: string; notes: string }> trigger={t('monitoring.handOver')} title={t('monitoring.handOver')}
          submit={({ toOperator, notes }) => answer(api.POST('/api/v1/security/duty-handovers', { body: { toOperator: toOperator.trim(), notes: notes.trim() } }))}>
          {() => (
            <>
              <Form.Item name="toOperator" label={t('monitoring.toOperator')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
              <Form.Item name="notes" label={t('monitoring.handoverNotes')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
            </>
          )}
        </FormDialog>
      )}
      columns={[
        { title: t('monitoring.handedAt'), dataIndex: 'handedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('monitoring.fromOperator'), dataIndex: 'fromOperator', render: (id: string) => <Person id={id} /> },
        { title: t('monitoring.toOperator'), dataIndex: 'toOperator', render: (id: string) => <Person id={id} /> },
        { title: t('monitoring.handoverNotes'), dataIndex: 'notes' },
        { title: t('security.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'pending' ? 'orange' : 'green'}>{t(`monitoring.status.${s}` as MessageKey)}</Tag> },
        { title: t('monitoring.confirmedAt'), dataIndex: 'confirmedAt', render: (at: string | null) => formatDateTime(at, locale) },
        {
          title: t('common.actions'), key: 'actions',
          render: (_, h) => h.status === 'pending' && session.may('POST /api/v1/security/duty-handovers/{id}/confirm') && (
            <ActionButton run={() => answer(api.POST('/api/v1/security/duty-handovers/{id}/confirm', { params: { path: { id: h.id } } }))}>{t('monitoring.confirm')}</ActionButton>
          ),
        },
      ]}
    />
  );
}

function Sweeps() {
  const { t, locale } = useI18n();
  const session = useSession();
  return (
    <DataList<Sweep>
      title="monitoring.sweeps"
      queryKey="camera-sweeps"
      read={({ result, ...query }) => answer(api.GET('/api/v1/security/camera-sweeps', { params: { query: { ...query, result: result as SweepResult | undefined } } }))}
      filters={[
        { name: 'camera', label: 'monitoring.camera', kind: 'text' },
        { name: 'result', label: 'monitoring.result', kind: 'select', options: RESULTS.map((r) => ({ value: r, label: t(`monitoring.result.${r}` as MessageKey) })) },
      ]}
      toolbar={session.may('POST /api/v1/security/camera-sweeps') && (
        <FormDialog<{ camera: string; result: SweepResult; note?: string }> trigger={t('monitoring.recordSweep')} title={t('monitoring.recordSweep')} initialValues={{ result: 'ok' }}
          submit={({ camera, result, note }) => answer(api.POST('/api/v1/security/camera-sweeps', { body: { camera: camera.trim(), result, ...(note?.trim() ? { note: note.trim() } : {}) } }))}>
          {() => (
            <>
              <Form.Item name="camera" label={t('monitoring.camera')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={60} /></Form.Item>
              <Form.Item name="result" label={t('monitoring.result')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={RESULTS.map((r) => ({ value: r, label: t(`monitoring.result.${r}` as MessageKey) }))} />
              </Form.Item>
              <Form.Item name="note" label={t('monitoring.note')}><Input maxLength={1000} /></Form.Item>
            </>
          )}
        </FormDialog>
      )}
      columns={[
        { title: t('monitoring.at'), dataIndex: 'sweptAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('monitoring.camera'), dataIndex: 'camera' },
        { title: t('monitoring.result'), dataIndex: 'result', render: (r: string) => <Tag color={RESULT_COLOR[r]}>{t(`monitoring.result.${r}` as MessageKey)}</Tag> },
        { title: t('monitoring.note'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
        { title: t('monitoring.operator'), dataIndex: 'operator', render: (id: string) => <Person id={id} /> },
      ]}
    />
  );
}

type HoldForm = { camera: string; range: [Dayjs, Dayjs]; reason: string; incidentId?: string; heldUntil: Dayjs };

function Holds() {
  const { t, locale } = useI18n();
  const session = useSession();
  return (
    <DataList<Hold>
      title="monitoring.holds"
      queryKey="footage-holds"
      read={({ status, ...query }) => answer(api.GET('/api/v1/security/footage-holds', { params: { query: { ...query, status: status as Hold['status'] | undefined } } }))}
      filters={[{ name: 'status', label: 'security.status', kind: 'select', options: ['held', 'released'].map((s) => ({ value: s, label: t(`monitoring.holdStatus.${s}` as MessageKey) })) }]}
      toolbar={session.may('POST /api/v1/security/footage-holds') && (
        <FormDialog<HoldForm> trigger={t('monitoring.hold')} title={t('monitoring.hold')} width={600} rename={{ from: 'range', to: 'range' }}
          submit={({ camera, range, reason, incidentId, heldUntil }) => answer(api.POST('/api/v1/security/footage-holds', {
            body: { camera: camera.trim(), from: range[0].toISOString(), to: range[1].toISOString(), reason: reason.trim(), heldUntil: heldUntil.toISOString(), ...(incidentId?.trim() ? { incidentId: incidentId.trim() } : {}) },
          }))}>
          {() => (
            <>
              <Form.Item name="camera" label={t('monitoring.camera')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={60} /></Form.Item>
              <Form.Item name="range" label={t('monitoring.range')} rules={[{ required: true, message: t('common.required') }]}>
                <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
              <Form.Item name="reason" label={t('monitoring.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={1000} /></Form.Item>
              <Form.Item name="incidentId" label={t('monitoring.incidentId')}><Input maxLength={36} /></Form.Item>
              <Form.Item name="heldUntil" label={t('monitoring.heldUntil')} rules={[{ required: true, message: t('common.required') }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }} />
              </Form.Item>
            </>
          )}
        </FormDialog>
      )}
      columns={[
        { title: t('monitoring.camera'), dataIndex: 'camera' },
        { title: t('monitoring.range'), key: 'range', render: (_, h) => `${formatDateTime(h.from, locale)} – ${formatDateTime(h.to, locale)}` },
        { title: t('monitoring.reason'), dataIndex: 'reason' },
        { title: t('monitoring.heldUntil'), dataIndex: 'heldUntil', render: (at: string) => formatDateTime(at, locale) },
        { title: t('security.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'held' ? 'blue' : 'default'}>{t(`monitoring.holdStatus.${s}` as MessageKey)}</Tag> },
        { title: t('monitoring.heldBy'), dataIndex: 'heldBy', render: (id: string) => <Person id={id} /> },
        {
          title: t('common.actions'), key: 'actions',
          render: (_, h) => (
            <Space wrap>
              {session.may('GET /api/v1/security/footage-holds/{id}') && <ViewHold hold={h} />}
              {h.status === 'held' && session.may('DELETE /api/v1/security/footage-holds/{id}') && (
                <ActionButton danger confirm={t('monitoring.releaseConfirm')} run={() => answer(api.DELETE('/api/v1/security/footage-holds/{id}', { params: { path: { id: h.id } } }))}>{t('monitoring.release')}</ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Opening a hold is a logged view; the dialog shows it and who viewed it before. */
function ViewHold({ hold }: { hold: Hold }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const viewed = useQuery({
    queryKey: ['footage-hold-view', hold.id], enabled: open, gcTime: 0, staleTime: Infinity,
    queryFn: () => answer(api.GET('/api/v1/security/footage-holds/{id}', { params: { path: { id: hold.id } } })),
  });
  const views = useQuery({
    queryKey: ['footage-hold-views', hold.id], enabled: open && viewed.isSuccess,
    queryFn: () => answer(api.GET('/api/v1/security/footage-holds/{id}/views', { params: { path: { id: hold.id }, query: { pageSize: 50 } } })),
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>{t('monitoring.view')}</Button>
      <Modal open={open} title={`${hold.camera} · ${t('monitoring.holds')}`} footer={null} onCancel={() => setOpen(false)} destroyOnHidden width={640}>
        <ProblemAlert error={viewed.error ?? views.error} />
        {viewed.data && (
          <Typography.Paragraph>
            {formatDateTime(viewed.data.from, locale)} – {formatDateTime(viewed.data.to, locale)} · {viewed.data.reason}
          </Typography.Paragraph>
        )}
        <Typography.Text strong>{t('monitoring.views')}</Typography.Text>
        <Table size="small" rowKey={(v) => `${v.viewer}/${v.viewedAt}`} pagination={false} dataSource={views.data?.items ?? []} columns={[
          { title: t('monitoring.viewer'), dataIndex: 'viewer', render: (id: string) => <Person id={id} /> },
          { title: t('monitoring.at'), dataIndex: 'viewedAt', render: (at: string) => formatDateTime(at, locale) },
        ]} />
      </Modal>
    </>
  );
}

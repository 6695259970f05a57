import { Alert, Button, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';

type Route = components['schemas']['PatrolRouteView'];
type Round = components['schemas']['PatrolRoundView'];
type Scan = components['schemas']['PatrolScanView'];
type RouteBody = components['schemas']['CreatePatrolRouteRequest'];
type ScanBody = components['schemas']['PatrolScanRequest'];

const ROUND_COLOR: Record<string, string> = { open: 'processing', completed: 'green', missed: 'red' };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Patrol routes and their checkpoints, the rounds the service expects with their scans and misses, and the guard's scan. */
export function Patrols() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [last, setLast] = useState<Scan>();
  const scan = async (body: ScanBody) => {
    const done = await answer(api.POST('/api/v1/security/patrol-scans', { body }));
    setLast(done);
    return done;
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      {last && (
        <Alert
          type={last.flags.length ? 'warning' : 'success'} showIcon closable onClose={() => setLast(undefined)} role="status"
          title={t('patrols.scanOk').replace('{code}', last.code)}
          description={last.flags.length ? <Flags flags={last.flags} /> : formatDateTime(last.scannedAt, locale)}
        />
      )}
      <DataList<Route>
        title="patrols.routes"
        queryKey="patrol-routes"
        read={(query) => answer(api.GET('/api/v1/security/patrol-routes', { params: { query } }))}
        toolbar={(
          <Space>
            {session.may('POST /api/v1/security/patrol-scans') && <ScanCheckpoint scan={scan} />}
            {session.may('POST /api/v1/security/patrol-routes') && <CreateRoute />}
          </Space>
        )}
        expandable={{
          expandedRowRender: (r) => (
            <Table
              size="small" rowKey="id" pagination={false} dataSource={r.checkpoints}
              columns={[
                { title: '#', dataIndex: 'position' },
                { title: t('patrols.checkpointCode'), dataIndex: 'code' },
                { title: t('patrols.checkpointName'), dataIndex: 'name' },
                { title: t('patrols.tenantArea'), dataIndex: 'tenantArea', render: (v: boolean) => (v ? <Tag color="purple">{t('patrols.tenantArea')}</Tag> : '—') },
              ]}
            />
          ),
        }}
        columns={[
          { title: t('patrols.code'), dataIndex: 'code', render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
          { title: t('patrols.name'), dataIndex: 'name' },
          { title: t('patrols.kind'), dataIndex: 'kind', render: (k: string) => t(`patrols.kind.${k}` as MessageKey) },
          { title: t('patrols.frequency'), dataIndex: 'frequencyMinutes', align: 'right' },
          { title: t('patrols.hours'), key: 'hours', render: (_: unknown, r: Route) => `${r.activeFrom}–${r.activeTo}` },
          { title: t('patrols.checkpoints'), key: 'checkpoints', render: (_: unknown, r: Route) => r.checkpoints.map((c) => c.code).join(' → ') },
        ]}
      />
      <DataList<Round>
        title="patrols.rounds"
        queryKey="patrol-rounds"
        read={(query) => answer(api.GET('/api/v1/security/patrol-rounds', { params: { query } }))}
        filters={[{ name: 'night', label: 'patrols.night', kind: 'date' }]}
        expandable={{ expandedRowRender: (r) => <RoundScans round={r} /> }}
        columns={[
          { title: t('patrols.code'), dataIndex: 'routeCode' },
          { title: t('patrols.night'), dataIndex: 'night' },
          { title: t('patrols.window'), key: 'window', render: (_: unknown, r: Round) => `${formatDateTime(r.windowStart, locale)} – ${formatDateTime(r.windowEnd, locale)}` },
          { title: t('patrols.status'), dataIndex: 'status', render: (s: string) => <Tag color={ROUND_COLOR[s]}>{t(`patrols.status.${s}` as MessageKey)}</Tag> },
          { title: t('patrols.scanned'), key: 'scanned', align: 'right', render: (_: unknown, r: Round) => `${new Set(r.scans.map((s) => s.checkpointId)).size} / ${r.expected}` },
          { title: t('patrols.misses'), key: 'misses', render: (_: unknown, r: Round) => (r.misses.length ? r.misses.map((m) => <Tag key={m.checkpointId} color="red">{m.code}</Tag>) : '—') },
        ]}
      />
    </Space>
  );
}

function Flags({ flags }: { flags: string[] }) {
  const { t } = useI18n();
  return <>{flags.map((f) => <Tag key={f} color="orange">{t(`patrols.flag.${f}` as MessageKey)}</Tag>)}</>;
}

function RoundScans({ round }: { round: Round }) {
  const { t, locale } = useI18n();
  return (
    <Table
      size="small" rowKey="id" pagination={false} dataSource={round.scans}
      columns={[
        { title: t('patrols.checkpointCode'), dataIndex: 'code' },
        { title: t('patrols.scannedAt'), dataIndex: 'scannedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('patrols.guard'), dataIndex: 'guardUsername' },
        { title: t('patrols.secondGuard'), dataIndex: 'secondGuard', render: (g: string | null) => g ?? '—' },
        { title: t('patrols.flags'), dataIndex: 'flags', render: (f: string[]) => (f.length ? <Flags flags={f} /> : '—') },
      ]}
    />
  );
}

/** The guard's scan: the tag id read at the checkpoint (and, in a tenant area at night, the second guard). */
function ScanCheckpoint({ scan }: { scan: (body: ScanBody) => Promise<unknown> }) {
  const { t } = useI18n();
  return (
    <FormDialog<ScanBody>
      trigger={t('patrols.scan')}
      title={t('patrols.scan')}
      testId="patrol-scan"
      submit={({ code, secondGuard }) => scan({ code: code.trim(), secondGuard: secondGuard?.trim() || undefined })}
    >
      {() => (
        <>
          <Form.Item name="code" label={t('patrols.scanCode')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={64} autoFocus /></Form.Item>
          <Form.Item name="secondGuard" label={t('patrols.secondGuard')} extra={t('patrols.secondGuardHint')}><Input maxLength={64} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function CreateRoute() {
  const { t } = useI18n();
  const timeRule = { pattern: TIME, message: 'HH:MM' };
  const required = { required: true, whitespace: true, message: t('common.required') };
  return (
    <FormDialog<RouteBody>
      trigger={t('patrols.create')}
      title={t('patrols.create')}
      primary={false}
      width={720}
      testId="create-route"
      initialValues={{ kind: 'night', frequencyMinutes: 120, activeFrom: '20:00', activeTo: '06:00', checkpoints: [{ code: '', name: '' }] }}
      submit={(body) => answer(api.POST('/api/v1/security/patrol-routes', { body }))}
    >
      {() => (
        <>
          <Space wrap>
            <Form.Item name="code" label={t('patrols.code')} rules={[required]}><Input maxLength={32} /></Form.Item>
            <Form.Item name="name" label={t('patrols.name')} rules={[required]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="kind" label={t('patrols.kind')} rules={[{ required: true, message: t('common.required') }]}>
              <Select style={{ minWidth: 140 }} options={(['fire', 'night'] as const).map((k) => ({ value: k, label: t(`patrols.kind.${k}`) }))} />
            </Form.Item>
          </Space>
          <Space wrap>
            <Form.Item name="frequencyMinutes" label={t('patrols.frequency')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={15} max={1440} precision={0} /></Form.Item>
            <Form.Item name="activeFrom" label={t('patrols.activeFrom')} rules={[{ required: true, message: t('common.required') }, timeRule]}><Input placeholder="20:00" /></Form.Item>
            <Form.Item name="activeTo" label={t('patrols.activeTo')} rules={[{ required: true, message: t('common.required') }, timeRule]}><Input placeholder="06:00" /></Form.Item>
          </Space>
          <Typography.Text strong>{t('patrols.checkpoints')}</Typography.Text>
          <Form.List name="checkpoints">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, i) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Typography.Text>{i + 1}.</Typography.Text>
                    <Form.Item name={[field.name, 'code']} label={t('patrols.checkpointCode')} rules={[required]}><Input maxLength={64} /></Form.Item>
                    <Form.Item name={[field.name, 'name']} label={t('patrols.checkpointName')} rules={[required]}><Input maxLength={100} /></Form.Item>
                    <Form.Item name={[field.name, 'tenantArea']} valuePropName="checked"><Checkbox>{t('patrols.tenantArea')}</Checkbox></Form.Item>
                    {fields.length > 1 && <Button size="small" onClick={() => remove(field.name)} aria-label={`${t('patrols.removeCheckpoint')} ${i + 1}`}>×</Button>}
                  </Space>
                ))}
                <Button onClick={() => add({ code: '', name: '' })}>{t('patrols.addCheckpoint')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

import { Alert, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { Person } from '../kit/people';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { OrderLink } from '../kit/links';
import { label } from '../labels';
import { GATE_COLOR } from './labels';

type ExpectedExit = components['schemas']['ExpectedExitView'];
type GateCheck = components['schemas']['GateCheckView'];
type GateCheckRequest = components['schemas']['RecordGateCheckRequest'];

// The gate a guard stands at rarely changes: the form offers the last one this browser used.
const GATE_KEY = 'ops-console-gate';

/**
 * The gate: shipments that should leave, each checked against what is on the vehicle; a count that does not
 * match the papers (or papers for no known shipment) holds the goods and raises an incident.
 */
export function GateChecks() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayRecord = session.may('POST /api/v1/security/gate-checks');
  const [last, setLast] = useState<GateCheck>();
  const record = async (body: GateCheckRequest) => {
    const check = await answer(api.POST('/api/v1/security/gate-checks', { body }));
    if (body.gate) localStorage.setItem(GATE_KEY, body.gate);
    setLast(check);
    return check;
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      {last && <CheckResult check={last} onClose={() => setLast(undefined)} />}
      {session.may('GET /api/v1/security/expected-exits') && (
        <DataList<ExpectedExit>
          title="security.expectedExits"
          queryKey="expected-exits"
          csvPath="/api/v1/security/expected-exits"
          rowKey="shipmentId"
          read={(query) => answer(api.GET('/api/v1/security/expected-exits', { params: { query } }))}
          toolbar={mayRecord && <RecordGateCheck record={record} />}
          columns={[
            { title: t('security.shipment'), dataIndex: 'shipmentNumber', render: (n: string) => <Typography.Text strong>{n}</Typography.Text> },
            ...(session.may('GET /api/v1/sales/orders/{id}') ? [{ title: t('orders.number'), dataIndex: 'orderId', render: (id: string) => <OrderLink id={id} /> }] : []),
            { title: t('security.carrier'), dataIndex: 'carrier' },
            { title: t('security.tracking'), dataIndex: 'trackingNumber' },
            { title: t('security.piecesOnPapers'), dataIndex: 'pieces', align: 'right' },
            { title: t('security.exitStatus'), dataIndex: 'status', render: (s: ExpectedExit['status']) => <Tag color={GATE_COLOR[s]}>{label(s, locale)}</Tag> },
            { title: t('security.expectedAt'), dataIndex: 'expectedAt', render: (at: string) => formatDateTime(at, locale) },
            ...(mayRecord ? [{
              title: t('common.actions'), key: 'actions',
              render: (_: unknown, exit: ExpectedExit) => exit.status !== 'cleared' && <RecordGateCheck record={record} exit={exit} />,
            }] : []),
          ]}
        />
      )}
      <DataList<GateCheck>
        title="security.gateCheckLog"
        queryKey="gate-checks"
        csvPath="/api/v1/security/gate-checks"
        read={(query) => answer(api.GET('/api/v1/security/gate-checks', { params: { query } }))}
        columns={[
          { title: t('security.checkNumber'), dataIndex: 'number' },
          { title: t('security.shipment'), dataIndex: 'shipmentNumber' },
          { title: t('security.outcome'), dataIndex: 'outcome', render: (o: GateCheck['outcome']) => <Tag color={GATE_COLOR[o]}>{label(o, locale)}</Tag> },
          {
            title: t('security.countedExpected'), key: 'pieces', align: 'right', render: (_, c) => (
              <Typography.Text type={c.outcome === 'cleared' ? undefined : 'danger'} strong={c.outcome !== 'cleared'}>
                {c.piecesCounted} / {c.piecesExpected ?? '—'}
              </Typography.Text>
            ),
          },
          { title: t('security.gate'), dataIndex: 'gate' },
          { title: t('security.vehicle'), dataIndex: 'vehicle', render: (v: string | null) => v ?? '—' },
          { title: t('security.checkedBy'), dataIndex: 'checkedBy', render: (id: string) => <Person id={id} /> },
          { title: t('security.checkedAt'), dataIndex: 'checkedAt', render: (at: string) => formatDateTime(at, locale) },
          {
            title: t('security.incident'), dataIndex: 'incidentId', render: (id: string | null) => id
              ? (session.may('GET /api/v1/security/incidents') ? <Link to="/incidents"><Tag color="red">{t('security.incidentRaised')}</Tag></Link> : <Tag color="red">{t('security.incidentRaised')}</Tag>)
              : '—',
          },
        ]}
      />
    </Space>
  );
}

/** What the check just recorded found, in words the guard acts on. */
function CheckResult({ check, onClose }: { check: GateCheck; onClose: () => void }) {
  const { t } = useI18n();
  const fill = (text: string) => text
    .replace('{number}', check.number).replace('{shipment}', check.shipmentNumber)
    .replace('{counted}', String(check.piecesCounted)).replace('{expected}', String(check.piecesExpected ?? '—'));
  const words = {
    cleared: ['success', 'security.resultCleared', 'security.resultClearedDetail'],
    mismatch: ['error', 'security.resultMismatch', 'security.resultMismatchDetail'],
    unknown_shipment: ['error', 'security.resultUnknown', 'security.resultUnknownDetail'],
  } as const;
  const [type, title, detail] = words[check.outcome];
  return <Alert type={type} showIcon closable onClose={onClose} role={type === 'error' ? 'alert' : 'status'} title={fill(t(title))} description={fill(t(detail))} data-testid="gate-result" />;
}

/** Records a check: for an expected shipment (its number given), or for the papers a driver shows. */
export function RecordGateCheck({ exit, record }: { exit?: ExpectedExit; record: (body: GateCheckRequest) => Promise<unknown> }) {
  const { t } = useI18n();
  return (
    <FormDialog<GateCheckRequest>
      trigger={exit ? t('security.check') : t('security.recordCheck')}
      title={exit ? `${t('security.check')}: ${exit.shipmentNumber}` : t('security.recordCheck')}
      primary={!exit}
      testId={exit ? `check-${exit.shipmentNumber}` : 'record-check'}
      initialValues={{ shipmentNumber: exit?.shipmentNumber, gate: localStorage.getItem(GATE_KEY) ?? undefined }}
      submit={({ shipmentNumber, piecesCounted, vehicle, gate }) => record({
        shipmentNumber: shipmentNumber.trim(), piecesCounted, vehicle: vehicle?.trim() || undefined, gate: gate?.trim() || undefined,
      })}
    >
      {() => (
        <>
          {exit && <Typography.Paragraph type="secondary">{exit.carrier} · {exit.trackingNumber}</Typography.Paragraph>}
          <Form.Item name="shipmentNumber" label={t('security.shipmentOnPapers')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input readOnly={!!exit} maxLength={64} placeholder="SH-2026-000001" />
          </Form.Item>
          <Form.Item name="piecesCounted" label={t('security.piecesCounted')} extra={t('security.piecesCountedHint')} rules={[{ required: true, message: t('common.required') }]}>
            <InputNumber min={0} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="vehicle" label={t('security.vehicle')}>
            <Input maxLength={40} placeholder="沪A·12345" />
          </Form.Item>
          <Form.Item name="gate" label={t('security.gate')} extra={t('security.gateHint')}>
            <Input maxLength={100} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, formatFen } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { ProblemSlot } from '../kit/Problems';
import { OutletCodeInput, useOutletCode } from './bar-outlet';

type Slip = components['schemas']['DrinksSlipView'];
type SlipStatus = Slip['status'];
export type SlipForm = { table: string; lines: Array<{ sku: string; quantity: number; note?: string }> };

const STATUS_COLOURS: Record<SlipStatus, string> = { written: 'blue', made: 'gold', served: 'green', cancelled: 'default' };
const WRITE = 'POST /api/v1/sales/outlets/{code}/drinks-slips' as const;
const MAKE = 'POST /api/v1/sales/outlets/{code}/drinks-slips/{id}/make' as const;
const SERVE = 'POST /api/v1/sales/outlets/{code}/drinks-slips/{id}/serve' as const;
const CANCEL = 'POST /api/v1/sales/outlets/{code}/drinks-slips/{id}/cancel' as const;

/** What the API takes from the slip form: the table and lines trimmed, blank notes left out. */
export function slipBody(values: SlipForm): components['schemas']['WriteDrinksSlipBody'] {
  return {
    table: values.table.trim(),
    lines: values.lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity, ...(l.note?.trim() ? { note: l.note.trim() } : {}) })),
  };
}

/**
 * The bar's board (吧台): the day's drinks slips by status — table staff write them for a table, the
 * bartender marks them made, table staff mark them served (the slip then lands on the table's ticket); and what
 * is still open at closing: slips not served, tables not paid.
 */
export function BarBoard() {
  return <ProblemSlot>{(problem) => <Board actionProblem={problem} />}</ProblemSlot>;
}

function Board({ actionProblem }: { actionProblem: unknown }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const [code, setCode] = useOutletCode();
  const [date, setDate] = useState(businessDate());
  const [status, setStatus] = useState<SlipStatus | 'all'>('all');
  const slips = useQuery({
    queryKey: ['drinks-slips', code, date, status],
    enabled: !!code,
    queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/drinks-slips', { params: { path: { code }, query: { date, pageSize: 200, ...(status === 'all' ? {} : { status }) } } })),
  });
  const closing = useQuery({
    queryKey: ['open-at-closing', code],
    enabled: !!code,
    queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/open-at-closing', { params: { path: { code } } })),
  });
  const path = (id: string) => ({ params: { path: { code, id } } });
  const openSlips = closing.data?.openSlips ?? [];
  const openTables = closing.data?.openTables ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.barBoard')}</Typography.Title>
      <Space wrap>
        <OutletCodeInput code={code} onChange={setCode} kind="bar" />
        {code && <DatePicker aria-label={t('bar.date')} value={dayjs(date)} allowClear={false} onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))} />}
        {code && session.may(WRITE) && <WriteSlipDialog code={code} />}
      </Space>
      {!code && <Typography.Text type="secondary">{t('bar.chooseOutlet')}</Typography.Text>}
      {code && (
        <>
          <Radio.Group
            aria-label={t('bar.status')} value={status} onChange={(e) => setStatus(e.target.value)} optionType="button"
            options={[{ value: 'all', label: t('bar.all') }, ...(['written', 'made', 'served', 'cancelled'] as const).map((s) => ({ value: s, label: t(`bar.status.${s}`) }))]}
          />
          <ProblemAlert error={slips.error ?? actionProblem} />
          <Table<Slip>
            rowKey="id" size="middle" loading={slips.isLoading} dataSource={slips.data?.items ?? []} pagination={false}
            columns={[
              { title: t('bar.number'), dataIndex: 'number' },
              { title: t('bar.table'), dataIndex: 'table' },
              { title: t('bar.lines'), key: 'lines', render: (_, s) => s.lines.map((l) => `${l.sku} ×${l.quantity}${l.note ? ` (${l.note})` : ''}`).join(', ') },
              { title: t('bar.status'), dataIndex: 'status', render: (s: SlipStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`bar.status.${s}`)}</Tag> },
              { title: t('bar.writtenBy'), dataIndex: 'writtenBy' },
              { title: t('bar.writtenAt'), dataIndex: 'writtenAt', render: (at: string) => formatDateTime(at, locale) },
              {
                title: t('common.actions'), key: 'actions',
                render: (_, s) => (
                  <Space>
                    {s.status === 'written' && session.may(MAKE) && <ActionButton primary testId={`make-${s.number}`} run={() => answer(api.POST('/api/v1/sales/outlets/{code}/drinks-slips/{id}/make', path(s.id)))}>{t('bar.make')}</ActionButton>}
                    {s.status === 'made' && session.may(SERVE) && <ActionButton primary testId={`serve-${s.number}`} run={() => answer(api.POST('/api/v1/sales/outlets/{code}/drinks-slips/{id}/serve', path(s.id)))}>{t('bar.serve')}</ActionButton>}
                    {(s.status === 'written' || s.status === 'made') && session.may(CANCEL) && (
                      <ActionButton danger reason={t('bar.cancelReason')} testId={`cancel-${s.number}`}
                        run={(reason) => answer(api.POST('/api/v1/sales/outlets/{code}/drinks-slips/{id}/cancel', { ...path(s.id), body: { reason } }))}>{t('bar.cancel')}</ActionButton>
                    )}
                  </Space>
                ),
              },
            ]}
          />
          <Card title={t('bar.closing')} data-testid="open-at-closing">
            <ProblemAlert error={closing.error} />
            {closing.data && openSlips.length === 0 && openTables.length === 0 && <Typography.Text type="secondary">{t('bar.nothingOpen')}</Typography.Text>}
            {openSlips.length > 0 && (
              <>
                <Typography.Title level={3} style={{ fontSize: 16 }}>{t('bar.openSlips')}</Typography.Title>
                <Table<Slip> rowKey="id" size="small" pagination={false} dataSource={openSlips} columns={[
                  { title: t('bar.number'), dataIndex: 'number' },
                  { title: t('bar.table'), dataIndex: 'table' },
                  { title: t('bar.date'), dataIndex: 'businessDate' },
                  { title: t('bar.status'), dataIndex: 'status', render: (s: SlipStatus) => <Tag color={STATUS_COLOURS[s]}>{t(`bar.status.${s}`)}</Tag> },
                ]} />
              </>
            )}
            {openTables.length > 0 && (
              <>
                <Typography.Title level={3} style={{ fontSize: 16 }}>{t('bar.openTables')}</Typography.Title>
                <Table rowKey="ticketId" size="small" pagination={false} dataSource={openTables} columns={[
                  { title: t('bar.table'), dataIndex: 'table' },
                  { title: t('bar.slipCount'), dataIndex: 'slipCount', align: 'right' },
                  { title: t('bar.owes'), dataIndex: 'totalFen', align: 'right', render: (fen: number) => formatFen(fen) },
                ]} />
              </>
            )}
          </Card>
        </>
      )}
    </Space>
  );
}

/** Table staff write a slip for a table: SKUs of the outlet's price list, a quantity and a note for the bar. */
function WriteSlipDialog({ code }: { code: string }) {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const submit = async (values: SlipForm) => {
    await answer(api.POST('/api/v1/sales/outlets/{code}/drinks-slips', { params: { path: { code } }, body: slipBody(values), headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<SlipForm> trigger={t('bar.write')} title={t('bar.write')} width={720} submit={submit} initialValues={{ table: '', lines: [{ sku: '', quantity: 1 }] }} testId="write-slip">
      {() => (
        <>
          <Form.Item name="table" label={t('bar.table')} rules={required}><Input maxLength={20} style={{ width: 160 }} /></Form.Item>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col span={9}><Form.Item name={[field.name, 'sku']} label={t('bar.sku')} rules={required}><Input /></Form.Item></Col>
                    <Col span={5}><Form.Item name={[field.name, 'quantity']} label={t('bar.quantity')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} max={999} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[field.name, 'note']} label={t('bar.note')}><Input maxLength={200} /></Form.Item></Col>
                    <Col span={2}>
                      {fields.length > 1 && <Form.Item label=" "><Button type="text" aria-label={t('bar.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} /></Form.Item>}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ sku: '', quantity: 1 })}>{t('bar.addLine')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

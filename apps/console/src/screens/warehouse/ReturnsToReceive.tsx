import { Col, Form, Input, InputNumber, Row, Select, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { Actor } from './common';

type ExpectedReturn = components['schemas']['ExpectedReturnView'];
type ReceiveLine = { sku: string; expected: number; receivedQuantity?: number; acceptedQuantity?: number; rejectedQuantity?: number; note?: string };
type ReceiveForm = { warehouseCode: string; lines: ReceiveLine[] };

/**
 * Returns the warehouse expects (approved by sales) and has received. A keeper counts what arrived and inspects it:
 * accepted goods go back to sellable stock, rejected goods to quarantine, where nothing is reserved or picked.
 */
export function ReturnsToReceive() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayReceive = session.may('POST /api/v1/inventory/returns/{returnId}/receive');
  return (
    <DataList<ExpectedReturn>
      title="nav.returnsToReceive"
      queryKey="expected-returns"
      csvPath="/api/v1/inventory/returns"
      rowKey="returnId"
      initial={{ status: 'expected' }}
      read={(query) => answer(api.GET('/api/v1/inventory/returns', { params: { query: query as never } }))}
      filters={[{ name: 'status', label: 'orders.filterStatus', kind: 'select', options: ['expected', 'received'].map((s) => ({ value: s, label: label(`rma.${s}`, locale) })) }]}
      expandable={{ expandedRowRender: (r) => <ReturnLines rma={r} /> }}
      columns={[
        { title: t('returns.number'), dataIndex: 'returnNumber' },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'expected' ? 'orange' : 'green'}>{label(`rma.${s}`, locale)}</Tag> },
        { title: t('returns.expected'), key: 'units', align: 'right', render: (_, r) => r.lines.reduce((sum, l) => sum + l.expectedQuantity, 0) },
        { title: t('returns.expectedAt'), dataIndex: 'expectedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('returns.receivedBy'), dataIndex: 'receivedBy', render: (id: string | null) => <Actor id={id} /> },
        { title: t('returns.receivedAt'), dataIndex: 'receivedAt', render: (at: string | null) => formatDateTime(at, locale) },
        ...(mayReceive ? [{
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, r: ExpectedReturn) => r.status === 'expected' && <ReceiveReturnDialog rma={r} />,
        }] : []),
      ]}
    />
  );
}

function ReturnLines({ rma }: { rma: ExpectedReturn }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="sku" size="small" pagination={false} style={{ width: 860 }} dataSource={rma.lines}
      columns={[
        { title: t('order.sku'), dataIndex: 'sku' },
        { title: t('returns.expected'), dataIndex: 'expectedQuantity', align: 'right' },
        { title: t('returns.received'), dataIndex: 'receivedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
        { title: t('returns.accepted'), dataIndex: 'acceptedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
        { title: t('returns.rejected'), dataIndex: 'rejectedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
        { title: t('returns.rejectNote'), dataIndex: 'note', render: (n: string | null) => n ?? '—' },
      ]}
    />
  );
}

/** Counts and inspection per expected line; the API's field errors (lines[i].acceptedQuantity …) land on these fields. */
function ReceiveReturnDialog({ rma }: { rma: ExpectedReturn }) {
  const { t } = useI18n();
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => answer(api.GET('/api/v1/inventory/warehouses', { params: { query: { pageSize: 200 } } })),
  });
  const submit = (values: ReceiveForm) =>
    answer(api.POST('/api/v1/inventory/returns/{returnId}/receive', {
      params: { path: { returnId: rma.returnId } },
      body: {
        warehouseCode: values.warehouseCode,
        lines: values.lines.map((l) => ({
          sku: l.sku, receivedQuantity: l.receivedQuantity ?? 0, acceptedQuantity: l.acceptedQuantity ?? 0, rejectedQuantity: l.rejectedQuantity ?? 0,
          ...(l.note?.trim() ? { note: l.note.trim() } : {}),
        })),
      },
    }));
  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormDialog<ReceiveForm>
      trigger={t('returns.receive')} title={`${t('returns.receive')} ${rma.returnNumber}`} width={960} size="small" submit={submit}
      initialValues={{ warehouseCode: 'MAIN', lines: rma.lines.map((l) => ({ sku: l.sku, expected: l.expectedQuantity, receivedQuantity: l.expectedQuantity, acceptedQuantity: l.expectedQuantity, rejectedQuantity: 0 })) }}
      testId={`receive-${rma.returnNumber}`}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('returns.receiveHint')}</Typography.Paragraph>
          <Form.Item name="warehouseCode" label={t('returns.warehouse')} rules={required}>
            <Select
              loading={warehouses.isLoading}
              options={(warehouses.data?.items ?? []).filter((w) => w.sellable).map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
            />
          </Form.Item>
          <Form.List name="lines">
            {(fields) => fields.map((field) => (
              <Row key={field.key} gutter={12} align="top">
                <Col span={4}>
                  <Form.Item name={[field.name, 'sku']} label={t('order.sku')}><Input disabled /></Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[field.name, 'expected']} label={t('returns.expected')}><InputNumber disabled style={{ width: '100%' }} /></Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[field.name, 'receivedQuantity']} label={t('returns.received')} rules={required}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'acceptedQuantity']} label={t('returns.accepted')} rules={required}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'rejectedQuantity']} label={t('returns.rejected')} rules={required}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'note']} label={t('returns.rejectNote')}><Input maxLength={500} /></Form.Item>
                </Col>
              </Row>
            ))}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

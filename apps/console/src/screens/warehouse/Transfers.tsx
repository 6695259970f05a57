import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Actor } from './common';

type Transfer = components['schemas']['TransferView'];
type NewTransfer = { fromWarehouse: string; toWarehouse: string; lines: Array<{ sku: string; quantity: number; location?: string; batch?: string }> };
type ReceiveForm = { lines: Array<{ sku: string; sent: number; receivedQuantity?: number; differenceNote?: string }> };
const STATUSES = ['draft', 'consent_needed', 'consented', 'dispatched', 'received'] as const;
const COLOR: Record<string, string> = { draft: 'default', consent_needed: 'orange', consented: 'blue', dispatched: 'purple', received: 'green' };

export const statusWord = (status: string) => `wops.status.${status}` as MessageKey;

/** The warehouses a person picks from: every one but the system ones. */
export function useWarehouseOptions() {
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => answer(api.GET('/api/v1/inventory/warehouses', { params: { query: { pageSize: 200 } } })),
  });
  return {
    loading: warehouses.isLoading,
    options: (warehouses.data?.items ?? []).filter((w) => w.sellable).map((w) => ({ value: w.code, label: `${w.code} ${w.name}` })),
  };
}

/**
 * Transfers between warehouses: drafted by a keeper, consented to by a sales manager when both ends are stores,
 * dispatched (the goods go to transit) and received by someone else, who explains any difference.
 */
export function Transfers() {
  const { t, locale } = useI18n();
  const session = useSession();
  const may = {
    create: session.may('POST /api/v1/inventory/transfers'),
    consent: session.may('POST /api/v1/inventory/transfers/{id}/consent'),
    dispatch: session.may('POST /api/v1/inventory/transfers/{id}/dispatch'),
    receive: session.may('POST /api/v1/inventory/transfers/{id}/receive'),
  };
  return (
    <DataList<Transfer>
      title="nav.transfers"
      queryKey="transfers"
      csvPath="/api/v1/inventory/transfers"
      read={(query) => answer(api.GET('/api/v1/inventory/transfers', { params: { query: query as never } }))}
      filters={[{ name: 'status', label: 'wops.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(statusWord(s)) })) }]}
      toolbar={may.create && <NewTransferDialog />}
      expandable={{ expandedRowRender: (r) => <TransferLines transfer={r} /> }}
      columns={[
        { title: t('wops.number'), dataIndex: 'number' },
        { title: t('wops.from'), dataIndex: 'fromWarehouse' },
        { title: t('wops.to'), dataIndex: 'toWarehouse' },
        { title: t('wops.status'), dataIndex: 'status', render: (s: string) => <Tag color={COLOR[s]}>{t(statusWord(s))}</Tag> },
        { title: t('wops.units'), key: 'units', align: 'right', render: (_, r) => r.lines.reduce((n, l) => n + l.quantity, 0) },
        { title: t('wops.createdBy'), dataIndex: 'createdBy', render: (id: string) => <Actor id={id} /> },
        { title: t('warehouse.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, r: Transfer) => (
            <Space>
              {may.consent && r.status === 'consent_needed' && (
                <ActionButton testId={`consent-${r.number}`} run={() => answer(api.POST('/api/v1/inventory/transfers/{id}/consent', { params: { path: { id: r.id } } }))}>{t('wops.consent')}</ActionButton>
              )}
              {may.dispatch && (r.status === 'draft' || r.status === 'consented') && (
                <ActionButton testId={`dispatch-${r.number}`} confirm={t('wops.dispatchConfirm')} run={() => answer(api.POST('/api/v1/inventory/transfers/{id}/dispatch', { params: { path: { id: r.id } } }))}>{t('wops.dispatch')}</ActionButton>
              )}
              {may.receive && r.status === 'dispatched' && <ReceiveTransferDialog transfer={r} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

function TransferLines({ transfer }: { transfer: Transfer }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey={(l) => `${l.sku}-${transfer.lines.indexOf(l)}`} size="small" pagination={false} style={{ width: 860 }} dataSource={transfer.lines}
      columns={[
        { title: t('wops.sku'), dataIndex: 'sku' },
        { title: t('wops.sent'), dataIndex: 'quantity', align: 'right' },
        { title: t('wops.received'), dataIndex: 'receivedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
        { title: t('wops.difference'), dataIndex: 'difference', align: 'right', render: (q: number | null) => q ?? '—' },
        { title: t('wops.differenceNote'), dataIndex: 'differenceNote', render: (n: string | null) => n ?? '—' },
      ]}
    />
  );
}

function NewTransferDialog() {
  const { t } = useI18n();
  const warehouses = useWarehouseOptions();
  const required = [{ required: true, message: t('common.required') }];
  const submit = (values: NewTransfer) => answer(api.POST('/api/v1/inventory/transfers', {
    body: {
      fromWarehouse: values.fromWarehouse, toWarehouse: values.toWarehouse,
      lines: values.lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity, ...(l.location?.trim() ? { location: l.location.trim() } : {}), ...(l.batch?.trim() ? { batch: l.batch.trim() } : {}) })),
    },
  }));
  return (
    <FormDialog<NewTransfer> trigger={t('wops.newTransfer')} title={t('wops.newTransfer')} width={860} submit={submit} initialValues={{ fromWarehouse: 'MAIN', lines: [{ sku: '', quantity: 1 }] }} testId="new-transfer">
      {() => (
        <>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="fromWarehouse" label={t('wops.from')} rules={required}><Select loading={warehouses.loading} options={warehouses.options} /></Form.Item></Col>
            <Col span={12}><Form.Item name="toWarehouse" label={t('wops.to')} rules={required}><Select loading={warehouses.loading} options={warehouses.options} /></Form.Item></Col>
          </Row>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col span={8}><Form.Item name={[field.name, 'sku']} label={t('wops.sku')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input /></Form.Item></Col>
                    <Col span={4}><Form.Item name={[field.name, 'quantity']} label={t('wops.quantity')} rules={required}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                    <Col span={5}><Form.Item name={[field.name, 'location']} label={t('wops.location')}><Input /></Form.Item></Col>
                    <Col span={5}><Form.Item name={[field.name, 'batch']} label={t('wops.batch')}><Input /></Form.Item></Col>
                    <Col span={2}>
                      {fields.length > 1 && <Form.Item label=" "><Button type="text" aria-label={t('warehouse.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} /></Form.Item>}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ sku: '', quantity: 1 })}>{t('wops.addLine')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

/** The receiver counts every line; the API's field errors (lines[i].differenceNote …) land on these fields. */
function ReceiveTransferDialog({ transfer }: { transfer: Transfer }) {
  const { t } = useI18n();
  const submit = (values: ReceiveForm) => answer(api.POST('/api/v1/inventory/transfers/{id}/receive', {
    params: { path: { id: transfer.id } },
    body: { lines: values.lines.map((l) => ({ sku: l.sku, receivedQuantity: l.receivedQuantity ?? 0, ...(l.differenceNote?.trim() ? { differenceNote: l.differenceNote.trim() } : {}) })) },
  }));
  return (
    <FormDialog<ReceiveForm>
      trigger={t('wops.receive')} title={`${t('wops.receive')} ${transfer.number}`} width={860} size="small" submit={submit}
      initialValues={{ lines: transfer.lines.map((l) => ({ sku: l.sku, sent: l.quantity, receivedQuantity: l.quantity })) }}
      testId={`receive-${transfer.number}`}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('wops.receiveHint')}</Typography.Paragraph>
          <Form.List name="lines">
            {(fields) => fields.map((field) => (
              <Row key={field.key} gutter={12} align="top">
                <Col span={6}><Form.Item name={[field.name, 'sku']} label={t('wops.sku')}><Input disabled /></Form.Item></Col>
                <Col span={4}><Form.Item name={[field.name, 'sent']} label={t('wops.sent')}><InputNumber disabled style={{ width: '100%' }} /></Form.Item></Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'receivedQuantity']} label={t('wops.received')} rules={[{ required: true, message: t('common.required') }]}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={10}><Form.Item name={[field.name, 'differenceNote']} label={t('wops.differenceNote')}><Input maxLength={500} /></Form.Item></Col>
              </Row>
            ))}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

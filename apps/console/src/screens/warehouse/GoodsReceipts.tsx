import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, type FormInstance } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { Actor, codeOptions, SelectFilter, SkuCell, useListFilters } from './common';
import { useSkus } from '../kit/skus';
import { useIdempotencyKey } from '../kit/idempotency';
import { RECEIPT_COLOR } from './labels';

type StockReceipt = components['schemas']['StockReceiptView'];
type ReceiveStock = components['schemas']['ReceiveStockRequest'];
const STATUSES = ['saved', 'audited'] as const;
/** Where goods land when a line names no location (the API's default, sent as such). */
const DEFAULT_LOCATION = 'STOCK';

/**
 * Goods receipts, newest first: saved ones have not changed stock yet; a manager other than the recorder
 * audits them, and only then the goods enter stock. Keepers and managers record new ones.
 */
export function GoodsReceipts() {
  const { t, locale } = useI18n();
  const session = useSession();
  const filters = useListFilters();
  const mayAudit = session.may('POST /api/v1/inventory/stock-receipts/{id}/audit');
  return (
    <DataList<StockReceipt>
      title="nav.goodsReceipts"
      queryKey="stock-receipts"
      csvPath="/api/v1/inventory/stock-receipts"
      fixed={filters.fixed}
      read={(query) => answer(api.GET('/api/v1/inventory/stock-receipts', { params: { query } }))}
      toolbar={
        <>
          <SelectFilter filters={filters} name="status" label="orders.filterStatus" options={codeOptions(STATUSES, (s) => label(`receipt-status.${s}`, locale))} />
          {session.may('POST /api/v1/inventory/stock-receipts') && <NewReceiptDialog />}
        </>
      }
      expandable={{ expandedRowRender: (receipt) => <ReceiptLines receipt={receipt} /> }}
      columns={[
        { title: t('warehouse.receiptNumber'), dataIndex: 'number' },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('warehouse.reference'), dataIndex: 'reference' },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={RECEIPT_COLOR[s]}>{label(`receipt-status.${s}`, locale)}</Tag> },
        { title: t('warehouse.units'), key: 'units', align: 'right', render: (_, r) => r.lines.reduce((sum, l) => sum + l.quantity, 0) },
        { title: t('warehouse.recordedBy'), dataIndex: 'createdBy', render: (id: string) => <Actor id={id} /> },
        { title: t('warehouse.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('warehouse.auditedBy'), dataIndex: 'auditedBy', render: (id: string | null) => <Actor id={id} /> },
        { title: t('warehouse.auditedAt'), dataIndex: 'auditedAt', render: (at: string | null) => formatDateTime(at, locale) },
        ...(mayAudit
          ? [{
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: StockReceipt) => r.status === 'saved' && (
              <ActionButton
                primary
                confirm={`${t('warehouse.auditConfirm')} ${r.number}`}
                run={() => answer(api.POST('/api/v1/inventory/stock-receipts/{id}/audit', { params: { path: { id: r.id } } }))}
                testId={`audit-${r.number}`}
              >
                {t('warehouse.audit')}
              </ActionButton>
            ),
          }]
          : []),
      ]}
    />
  );
}

function ReceiptLines({ receipt }: { receipt: StockReceipt }) {
  const { t } = useI18n();
  const skuName = useSkus().nameOf;
  return (
    <Table
      rowKey={(l) => `${l.sku}-${l.location}-${l.batch ?? ''}`}
      size="small"
      pagination={false}
      style={{ width: 720 }}
      dataSource={receipt.lines}
      columns={[
        { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => <SkuCell code={sku} name={skuName(sku)} /> },
        { title: t('warehouse.location'), dataIndex: 'location' },
        { title: t('warehouse.batch'), dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
        { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
      ]}
    />
  );
}

export type ReceiptForm = {
  warehouseCode: string;
  reference: string;
  lines: Array<{ sku?: string; quantity?: number; location?: string; batch?: string }>;
};

/** The goods receipt as the API takes it: no location means STOCK, no batch means goods that carry none. */
export function receiptBody(values: ReceiptForm): ReceiveStock {
  return {
    warehouseCode: values.warehouseCode,
    reference: values.reference.trim(),
    lines: (values.lines ?? []).map((line) => ({
      sku: line.sku ?? '',
      quantity: line.quantity ?? 0,
      location: line.location || DEFAULT_LOCATION,
      ...(line.batch?.trim() ? { batch: line.batch.trim() } : {}),
    })),
  };
}

/** Records a goods receipt (saved; stock changes when it is audited). */
export function NewReceiptDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const submit = async (values: ReceiptForm) => {
    await answer(api.POST('/api/v1/inventory/stock-receipts', { body: receiptBody(values), headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<ReceiptForm>
      trigger={t('warehouse.newReceipt')}
      title={t('warehouse.newReceipt')}
      width={960}
      initialValues={{ warehouseCode: 'MAIN', lines: [{ quantity: 1 }] }}
      submit={submit}
      testId="new-receipt"
    >
      {(form) => <ReceiptFields form={form} />}
    </FormDialog>
  );
}

function ReceiptFields({ form }: { form: FormInstance<ReceiptForm> }) {
  const { t } = useI18n();
  const warehouseCode = Form.useWatch('warehouseCode', form) ?? 'MAIN';
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => answer(api.GET('/api/v1/inventory/warehouses', { params: { query: { pageSize: 200 } } })),
  });
  const locations = useQuery({
    queryKey: ['locations', warehouseCode],
    queryFn: () => answer(api.GET('/api/v1/inventory/locations', { params: { query: { warehouseCode, pageSize: 200 } } })),
  });
  const skus = useSkus();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="warehouseCode" label={t('warehouse.warehouse')} rules={required}>
            <Select
              loading={warehouses.isLoading}
              options={(warehouses.data?.items ?? []).map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
            />
          </Form.Item>
        </Col>
        <Col span={16}>
          <Form.Item name="reference" label={t('warehouse.reference')} rules={[{ required: true, whitespace: true, message: t('common.required') }]} extra={t('warehouse.referenceHelp')}>
            <Input />
          </Form.Item>
        </Col>
      </Row>
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('warehouse.lines')}</Typography.Title>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={12} align="top">
                <Col span={8}>
                  <Form.Item name={[field.name, 'sku']} label={t('order.sku')} rules={required}>
                    <Select
                      showSearch={{ optionFilterProp: 'label' }}
                      loading={skus.loading}
                      options={skus.options}
                    />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'quantity']} label={t('order.quantity')} rules={required}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={6}>
                  <Form.Item name={[field.name, 'location']} label={t('warehouse.location')}>
                    <Select
                      allowClear
                      placeholder={t('warehouse.defaultLocation')}
                      loading={locations.isLoading}
                      options={(locations.data?.items ?? []).map((l) => ({ value: l.code, label: `${l.code} ${l.name}` }))}
                    />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'batch']} label={t('warehouse.batch')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={2}>
                  {fields.length > 1 && (
                    <Form.Item label=" ">
                      <Button type="text" aria-label={t('warehouse.removeLine')} title={t('warehouse.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                    </Form.Item>
                  )}
                </Col>
              </Row>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>{t('newOrder.addLine')}</Button>
            </Space>
          </>
        )}
      </Form.List>
    </>
  );
}

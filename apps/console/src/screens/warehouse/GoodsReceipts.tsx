import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, type FormInstance } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { Actor, codeOptions, SelectFilter, SkuCell, useListFilters } from './common';
import { useSkus } from '../kit/skus';
import { useIdempotencyKey } from '../kit/idempotency';
import { RECEIPT_COLOR } from './labels';

type StockReceipt = components['schemas']['StockReceiptView'];
type ReceiptLine = components['schemas']['ReceiptLineView'];
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
          <SelectFilter filters={filters} name="late" label="purchasing.lateOnly" options={[{ value: 'true', label: t('purchasing.late') }]} />
          {session.may('POST /api/v1/inventory/stock-receipts') && <NewReceiptDialog />}
        </>
      }
      expandable={{ expandedRowRender: (receipt) => <ReceiptLines receipt={receipt} /> }}
      columns={[
        { title: t('warehouse.receiptNumber'), dataIndex: 'number' },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('warehouse.reference'), dataIndex: 'reference' },
        { title: t('purchasing.arrivedAt'), dataIndex: 'arrivedAt', render: (at: string | null, r) => <>{formatDateTime(at, locale)} {r.late && <Tag color="red">{t('purchasing.late')}</Tag>}</> },
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
  const { t, locale } = useI18n();
  const skuName = useSkus().nameOf;
  return (
    <Table
      rowKey={(l) => `${l.sku}-${l.location}-${l.batch ?? ''}`}
      size="small"
      pagination={false}
      style={{ width: receipt.supplierId ? 1100 : 720 }}
      dataSource={receipt.lines}
      columns={[
        { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => <SkuCell code={sku} name={skuName(sku)} /> },
        { title: t('warehouse.location'), dataIndex: 'location' },
        { title: t('warehouse.batch'), dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
        { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
        // A supplier's delivery: the order line, price, cartons opened and how inspection split the goods.
        ...(receipt.supplierId
          ? [
            { title: t('purchasing.lineNo'), dataIndex: 'poLineNo', render: (n: number | null) => n ?? '—' },
            { title: t('purchasing.unitPrice'), dataIndex: 'unitPriceFen', align: 'right' as const, render: (fen: number | null) => formatFen(fen) },
            { title: t('purchasing.cartonsOpened'), dataIndex: 'cartonsOpened', align: 'right' as const },
            { title: t('purchasing.inspection'), dataIndex: 'inspection', render: (i: string | null, l: ReceiptLine) => <>{label(i ? `inspection.${i}` : null, locale)} {l.inspectionNote ?? ''}</> },
            { title: t('purchasing.rejectedQuantity'), dataIndex: 'rejectedQuantity', align: 'right' as const },
          ]
          : []),
      ]}
    />
  );
}

export type ReceiptForm = {
  warehouseCode: string;
  reference: string;
  /** A supplier's delivery: then every line says the cartons opened and how inspection went. */
  supplierId?: string;
  purchaseOrderId?: string;
  /** `datetime-local` text, the browser's time. */
  arrivedAt?: string;
  lines: Array<{
    sku?: string; quantity?: number; location?: string; batch?: string;
    poLineNo?: number; unitPrice?: string; cartonsOpened?: number; inspection?: 'passed' | 'failed'; inspectionNote?: string; rejectedQuantity?: number;
  }>;
};

/**
 * The goods receipt as the API takes it: no location means STOCK, no batch means goods that carry none. With a
 * supplier, the purchase fields of each line (a price typed in yuan, sent as fen; none means the order line's).
 */
export function receiptBody(values: ReceiptForm): ReceiveStock {
  const supplied = !!values.supplierId;
  return {
    warehouseCode: values.warehouseCode,
    reference: values.reference.trim(),
    ...(supplied ? { supplierId: values.supplierId } : {}),
    ...(supplied && values.purchaseOrderId ? { purchaseOrderId: values.purchaseOrderId } : {}),
    ...(supplied && values.arrivedAt ? { arrivedAt: new Date(values.arrivedAt).toISOString() } : {}),
    lines: (values.lines ?? []).map((line) => {
      const unitPriceFen = line.unitPrice?.trim() ? yuanToFen(line.unitPrice) : null;
      return {
        sku: line.sku ?? '',
        quantity: line.quantity ?? 0,
        location: line.location || DEFAULT_LOCATION,
        ...(line.batch?.trim() ? { batch: line.batch.trim() } : {}),
        ...(supplied
          ? {
            ...(line.poLineNo ? { poLineNo: line.poLineNo } : {}),
            ...(unitPriceFen !== null ? { unitPriceFen } : {}),
            ...(line.cartonsOpened !== undefined ? { cartonsOpened: line.cartonsOpened } : {}),
            inspection: line.inspection ?? 'passed',
            ...(line.inspection === 'failed' ? { rejectedQuantity: line.rejectedQuantity ?? 0, inspectionNote: line.inspectionNote?.trim() ?? '' } : {}),
          }
          : {}),
      };
    }),
  };
}

/** Records a goods receipt (saved; stock changes when it is audited); `preset` fills it in, as receiving against a purchase order does. */
export function NewReceiptDialog({ preset, trigger, testId = 'new-receipt' }: { preset?: Partial<ReceiptForm>; trigger?: string; testId?: string } = {}) {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const submit = async (values: ReceiptForm) => {
    await answer(api.POST('/api/v1/inventory/stock-receipts', { body: receiptBody(values), headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<ReceiptForm>
      trigger={trigger ?? t('warehouse.newReceipt')}
      title={t('warehouse.newReceipt')}
      width={1040}
      primary={!preset}
      size={preset ? 'small' : undefined}
      initialValues={{ warehouseCode: 'MAIN', lines: [{ quantity: 1 }], ...preset }}
      submit={submit}
      testId={testId}
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
  const session = useSession();
  const supplierId = Form.useWatch('supplierId', form);
  const mayReadSuppliers = session.may('GET /api/v1/inventory/suppliers');
  const suppliers = useQuery({
    queryKey: ['suppliers', 'active'],
    enabled: mayReadSuppliers,
    queryFn: () => answer(api.GET('/api/v1/inventory/suppliers', { params: { query: { active: 'true', pageSize: 200 } } })),
  });
  const orders = useQuery({
    queryKey: ['purchase-orders', 'receivable', supplierId],
    enabled: mayReadSuppliers && !!supplierId && session.may('GET /api/v1/inventory/purchase-orders'),
    queryFn: () => answer(api.GET('/api/v1/inventory/purchase-orders', { params: { query: { supplierId, pageSize: 200 } } })),
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      {mayReadSuppliers && (
        <Row gutter={16}>
          <Col span={8}>
            <Form.Item name="supplierId" label={t('purchasing.supplier')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} loading={suppliers.isLoading}
                options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
            </Form.Item>
          </Col>
          {supplierId && (
            <>
              <Col span={8}>
                <Form.Item name="purchaseOrderId" label={t('purchasing.purchaseOrder')}>
                  <Select allowClear loading={orders.isLoading}
                    options={(orders.data?.items ?? []).filter((o) => ['approved', 'partly_received', 'received'].includes(o.status)).map((o) => ({ value: o.id, label: o.number }))} />
                </Form.Item>
              </Col>
              <Col span={8}>
                <Form.Item name="arrivedAt" label={t('purchasing.arrivedAt')} extra={t('purchasing.arrivedAtHelp')}>
                  <Input type="datetime-local" />
                </Form.Item>
              </Col>
            </>
          )}
        </Row>
      )}
      <Row gutter={16}>
        <Col span={8}>
          <Form.Item name="warehouseCode" label={t('warehouse.warehouse')} rules={required}>
            <Select
              loading={warehouses.isLoading}
              options={(warehouses.data?.items ?? []).filter((w) => w.sellable).map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))}
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
                {supplierId && <PurchaseLineFields form={form} name={field.name} />}
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

/** A supplier's delivery, per line: the order line, the price, every carton opened, and the inspection (a failure says why and how many are rejected). */
function PurchaseLineFields({ form, name }: { form: FormInstance<ReceiptForm>; name: number }) {
  const { t, locale } = useI18n();
  const inspection = Form.useWatch(['lines', name, 'inspection'], form);
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Col span={3}>
        <Form.Item name={[name, 'poLineNo']} label={t('purchasing.lineNo')}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={4}>
        <Form.Item name={[name, 'unitPrice']} label={t('purchasing.unitPrice')}>
          <Input />
        </Form.Item>
      </Col>
      <Col span={3}>
        <Form.Item name={[name, 'cartonsOpened']} label={t('purchasing.cartonsOpened')} rules={required}>
          <InputNumber min={1} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Col>
      <Col span={4}>
        <Form.Item name={[name, 'inspection']} label={t('purchasing.inspection')} rules={required}>
          <Select options={['passed', 'failed'].map((i) => ({ value: i, label: label(`inspection.${i}`, locale) }))} />
        </Form.Item>
      </Col>
      {inspection === 'failed' && (
        <>
          <Col span={3}>
            <Form.Item name={[name, 'rejectedQuantity']} label={t('purchasing.rejectedQuantity')} rules={required}>
              <InputNumber min={1} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col span={7}>
            <Form.Item name={[name, 'inspectionNote']} label={t('purchasing.inspectionNote')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
              <Input />
            </Form.Item>
          </Col>
        </>
      )}
    </>
  );
}

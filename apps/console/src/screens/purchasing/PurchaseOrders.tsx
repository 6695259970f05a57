import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, type FormInstance } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { useSkus } from '../kit/skus';
import { label } from '../labels';
import { Actor, SkuCell } from '../warehouse/common';
import { NewReceiptDialog } from '../warehouse/GoodsReceipts';
import { PO_STATUS_COLOR } from './messages';

type PurchaseOrder = components['schemas']['PurchaseOrderView'];
type CreatePurchaseOrder = components['schemas']['CreatePurchaseOrderRequest'];
type Suggestion = components['schemas']['PurchaseSuggestionView'];
export const PO_STATUSES = ['draft', 'approved', 'partly_received', 'received', 'closed', 'cancelled'] as const;

export type PurchaseOrderForm = {
  supplierId: string;
  prepayment?: string;
  lines: Array<{ sku?: string; warehouseCode?: string; quantity?: number; unitPrice?: string; promisedDate?: string }>;
};

/** The order as the API takes it: prices and the prepayment typed in yuan, sent as fen. */
export function purchaseOrderBody(values: PurchaseOrderForm): CreatePurchaseOrder {
  const prepaymentFen = values.prepayment?.trim() ? yuanToFen(values.prepayment) : 0;
  return {
    supplierId: values.supplierId,
    prepaymentFen: prepaymentFen ?? 0,
    lines: (values.lines ?? []).map((l) => ({
      sku: l.sku ?? '',
      warehouseCode: l.warehouseCode || 'MAIN',
      quantity: l.quantity ?? 0,
      unitPriceFen: yuanToFen(l.unitPrice ?? '') ?? 0,
      promisedDate: l.promisedDate ?? '',
    })),
  };
}

/** Form lines from the purchase suggestions (backorders and thresholds): each SKU and warehouse to buy for, its quantity, the last price paid. */
export function linesFromSuggestions(suggestions: Suggestion[], promisedDate: string): PurchaseOrderForm['lines'] {
  return suggestions.filter((s) => s.suggestedQuantity > 0).map((s) => ({
    sku: s.sku, warehouseCode: s.warehouseCode, quantity: s.suggestedQuantity, promisedDate,
    ...(s.lastUnitPriceFen !== null ? { unitPrice: (s.lastUnitPriceFen / 100).toFixed(2) } : {}),
  }));
}

/**
 * Purchase orders, newest first: buyers draft them (by hand or from the purchase suggestions), the purchasing
 * manager approves (from 50,000 CNY the general manager; never the creator), the warehouse receives against
 * their lines, and an order is closed when all came in or short-closed by a manager.
 */
export function PurchaseOrders() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayApprove = session.may('POST /api/v1/inventory/purchase-orders/{id}/approve');
  const mayClose = session.may('POST /api/v1/inventory/purchase-orders/{id}/close');
  const mayCancel = session.may('POST /api/v1/inventory/purchase-orders/{id}/cancel');
  const mayReceive = session.may('POST /api/v1/inventory/stock-receipts');
  return (
    <DataList<PurchaseOrder>
      title="nav.purchaseOrders"
      queryKey="purchase-orders"
      csvPath="/api/v1/inventory/purchase-orders"
      read={(query) => answer(api.GET('/api/v1/inventory/purchase-orders', { params: { query } }))}
      filters={[
        { name: 'status', label: 'orders.filterStatus', kind: 'select', options: PO_STATUSES.map((s) => ({ value: s, label: label(`po-status.${s}`, locale) })) },
        { name: 'sku', label: 'purchasing.filterSku', kind: 'text' },
      ]}
      toolbar={session.may('POST /api/v1/inventory/purchase-orders') && <NewPurchaseOrderDialog />}
      expandable={{ expandedRowRender: (po) => <OrderLines order={po} /> }}
      columns={[
        { title: t('purchasing.number'), dataIndex: 'number' },
        { title: t('purchasing.supplier'), key: 'supplier', render: (_, po) => `${po.supplierCode} ${po.supplierName}` },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={PO_STATUS_COLOR[s]}>{label(`po-status.${s}`, locale)}</Tag> },
        { title: t('purchasing.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('purchasing.prepayment'), dataIndex: 'prepaymentFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('purchasing.requiredApproval'), dataIndex: 'requiredApproval', render: (level: string) => label(`approval.${level}`, locale) },
        { title: t('warehouse.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('purchasing.approvedBy'), dataIndex: 'approvedBy', render: (id: string | null) => <Actor id={id} /> },
        {
          title: t('common.actions'), key: 'actions',
          render: (_, po) => (
            <Space wrap>
              {mayApprove && po.status === 'draft' && po.createdBy !== session.userId && (
                <ActionButton primary confirm={`${t('purchasing.approveConfirm')} ${po.number} (${formatFen(po.amountFen)})`} testId={`approve-${po.number}`}
                  run={() => answer(api.POST('/api/v1/inventory/purchase-orders/{id}/approve', { params: { path: { id: po.id } } }))}>
                  {t('purchasing.approve')}
                </ActionButton>
              )}
              {mayReceive && ['approved', 'partly_received'].includes(po.status) && <ReceiveAgainstOrder order={po} />}
              {mayClose && ['approved', 'partly_received', 'received'].includes(po.status) && (
                <ActionButton reason={t('purchasing.closeReason')} testId={`close-${po.number}`}
                  run={(reason) => answer(api.POST('/api/v1/inventory/purchase-orders/{id}/close', { params: { path: { id: po.id } }, body: reason.trim() ? { reason } : {} }))}>
                  {t('purchasing.close')}
                </ActionButton>
              )}
              {mayCancel && ['draft', 'approved'].includes(po.status) && po.lines.every((l) => l.receivedQuantity === 0) && (
                <ActionButton danger reason={t('purchasing.cancelReason')} testId={`cancel-${po.number}`}
                  run={(reason) => answer(api.POST('/api/v1/inventory/purchase-orders/{id}/cancel', { params: { path: { id: po.id } }, body: { reason } }))}>
                  {t('purchasing.cancel')}
                </ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function OrderLines({ order }: { order: PurchaseOrder }) {
  const { t } = useI18n();
  const skuName = useSkus().nameOf;
  return (
    <Table
      rowKey="lineNo"
      size="small"
      pagination={false}
      style={{ width: 960 }}
      dataSource={order.lines}
      columns={[
        { title: t('purchasing.lineNo'), dataIndex: 'lineNo' },
        { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => <SkuCell code={sku} name={skuName(sku)} /> },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('purchasing.received'), dataIndex: 'receivedQuantity', align: 'right' },
        { title: t('purchasing.remaining'), dataIndex: 'remainingQuantity', align: 'right' },
        { title: t('purchasing.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('purchasing.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('purchasing.promisedDate'), dataIndex: 'promisedDate' },
      ]}
    />
  );
}

/** The goods receipt form filled in from the order: its supplier, warehouse, and what is still to come per line. */
function ReceiveAgainstOrder({ order }: { order: PurchaseOrder }) {
  const { t } = useI18n();
  const open = order.lines.filter((l) => l.remainingQuantity > 0);
  const preset = {
    supplierId: order.supplierId,
    purchaseOrderId: order.id,
    warehouseCode: (open[0] ?? order.lines[0]).warehouseCode,
    lines: open.map((l) => ({ sku: l.sku, quantity: l.remainingQuantity, poLineNo: l.lineNo, inspection: 'passed' as const })),
  };
  return <NewReceiptDialog preset={preset} trigger={t('purchasing.receive')} testId={`receive-${order.number}`} />;
}

/** Drafts a purchase order; "fill from suggestions" takes the lines from what backorders lack and thresholds want refilled. */
export function NewPurchaseOrderDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const submit = async (values: PurchaseOrderForm) => {
    await answer(api.POST('/api/v1/inventory/purchase-orders', { body: purchaseOrderBody(values), headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<PurchaseOrderForm>
      trigger={t('purchasing.newOrder')}
      title={t('purchasing.newOrder')}
      width={1000}
      initialValues={{ lines: [{ quantity: 1, warehouseCode: 'MAIN' }] }}
      rename={{ prepaymentFen: 'prepayment' }}
      submit={submit}
      testId="new-purchase-order"
    >
      {(form) => <OrderFields form={form} />}
    </FormDialog>
  );
}

function OrderFields({ form }: { form: FormInstance<PurchaseOrderForm> }) {
  const { t } = useI18n();
  const session = useSession();
  const skus = useSkus();
  const [empty, setEmpty] = useState(false);
  const suppliers = useQuery({
    queryKey: ['suppliers', 'active'],
    queryFn: () => answer(api.GET('/api/v1/inventory/suppliers', { params: { query: { active: 'true', pageSize: 200 } } })),
  });
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => answer(api.GET('/api/v1/inventory/warehouses', { params: { query: { pageSize: 200 } } })),
  });
  const fill = async () => {
    const suggestions = await answer(api.GET('/api/v1/inventory/purchase-suggestions'));
    const lines = linesFromSuggestions(suggestions.items, businessDate());
    setEmpty(lines.length === 0);
    if (lines.length) form.setFieldValue('lines', lines);
  };
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="supplierId" label={t('purchasing.supplier')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={suppliers.isLoading} options={(suppliers.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} />
          </Form.Item>
        </Col>
        <Col span={6}>
          <Form.Item name="prepayment" label={t('purchasing.prepayment')}>
            <Input />
          </Form.Item>
        </Col>
        <Col span={6}>
          {session.may('GET /api/v1/inventory/purchase-suggestions') && (
            <Form.Item label=" " extra={empty ? t('purchasing.noSuggestions') : undefined}>
              <Button onClick={() => void fill()} data-testid="fill-from-suggestions">{t('purchasing.fillFromSuggestions')}</Button>
            </Form.Item>
          )}
        </Col>
      </Row>
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('warehouse.lines')}</Typography.Title>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={12} align="top">
                <Col span={7}>
                  <Form.Item name={[field.name, 'sku']} label={t('order.sku')} rules={required}>
                    <Select showSearch={{ optionFilterProp: 'label' }} loading={skus.loading} options={skus.options} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'warehouseCode']} label={t('warehouse.warehouse')} rules={required}>
                    <Select options={(warehouses.data?.items ?? []).filter((w) => w.sellable).map((w) => ({ value: w.code, label: w.code }))} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[field.name, 'quantity']} label={t('order.quantity')} rules={required}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'unitPrice']} label={t('purchasing.unitPrice')} rules={[...required, { validator: async (_, v?: string) => { if (v && yuanToFen(v) === null) throw new Error(t('common.required')); } }]}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'promisedDate']} label={t('purchasing.promisedDate')} rules={required}>
                    <Input type="date" />
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
            <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1, warehouseCode: 'MAIN' })}>{t('newOrder.addLine')}</Button>
          </>
        )}
      </Form.List>
    </>
  );
}

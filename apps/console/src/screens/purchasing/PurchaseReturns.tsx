import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography, type FormInstance } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { useSkus } from '../kit/skus';
import { Actor } from '../warehouse/common';

type PurchaseReturn = components['schemas']['PurchaseReturnView'];
type CreatePurchaseReturn = components['schemas']['CreatePurchaseReturnRequest'];
const STATUSES = ['draft', 'approved', 'shipped', 'cancelled'] as const;
const STATUS_COLOR: Record<string, string> = { draft: 'default', approved: 'blue', shipped: 'green', cancelled: 'red' };

/** Supplier names by id, for the lists and the pickers. */
export function useSuppliers() {
  const suppliers = useQuery({
    queryKey: ['suppliers', 'all'],
    queryFn: () => answer(api.GET('/api/v1/inventory/suppliers', { params: { query: { pageSize: 200 } } })),
  });
  const items = suppliers.data?.items ?? [];
  return {
    loading: suppliers.isLoading,
    options: items.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` })),
    nameOf: (id: string | null | undefined) => items.find((s) => s.id === id)?.name ?? id ?? '—',
  };
}

/**
 * Goods going back to suppliers, newest first: purchasing drafts a return (against an audited purchase receipt or
 * not), a purchasing manager other than its author approves it, a keeper ships it and the goods leave stock.
 */
export function PurchaseReturns() {
  const { t, locale } = useI18n();
  const session = useSession();
  const suppliers = useSuppliers();
  const mayApprove = session.may('POST /api/v1/inventory/purchase-returns/{id}/approve');
  const mayShip = session.may('POST /api/v1/inventory/purchase-returns/{id}/ship');
  const mayCancel = session.may('POST /api/v1/inventory/purchase-returns/{id}/cancel');
  const status = (s: string) => t(`preturn.status.${s}` as MessageKey);
  return (
    <DataList<PurchaseReturn>
      title="nav.purchaseReturns"
      queryKey="purchase-returns"
      csvPath="/api/v1/inventory/purchase-returns"
      read={(query) => answer(api.GET('/api/v1/inventory/purchase-returns', { params: { query } }))}
      filters={[
        { name: 'status', label: 'preturn.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: status(s) })) },
        { name: 'supplierId', label: 'preturn.supplier', kind: 'select', options: suppliers.options },
      ]}
      toolbar={session.may('POST /api/v1/inventory/purchase-returns') && <NewPurchaseReturnDialog />}
      expandable={{ expandedRowRender: (r) => <ReturnLines purchaseReturn={r} /> }}
      columns={[
        { title: t('preturn.number'), dataIndex: 'number' },
        { title: t('preturn.supplier'), dataIndex: 'supplierId', render: (id: string) => suppliers.nameOf(id) },
        { title: t('preturn.receipt'), dataIndex: 'receiptNumber', render: (n: string | null) => n ?? '—' },
        { title: t('preturn.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{status(s)}</Tag> },
        { title: t('preturn.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('preturn.reason'), dataIndex: 'reason' },
        { title: t('preturn.createdBy'), dataIndex: 'createdBy', render: (id: string) => <Actor id={id} /> },
        { title: t('preturn.approvedBy'), dataIndex: 'approvedBy', render: (id: string | null) => <Actor id={id} /> },
        { title: t('preturn.shippedAt'), dataIndex: 'shippedAt', render: (at: string | null) => (at ? formatDateTime(at, locale) : '—') },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_: unknown, r: PurchaseReturn) => (
            <Space>
              {mayApprove && r.status === 'draft' && r.createdBy !== session.userId && (
                <ActionButton primary confirm={`${t('preturn.approveConfirm')} ${r.number}`} testId={`approve-${r.number}`}
                  run={() => answer(api.POST('/api/v1/inventory/purchase-returns/{id}/approve', { params: { path: { id: r.id } } }))}>
                  {t('preturn.approve')}
                </ActionButton>
              )}
              {mayShip && r.status === 'approved' && (
                <ActionButton primary confirm={`${t('preturn.shipConfirm')} ${r.number}`} testId={`ship-${r.number}`}
                  run={() => answer(api.POST('/api/v1/inventory/purchase-returns/{id}/ship', { params: { path: { id: r.id } } }))}>
                  {t('preturn.ship')}
                </ActionButton>
              )}
              {mayCancel && (r.status === 'draft' || r.status === 'approved') && (
                <ActionButton danger reason={t('preturn.cancelReason')} testId={`cancel-${r.number}`}
                  run={(reason) => answer(api.POST('/api/v1/inventory/purchase-returns/{id}/cancel', { params: { path: { id: r.id } }, body: { reason } }))}>
                  {t('preturn.cancel')}
                </ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function ReturnLines({ purchaseReturn }: { purchaseReturn: PurchaseReturn }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="lineNo"
      size="small"
      pagination={false}
      style={{ width: 880 }}
      dataSource={purchaseReturn.lines}
      columns={[
        { title: '#', dataIndex: 'lineNo' },
        { title: t('preturn.sku'), dataIndex: 'sku' },
        { title: t('preturn.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('preturn.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('preturn.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('preturn.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        {
          title: t('preturn.lots'), key: 'lots',
          render: (_, l) => (l.lots.length ? l.lots.map((x) => `${x.location}${x.batch ? `/${x.batch}` : ''} ×${x.quantity}`).join(', ') : l.location ? `${l.location}${l.batch ? `/${l.batch}` : ''}` : t('preturn.oldestFirst')),
        },
      ]}
    />
  );
}

export type PurchaseReturnForm = {
  receiptId?: string;
  supplierId?: string;
  reason: string;
  lines: Array<{ receiptLineNo?: number; sku?: string; quantity?: number; unitPrice?: string; warehouseCode?: string; location?: string; batch?: string }>;
};

/**
 * The return as the API takes it: against a receipt each line names the receipt line (the receipt's supplier and
 * prices apply); without one, the supplier, and each line its SKU and price (yuan typed, fen sent).
 */
export function purchaseReturnBody(values: PurchaseReturnForm): CreatePurchaseReturn {
  const against = !!values.receiptId;
  const optional = (text: string | undefined) => (text?.trim() ? text.trim() : undefined);
  return {
    ...(against ? { receiptId: values.receiptId } : { supplierId: values.supplierId }),
    reason: values.reason.trim(),
    lines: (values.lines ?? []).map((l) => {
      const where = { warehouseCode: optional(l.warehouseCode), location: optional(l.location), batch: optional(l.batch) };
      const line = against
        ? { receiptLineNo: l.receiptLineNo, quantity: l.quantity ?? 0, ...where }
        : { sku: l.sku, quantity: l.quantity ?? 0, unitPriceFen: yuanToFen(l.unitPrice ?? '') ?? undefined, ...where };
      return Object.fromEntries(Object.entries(line).filter(([, v]) => v !== undefined)) as CreatePurchaseReturn['lines'][number];
    }),
  };
}

export function NewPurchaseReturnDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const submit = async (values: PurchaseReturnForm) => {
    await answer(api.POST('/api/v1/inventory/purchase-returns', { body: purchaseReturnBody(values), headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<PurchaseReturnForm>
      trigger={t('preturn.new')}
      title={t('preturn.new')}
      width={1000}
      initialValues={{ lines: [{ quantity: 1 }] }}
      rename={{ unitPriceFen: 'unitPrice' }}
      submit={submit}
      testId="new-purchase-return"
    >
      {(form) => <ReturnFields form={form} />}
    </FormDialog>
  );
}

function ReturnFields({ form }: { form: FormInstance<PurchaseReturnForm> }) {
  const { t } = useI18n();
  const receiptId = Form.useWatch('receiptId', form);
  const suppliers = useSuppliers();
  const skus = useSkus();
  const receipts = useQuery({
    queryKey: ['stock-receipts', 'audited'],
    queryFn: () => answer(api.GET('/api/v1/inventory/stock-receipts', { params: { query: { status: 'audited', pageSize: 200 } } })),
  });
  const purchaseReceipts = (receipts.data?.items ?? []).filter((r) => r.supplierId);
  const receipt = purchaseReceipts.find((r) => r.id === receiptId);
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Row gutter={16}>
        <Col span={12}>
          <Form.Item name="receiptId" label={t('preturn.receipt')} extra={t('preturn.receiptHelp')}>
            <Select allowClear placeholder={t('preturn.noReceipt')} loading={receipts.isLoading}
              options={purchaseReceipts.map((r) => ({ value: r.id, label: `${r.number} ${suppliers.nameOf(r.supplierId)}` }))} />
          </Form.Item>
        </Col>
        <Col span={12}>
          {!receiptId && (
            <Form.Item name="supplierId" label={t('preturn.supplier')} rules={required}>
              <Select showSearch={{ optionFilterProp: 'label' }} loading={suppliers.loading} options={suppliers.options} />
            </Form.Item>
          )}
        </Col>
      </Row>
      <Form.Item name="reason" label={t('preturn.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
        <Input />
      </Form.Item>
      <Typography.Title level={3} style={{ fontSize: 16 }}>{t('preturn.lines')}</Typography.Title>
      <Form.List name="lines">
        {(fields, { add, remove }) => (
          <>
            {fields.map((field) => (
              <Row key={field.key} gutter={8} align="top">
                <Col span={6}>
                  {receiptId ? (
                    <Form.Item name={[field.name, 'receiptLineNo']} label={t('preturn.receiptLineNo')} rules={required}>
                      <Select options={(receipt?.lines ?? []).map((l, i) => ({ value: i + 1, label: `${i + 1}: ${l.sku} ×${l.quantity}` }))} />
                    </Form.Item>
                  ) : (
                    <Form.Item name={[field.name, 'sku']} label={t('preturn.sku')} rules={required}>
                      <Select showSearch={{ optionFilterProp: 'label' }} loading={skus.loading} options={skus.options} />
                    </Form.Item>
                  )}
                </Col>
                <Col span={3}>
                  <Form.Item name={[field.name, 'quantity']} label={t('preturn.quantity')} rules={required}>
                    <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  {!receiptId && (
                    <Form.Item name={[field.name, 'unitPrice']} label={t('preturn.unitPrice')} rules={required}>
                      <Input inputMode="decimal" />
                    </Form.Item>
                  )}
                </Col>
                <Col span={3}>
                  <Form.Item name={[field.name, 'warehouseCode']} label={t('preturn.warehouse')}>
                    <Input placeholder={receipt?.warehouseCode ?? 'MAIN'} />
                  </Form.Item>
                </Col>
                <Col span={4}>
                  <Form.Item name={[field.name, 'location']} label={t('preturn.location')}>
                    <Input placeholder={t('preturn.oldestFirst')} />
                  </Form.Item>
                </Col>
                <Col span={3}>
                  <Form.Item name={[field.name, 'batch']} label={t('preturn.batch')}>
                    <Input />
                  </Form.Item>
                </Col>
                <Col span={1}>
                  {fields.length > 1 && (
                    <Form.Item label=" ">
                      <Button type="text" aria-label={t('preturn.removeLine')} title={t('preturn.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                    </Form.Item>
                  )}
                </Col>
              </Row>
            ))}
            <Space>
              <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>{t('preturn.addLine')}</Button>
            </Space>
          </>
        )}
      </Form.List>
    </>
  );
}

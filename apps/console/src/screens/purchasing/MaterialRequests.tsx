import { useQuery } from '@tanstack/react-query';
import { Checkbox, Col, DatePicker, Empty, Form, Input, Row, Select, Space, Tag, type FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, api } from '../../api/client';
import type { components, operations } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { businessDate, formatDateTime, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { MATERIAL_REQUEST_LABELS, MR_STATUS_COLOR } from './material-messages';
import { useSuppliers } from './PurchaseReturns';

type MaterialRequest = components['schemas']['MaterialRequestView'];
type MaterialRequestStatus = MaterialRequest['status'];
// The API defaults the delivery warehouse (MAIN) and the prepayment (0), which makes them required in the generated
// type; this screen leaves them out, as the contract allows.
type PurchaseMaterials = components['schemas']['PurchaseMaterialsRequest'];
export type PurchaseMaterialsBody = Omit<PurchaseMaterials, 'warehouseCode' | 'prepaymentFen'> & Partial<Pick<PurchaseMaterials, 'warehouseCode' | 'prepaymentFen'>>;

/** The states the filter offers, in their order. */
export const MATERIAL_REQUEST_STATUSES: readonly MaterialRequestStatus[] = ['open', 'ordered', 'received', 'cancelled'];

// What the list's filters send (status, SKU), as the list route takes it.
type ListMaterialRequests = NonNullable<operations['InventoryController_listMaterialRequests']['parameters']['query']>;

export const MATERIAL_OPS = {
  purchase: 'POST /api/v1/inventory/material-requests/purchase-order',
  cancel: 'POST /api/v1/inventory/material-requests/{id}/cancel',
} as const;

const statusLabel = (status: string, locale: Locale) => MATERIAL_REQUEST_LABELS[`mr-status.${status}`]?.[locale === 'zh' ? 0 : 1] ?? status;

export type PurchaseMaterialsForm = { supplierId?: string; promisedDate?: Dayjs; chosen?: string[]; prices?: Record<string, string> };

/** The body the API takes: each chosen request at the price typed (in yuan) for its SKU, sent as fen. */
export function purchaseMaterialsBody(values: PurchaseMaterialsForm, requests: ReadonlyArray<Pick<MaterialRequest, 'id' | 'sku'>>): PurchaseMaterialsBody {
  const chosen = new Set(values.chosen ?? []);
  return {
    supplierId: values.supplierId ?? '',
    ...(values.promisedDate ? { promisedDate: values.promisedDate.format('YYYY-MM-DD') } : {}),
    lines: requests.filter((r) => chosen.has(r.id)).map((r) => ({ materialRequestId: r.id, unitPriceFen: yuanToFen(values.prices?.[r.sku] ?? '') ?? 0 })),
  };
}

/**
 * Material requests, oldest first: raised when a production order is released, one per material the stock does
 * not cover (net of stock); purchasing buys open ones on a purchase order (approved on the usual ladder), and
 * they are received when that order has come in full.
 */
export function MaterialRequests() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayCancel = session.may(MATERIAL_OPS.cancel);
  return (
    <DataList<MaterialRequest>
      title="nav.materialRequests"
      queryKey="material-requests"
      csvPath="/api/v1/inventory/material-requests"
      read={(query) => answer(api.GET('/api/v1/inventory/material-requests', { params: { query: query as ListMaterialRequests } }))}
      filters={[
        { name: 'status', label: 'materials.filterStatus', kind: 'select', options: MATERIAL_REQUEST_STATUSES.map((s) => ({ value: s, label: statusLabel(s, locale) })) },
        { name: 'sku', label: 'materials.filterSku', kind: 'text' },
      ]}
      initial={{ status: 'open' }}
      toolbar={session.may(MATERIAL_OPS.purchase) && <PurchaseMaterialsDialog />}
      columns={[
        { title: t('materials.number'), dataIndex: 'number' },
        { title: t('materials.productionOrder'), dataIndex: 'productionOrderNumber' },
        { title: t('materials.sku'), dataIndex: 'sku' },
        { title: t('materials.required'), dataIndex: 'requiredQuantity', align: 'right' },
        { title: t('materials.available'), dataIndex: 'availableQuantity', align: 'right' },
        { title: t('materials.requested'), dataIndex: 'requestedQuantity', align: 'right', render: (n: number) => <strong>{n}</strong> },
        { title: t('materials.status'), dataIndex: 'status', render: (s: MaterialRequestStatus) => <Tag color={MR_STATUS_COLOR[s]}>{statusLabel(s, locale)}</Tag> },
        { title: t('materials.purchaseOrder'), dataIndex: 'purchaseOrderNumber', render: (n: string | null) => n ?? '—' },
        { title: t('materials.raisedAt'), dataIndex: 'raisedAt', render: (at: string) => formatDateTime(at, locale) },
        {
          title: t('common.actions'), key: 'actions',
          render: (_, r) => (
            <Space wrap>
              {mayCancel && r.status === 'open' && (
                <ActionButton danger size="small" reason={t('materials.cancelReason')} testId={`cancel-${r.number}`}
                  run={(reason) => answer(api.POST('/api/v1/inventory/material-requests/{id}/cancel', { params: { path: { id: r.id } }, body: { reason } }))}>
                  {t('materials.cancel')}
                </ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** Picks open requests, a supplier and one price per material, and drafts the purchase order for them. */
export function PurchaseMaterialsDialog() {
  const { t } = useI18n();
  const open = useQuery({
    queryKey: ['material-requests', 'open-to-buy'],
    queryFn: () => answer(api.GET('/api/v1/inventory/material-requests', { params: { query: { status: 'open', pageSize: 200 } } })),
  });
  const requests = open.data?.items ?? [];
  const idempotency = useIdempotencyKey();
  const submit = async (values: PurchaseMaterialsForm) => {
    await answer(api.POST('/api/v1/inventory/material-requests/purchase-order', { body: purchaseMaterialsBody(values, requests) as PurchaseMaterials, headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<PurchaseMaterialsForm>
      trigger={t('materials.buy')}
      title={t('materials.buy')}
      width={720}
      initialValues={{ promisedDate: dayjs(businessDate()), chosen: [] }}
      submit={submit}
      testId="buy-materials"
    >
      {(form) => <PurchaseFields form={form} requests={requests} />}
    </FormDialog>
  );
}

function PurchaseFields({ form, requests }: { form: FormInstance<PurchaseMaterialsForm>; requests: MaterialRequest[] }) {
  const { t } = useI18n();
  const suppliers = useSuppliers();
  const chosen: string[] = Form.useWatch('chosen', form) ?? [];
  const skus = [...new Set(requests.filter((r) => chosen.includes(r.id)).map((r) => r.sku))];
  const required = [{ required: true, message: t('common.required') }];
  return (
    <>
      <Row gutter={16}>
        <Col span={14}>
          <Form.Item name="supplierId" label={t('materials.supplier')} rules={required}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={suppliers.loading} options={suppliers.options} />
          </Form.Item>
        </Col>
        <Col span={10}>
          <Form.Item name="promisedDate" label={t('materials.promisedDate')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="chosen" label={t('materials.choose')} rules={[{ required: true, type: 'array', min: 1, message: t('common.required') }]}>
        {requests.length ? (
          <Checkbox.Group
            style={{ display: 'flex', flexDirection: 'column' }}
            options={requests.map((r) => ({ value: r.id, label: `${r.number} · ${r.sku} × ${r.requestedQuantity} (${r.productionOrderNumber})` }))}
          />
        ) : <Empty description={t('materials.noneOpen')} />}
      </Form.Item>
      {skus.map((sku) => (
        <Form.Item key={sku} name={['prices', sku]} label={`${sku} ${t('materials.unitPrice')}`} rules={required}>
          <Input inputMode="decimal" />
        </Form.Item>
      ))}
    </>
  );
}

import { DatePicker, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { PrintLink } from '../kit/links';
import { Actor, OrderFilter, OrderRef, SkuCell, useListFilters, useOrderFilter, withOrders, type OrderSummary } from './common';
import { useSkus } from '../kit/skus';
import { useIdempotencyKey } from '../kit/idempotency';

type Shipment = components['schemas']['ShipmentView'] & { order?: OrderSummary };

/**
 * Shipments, newest first (by order): carrier, tracking number, pieces, and whether the customer has signed
 * for it; keepers record the signed delivery receipt; each has its printable delivery note.
 */
export function Shipments() {
  const { t, locale } = useI18n();
  const session = useSession();
  const filters = useListFilters();
  const order = useOrderFilter(filters);
  const mayReadOrders = session.may('GET /api/v1/sales/orders/{id}');
  const mayRecord = session.may('POST /api/v1/inventory/shipments/{shipmentId}/delivery');
  return (
    <DataList<Shipment>
      title="nav.shipments"
      queryKey="shipments"
      csvPath="/api/v1/inventory/shipments"
      fixed={filters.fixed}
      read={async (query) => {
        const page = await answer(api.GET('/api/v1/inventory/shipments', { params: { query } }));
        return { ...page, items: await withOrders(page.items, mayReadOrders) };
      }}
      toolbar={<OrderFilter filter={order} />}
      expandable={{ expandedRowRender: (shipment) => <ShipmentDetail shipment={shipment} /> }}
      columns={[
        { title: t('ship.number'), dataIndex: 'number' },
        { title: t('warehouse.order'), dataIndex: 'orderId', render: (id: string, s) => <OrderRef id={id} order={s.order} /> },
        { title: t('ship.carrier'), dataIndex: 'carrier' },
        { title: t('ship.tracking'), dataIndex: 'trackingNumber' },
        { title: t('pick.pieces'), dataIndex: 'pieces', align: 'right' },
        { title: t('warehouse.shippedAt'), dataIndex: 'shippedAt', render: (at: string) => formatDateTime(at, locale) },
        {
          title: t('warehouse.delivery'),
          key: 'delivery',
          render: (_, s) => s.deliveredAt
            ? (
              <Space orientation="vertical" size={0}>
                <Tag color="green">{t('warehouse.signedFor')}</Tag>
                <Typography.Text type="secondary">{s.deliverySignedBy} · {formatDateTime(s.deliveredAt, locale)}</Typography.Text>
              </Space>
            )
            : <Tag color="orange">{t('warehouse.awaitingSignature')}</Tag>,
        },
        {
          title: t('common.actions'),
          key: 'actions',
          render: (_, s) => (
            <Space>
              <PrintLink document={{ kind: 'delivery-note', id: s.id }}>{t('warehouse.deliveryNote')}</PrintLink>
              {mayRecord && !s.deliveredAt && <DeliveryDialog shipment={s} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

function ShipmentDetail({ shipment }: { shipment: Shipment }) {
  const { t } = useI18n();
  const skuName = useSkus().nameOf;
  const shipTo = shipment.order?.shipTo;
  return (
    // Fixed widths: the list scrolls sideways (max-content), so a share of its width would have no end.
    <Space align="start" wrap size={16}>
      <Table
        style={{ width: 420 }}
        rowKey={(l) => `${l.sku}-${l.warehouseCode}`}
        size="small"
        pagination={false}
        dataSource={shipment.lines}
        columns={[
          { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => <SkuCell code={sku} name={skuName(sku)} /> },
          { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
          { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
        ]}
      />
      <Descriptions size="small" column={1} bordered style={{ width: 520 }}>
        <Descriptions.Item label={t('warehouse.shippedBy')}><Actor id={shipment.shippedBy} /></Descriptions.Item>
        {shipTo && <Descriptions.Item label={t('newOrder.shipToName')}>{shipTo.name} · {shipTo.phone}</Descriptions.Item>}
        {shipTo && <Descriptions.Item label={t('newOrder.shipToAddress')}>{shipTo.address}</Descriptions.Item>}
      </Descriptions>
    </Space>
  );
}

type DeliveryForm = { signedBy: string; signedAt?: Dayjs | null };

/** The customer-signed delivery receipt: who signed it, and when (now when left empty). */
export function DeliveryDialog({ shipment }: { shipment: Shipment }) {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const submit = async ({ signedBy, signedAt }: DeliveryForm) => {
    await answer(api.POST('/api/v1/inventory/shipments/{shipmentId}/delivery', {
      params: { path: { shipmentId: shipment.id } },
      headers: idempotency.headers(),
      body: { signedBy: signedBy.trim(), ...(signedAt ? { signedAt: signedAt.toISOString() } : {}) },
    }));
    idempotency.renew();
  };
  return (
    <FormDialog<DeliveryForm>
      trigger={t('warehouse.recordDelivery')}
      title={`${t('warehouse.recordDelivery')} · ${shipment.number}`}
      primary={false}
      initialValues={{ signedBy: shipment.order?.shipTo?.name }}
      submit={submit}
      testId={`deliver-${shipment.number}`}
    >
      {() => (
        <>
          <Form.Item name="signedBy" label={t('warehouse.signedBy')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input />
          </Form.Item>
          <Form.Item name="signedAt" label={t('warehouse.signedAt')} extra={t('warehouse.signedAtHelp')}>
            <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(day) => day.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Col, Form, Input, Row, Select, Tabs, Tag, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import type { Operation } from '../../lib/permissions';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { Actor, OrderFilter, OrderRef, SelectFilter, SkuCell, TextFilter, useListFilters, useOrderFilter, withOrders, type OrderSummary } from './common';
import { useSkus } from '../kit/skus';
import { useIdempotencyKey } from '../kit/idempotency';
import { MOVEMENT_COLOR, RECOUNT_COLOR, RESERVATION_COLOR } from './labels';

type Reservation = components['schemas']['ReservationView'] & { order?: OrderSummary };
type StockLevel = components['schemas']['StockLevelView'];
type StockLot = components['schemas']['StockLotView'];
type Location = components['schemas']['LocationView'];

/** The stock desk: one tab per view of stock the person's roles may read. */
const TABS: Array<{ key: string; label: MessageKey; needs: Operation; Screen: () => React.JSX.Element }> = [
  { key: 'levels', label: 'warehouse.tab.levels', needs: 'GET /api/v1/inventory/stock', Screen: StockLevels },
  { key: 'lots', label: 'warehouse.tab.lots', needs: 'GET /api/v1/inventory/stock/lots', Screen: StockLots },
  { key: 'movements', label: 'warehouse.tab.movements', needs: 'GET /api/v1/inventory/stock/movements', Screen: StockMovements },
  { key: 'reservations', label: 'warehouse.tab.reservations', needs: 'GET /api/v1/inventory/reservations', Screen: Reservations },
  { key: 'recounts', label: 'warehouse.tab.recounts', needs: 'GET /api/v1/inventory/recount-requests', Screen: RecountRequests },
  { key: 'skus', label: 'warehouse.tab.skus', needs: 'GET /api/v1/inventory/skus', Screen: Skus },
  { key: 'places', label: 'warehouse.tab.places', needs: 'GET /api/v1/inventory/warehouses', Screen: Places },
];

export function Stock() {
  const { t } = useI18n();
  const session = useSession();
  const [params, setParams] = useSearchParams();
  const tabs = TABS.filter((tab) => session.may(tab.needs));
  const active = tabs.find((tab) => tab.key === params.get('tab'))?.key ?? tabs[0]?.key;
  // Each tab's list carries its own heading (the menu names the desk).
  return (
    <Tabs
      activeKey={active}
      onChange={(key) => setParams({ tab: key }, { replace: true })}
      destroyOnHidden
      items={tabs.map(({ key, label: title, Screen }) => ({ key, label: t(title), children: <Screen /> }))}
    />
  );
}

/** On hand, reserved and available per SKU and warehouse. */
function StockLevels() {
  const { t } = useI18n();
  const filters = useListFilters();
  const skuName = useSkus().nameOf;
  return (
    <DataList<StockLevel>
      title="warehouse.tab.levels"
      queryKey="stock"
      csvPath="/api/v1/inventory/stock"
      fixed={filters.fixed}
      rowKey={(row) => `${row.sku}-${row.warehouseCode}`}
      read={(query) => answer(api.GET('/api/v1/inventory/stock', { params: { query } }))}
      toolbar={<TextFilter filters={filters} name="sku" label="warehouse.filterSku" />}
      columns={[
        { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => <SkuCell code={sku} name={skuName(sku)} /> },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('warehouse.onHand'), dataIndex: 'onHand', align: 'right' },
        { title: t('warehouse.reserved'), dataIndex: 'reserved', align: 'right' },
        {
          title: t('warehouse.available'),
          dataIndex: 'available',
          align: 'right',
          render: (n: number) => (n <= 0 ? <Typography.Text type="danger" strong>{n}</Typography.Text> : n),
        },
      ]}
    />
  );
}

/** On hand per SKU, warehouse, location and batch, oldest lot first (the order picking takes them in). */
function StockLots() {
  const { t, locale } = useI18n();
  const filters = useListFilters();
  const warehouses = useWarehouseOptions();
  const skuName = useSkus().nameOf;
  return (
    <DataList<StockLot>
      title="warehouse.tab.lots"
      queryKey="stock-lots"
      csvPath="/api/v1/inventory/stock/lots"
      fixed={filters.fixed}
      rowKey={(row) => `${row.sku}-${row.warehouseCode}-${row.location}-${row.batch ?? ''}`}
      read={(query) => answer(api.GET('/api/v1/inventory/stock/lots', { params: { query } }))}
      toolbar={
        <>
          <TextFilter filters={filters} name="sku" label="warehouse.filterSku" />
          <SelectFilter filters={filters} name="warehouseCode" label="warehouse.warehouse" options={warehouses} />
          <TextFilter filters={filters} name="location" label="warehouse.location" />
          <TextFilter filters={filters} name="batch" label="warehouse.batch" />
        </>
      }
      columns={[
        { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => <SkuCell code={sku} name={skuName(sku)} /> },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('warehouse.location'), dataIndex: 'location' },
        { title: t('warehouse.batch'), dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
        { title: t('warehouse.onHand'), dataIndex: 'onHand', align: 'right' },
        { title: t('warehouse.since'), dataIndex: 'since', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

/** The stock ledger: every receipt, shipment, issue, adjustment and transfer, with its document. */
function StockMovements() {
  const { t, locale } = useI18n();
  const filters = useListFilters();
  return (
    <DataList
      title="warehouse.tab.movements"
      queryKey="stock-movements"
      csvPath="/api/v1/inventory/stock/movements"
      fixed={filters.fixed}
      read={(query) => answer(api.GET('/api/v1/inventory/stock/movements', { params: { query } }))}
      toolbar={
        <>
          <TextFilter filters={filters} name="sku" label="warehouse.filterSku" />
          <TextFilter filters={filters} name="documentRef" label="warehouse.documentRef" />
        </>
      }
      columns={[
        { title: t('warehouse.occurredAt'), dataIndex: 'occurredAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('warehouse.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={MOVEMENT_COLOR[k]}>{label(`movement.${k}`, locale)}</Tag> },
        { title: t('order.sku'), dataIndex: 'sku' },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('warehouse.location'), dataIndex: 'location' },
        { title: t('warehouse.batch'), dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
        {
          title: t('order.quantity'),
          dataIndex: 'quantity',
          align: 'right',
          render: (n: number) => <Typography.Text type={n < 0 ? 'danger' : 'success'}>{n > 0 ? `+${n}` : n}</Typography.Text>,
        },
        { title: t('warehouse.documentRef'), dataIndex: 'documentRef' },
        { title: t('warehouse.actor'), dataIndex: 'actorId', render: (id: string) => <Actor id={id} /> },
      ]}
    />
  );
}

/** Stock held for orders, and how much of it has left. */
function Reservations() {
  const { t, locale } = useI18n();
  const session = useSession();
  const filters = useListFilters();
  const order = useOrderFilter(filters);
  const mayReadOrders = session.may('GET /api/v1/sales/orders/{id}');
  return (
    <DataList<Reservation>
      title="warehouse.tab.reservations"
      queryKey="reservations"
      csvPath="/api/v1/inventory/reservations"
      fixed={filters.fixed}
      rowKey={(row) => `${row.orderId}-${row.sku}-${row.warehouseCode}`}
      read={async (query) => {
        const page = await answer(api.GET('/api/v1/inventory/reservations', { params: { query } }));
        return { ...page, items: await withOrders(page.items, mayReadOrders) };
      }}
      toolbar={<OrderFilter filter={order} />}
      columns={[
        { title: t('warehouse.order'), dataIndex: 'orderId', render: (id: string, r) => <OrderRef id={id} order={r.order} /> },
        { title: t('order.sku'), dataIndex: 'sku' },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('warehouse.reserved'), dataIndex: 'quantity', align: 'right' },
        { title: t('warehouse.shippedQuantity'), dataIndex: 'shippedQuantity', align: 'right' },
        {
          title: t('orders.status'),
          dataIndex: 'status',
          render: (s: string) => <Tag color={RESERVATION_COLOR[s]}>{label(`reservation.${s}`, locale)}</Tag>,
        },
        { title: t('warehouse.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

/** Locations security asked to recount after a theft or damage incident. */
function RecountRequests() {
  const { t, locale } = useI18n();
  return (
    <DataList
      title="warehouse.tab.recounts"
      queryKey="recount-requests"
      csvPath="/api/v1/inventory/recount-requests"
      read={(query) => answer(api.GET('/api/v1/inventory/recount-requests', { params: { query } }))}
      columns={[
        { title: t('warehouse.incident'), dataIndex: 'incidentNumber' },
        { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('warehouse.location'), dataIndex: 'location' },
        { title: t('warehouse.reason'), dataIndex: 'reason' },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={RECOUNT_COLOR[s]}>{label(`recount.${s}`, locale)}</Tag> },
        { title: t('warehouse.requestedAt'), dataIndex: 'requestedAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

/** The SKUs, by code; registered by the warehouse manager and purchasing. */
function Skus() {
  const { t, locale } = useI18n();
  const session = useSession();
  return (
    <DataList
      title="warehouse.tab.skus"
      queryKey="skus"
      csvPath="/api/v1/inventory/skus"
      rowKey="code"
      read={(query) => answer(api.GET('/api/v1/inventory/skus', { params: { query } }))}
      toolbar={session.may('POST /api/v1/inventory/skus') && <NewSkuDialog />}
      columns={[
        { title: t('warehouse.skuCode'), dataIndex: 'code' },
        { title: t('warehouse.skuName'), dataIndex: 'name' },
        { title: t('warehouse.model'), dataIndex: 'model' },
        { title: t('warehouse.version'), dataIndex: 'version' },
        { title: t('warehouse.unit'), dataIndex: 'unit' },
        { title: t('warehouse.packaging'), dataIndex: 'packaging', render: (p: string | null) => p ?? '—' },
        { title: t('warehouse.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

type SkuForm = components['schemas']['RegisterSkuRequest'];

export function NewSkuDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const submit = async (values: SkuForm) => {
    const trimmed = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]).filter(([, v]) => v !== '' && v !== undefined)) as SkuForm;
    await answer(api.POST('/api/v1/inventory/skus', { body: trimmed, headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<SkuForm> trigger={t('warehouse.newSku')} title={t('warehouse.newSku')} width={640} submit={submit} testId="new-sku">
      {() => (
        <Row gutter={16}>
          <Col span={12}><Form.Item name="code" label={t('warehouse.skuCode')} rules={required}><Input placeholder="SKU-TEA-001" /></Form.Item></Col>
          <Col span={12}><Form.Item name="name" label={t('warehouse.skuName')} rules={required}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="model" label={t('warehouse.model')} rules={required}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="version" label={t('warehouse.version')} rules={required}><Input /></Form.Item></Col>
          <Col span={8}><Form.Item name="unit" label={t('warehouse.unit')} rules={required}><Input placeholder={t('warehouse.unitExample')} /></Form.Item></Col>
          <Col span={24}><Form.Item name="packaging" label={t('warehouse.packaging')}><Input placeholder={t('warehouse.packagingExample')} /></Form.Item></Col>
        </Row>
      )}
    </FormDialog>
  );
}

function useWarehouseOptions() {
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => answer(api.GET('/api/v1/inventory/warehouses', { params: { query: { pageSize: 200 } } })),
  });
  return (warehouses.data?.items ?? []).map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }));
}

/** Warehouses and their locations; the warehouse manager adds both. */
function Places() {
  const { t } = useI18n();
  const session = useSession();
  const filters = useListFilters();
  const warehouses = useWarehouseOptions();
  return (
    <>
      <DataList
        title="warehouse.warehouses"
        queryKey="warehouses"
        csvPath="/api/v1/inventory/warehouses"
        rowKey="code"
        read={(query) => answer(api.GET('/api/v1/inventory/warehouses', { params: { query } }))}
        toolbar={session.may('POST /api/v1/inventory/warehouses') && <NewWarehouseDialog />}
        columns={[
          { title: t('warehouse.code'), dataIndex: 'code' },
          { title: t('warehouse.name'), dataIndex: 'name' },
        ]}
      />
      {session.may('GET /api/v1/inventory/locations') && (
        <DataList<Location>
          title="warehouse.locations"
          queryKey="locations"
          csvPath="/api/v1/inventory/locations"
          fixed={filters.fixed}
          rowKey={(row) => `${row.warehouseCode}-${row.code}`}
          read={(query) => answer(api.GET('/api/v1/inventory/locations', { params: { query } }))}
          toolbar={
            <>
              <SelectFilter filters={filters} name="warehouseCode" label="warehouse.warehouse" options={warehouses} />
              {session.may('POST /api/v1/inventory/locations') && <NewLocationDialog warehouses={warehouses} />}
            </>
          }
          columns={[
            { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
            { title: t('warehouse.code'), dataIndex: 'code' },
            { title: t('warehouse.name'), dataIndex: 'name' },
          ]}
        />
      )}
    </>
  );
}

function NewWarehouseDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<components['schemas']['CreateWarehouseRequest']>
      trigger={t('warehouse.newWarehouse')}
      title={t('warehouse.newWarehouse')}
      submit={async ({ code, name, kind }) => {
        await answer(api.POST('/api/v1/inventory/warehouses', { body: { code: code.trim(), name: name.trim(), kind: kind ?? 'warehouse' }, headers: idempotency.headers() }));
        idempotency.renew();
      }}
    >
      {() => (
        <>
          <Form.Item name="code" label={t('warehouse.code')} rules={required}><Input placeholder="NORTH" /></Form.Item>
          <Form.Item name="name" label={t('warehouse.name')} rules={required}><Input /></Form.Item>
          <Form.Item name="kind" label={t('warehouse.siteKind')} initialValue="warehouse">
            <Select options={[{ value: 'warehouse', label: t('warehouse.siteKind.warehouse') }, { value: 'store', label: t('warehouse.siteKind.store') }]} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function NewLocationDialog({ warehouses }: { warehouses: Array<{ value: string; label: string }> }) {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<components['schemas']['CreateLocationRequest']>
      trigger={t('warehouse.newLocation')}
      title={t('warehouse.newLocation')}
      initialValues={{ warehouseCode: 'MAIN' }}
      submit={async ({ warehouseCode, code, name }) => {
        await answer(api.POST('/api/v1/inventory/locations', { body: { warehouseCode, code: code.trim(), name: name.trim() }, headers: idempotency.headers() }));
        idempotency.renew();
      }}
    >
      {() => (
        <>
          <Form.Item name="warehouseCode" label={t('warehouse.warehouse')} rules={required}><Select options={warehouses} /></Form.Item>
          <Form.Item name="code" label={t('warehouse.code')} rules={required}><Input placeholder="A-01" /></Form.Item>
          <Form.Item name="name" label={t('warehouse.name')} rules={required}><Input /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}


import { Card, Descriptions, Space, Table, Tag } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { PrintLink } from '../kit/links';
import { label } from '../labels';
import { Actor, codeOptions, OrderFilter, OrderRef, SelectFilter, SkuCell, useListFilters, useOrderFilter, withOrders, type OrderSummary } from './common';
import { useSkus } from '../kit/skus';
import { PICK_LIST_COLOR } from './labels';

type PickList = components['schemas']['PickListView'] & { order?: OrderSummary };
const STATUSES = ['open', 'picked', 'verified', 'packed', 'shipped'] as const;

/**
 * Pick lists, newest first, by status and order: what each takes (lines), where it was taken from (picks), who
 * picked, verified and packed it, and the printable pick list. The steps themselves are on the order's page.
 */
export function PickLists() {
  const { t, locale } = useI18n();
  const session = useSession();
  const filters = useListFilters();
  const order = useOrderFilter(filters);
  const mayReadOrders = session.may('GET /api/v1/sales/orders/{id}');
  return (
    <DataList<PickList>
      title="nav.pickLists"
      queryKey="pick-lists"
      csvPath="/api/v1/inventory/pick-lists"
      fixed={filters.fixed}
      read={async (query) => {
        const page = await answer(api.GET('/api/v1/inventory/pick-lists', { params: { query } }));
        return { ...page, items: await withOrders(page.items, mayReadOrders) };
      }}
      toolbar={
        <>
          <SelectFilter filters={filters} name="status" label="orders.filterStatus" options={codeOptions(STATUSES, (s) => label(s, locale))} />
          <OrderFilter filter={order} />
        </>
      }
      expandable={{ expandedRowRender: (list) => <PickListDetail list={list} /> }}
      columns={[
        { title: t('pick.number'), dataIndex: 'number' },
        { title: t('warehouse.order'), dataIndex: 'orderId', render: (id: string, list) => <OrderRef id={id} order={list.order} /> },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={PICK_LIST_COLOR[s]}>{label(s, locale)}</Tag> },
        { title: t('warehouse.units'), key: 'units', align: 'right', render: (_, list) => list.lines.reduce((sum, l) => sum + l.quantity, 0) },
        { title: t('pick.pieces'), dataIndex: 'pieces', align: 'right', render: (n: number | null) => n ?? '—' },
        { title: t('warehouse.pickedBy'), dataIndex: 'pickedBy', render: (id: string | null) => <Actor id={id} /> },
        { title: t('warehouse.verifiedBy'), dataIndex: 'verifiedBy', render: (id: string | null) => <Actor id={id} /> },
        { title: t('warehouse.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('common.actions'), key: 'actions', render: (_, list) => <PrintLink document={{ kind: 'pick-list', id: list.id }}>{t('common.print')}</PrintLink> },
      ]}
    />
  );
}

/** One pick list opened: what it takes, and after picking the lots it took them from. */
function PickListDetail({ list }: { list: PickList }) {
  const { t } = useI18n();
  const skuName = useSkus().nameOf;
  return (
    // Fixed widths: the list scrolls sideways (max-content), so a share of its width would have no end.
    <Space align="start" wrap size={16}>
      <Card size="small" title={t('warehouse.lines')} style={{ width: 420 }}>
        <Table
          rowKey={(l) => `${l.sku}-${l.warehouseCode}`}
          size="small"
          pagination={false}
          dataSource={list.lines}
          columns={[
            { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => <SkuCell code={sku} name={skuName(sku)} /> },
            { title: t('warehouse.warehouse'), dataIndex: 'warehouseCode' },
            { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
          ]}
        />
      </Card>
      <Space orientation="vertical" style={{ width: 520 }}>
        <Card size="small" title={t('warehouse.picks')}>
          <Table
            rowKey={(p) => `${p.sku}-${p.location}-${p.batch ?? ''}`}
            size="small"
            pagination={false}
            locale={{ emptyText: t('warehouse.notPickedYet') }}
            dataSource={list.picks ?? []}
            columns={[
              { title: t('order.sku'), dataIndex: 'sku' },
              { title: t('warehouse.location'), dataIndex: 'location' },
              { title: t('warehouse.batch'), dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
              { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
            ]}
          />
        </Card>
        <Descriptions size="small" column={3} style={{ marginTop: 8 }}>
          <Descriptions.Item label={t('warehouse.pickedBy')}><Actor id={list.pickedBy} /></Descriptions.Item>
          <Descriptions.Item label={t('warehouse.verifiedBy')}><Actor id={list.verifiedBy} /></Descriptions.Item>
          <Descriptions.Item label={t('warehouse.packedBy')}><Actor id={list.packedBy} /></Descriptions.Item>
        </Descriptions>
      </Space>
    </Space>
  );
}

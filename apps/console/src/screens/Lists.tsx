import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link } from 'react-router-dom';
import { answer, api } from '../api/client';
import { useI18n } from '../i18n/I18n';
import type { MessageKey } from '../i18n/messages';
import { formatDateTime, formatFen } from '../lib/money';
import { label } from './labels';
import { ProblemAlert } from './ProblemAlert';

// Changes arrive as server-sent notices; this slow re-read only covers a dropped stream.
const LIVE_MS = 30_000;

/** One list screen: a title, a page of rows read again every few seconds, and its columns. */
function ListScreen<Row extends { id: string }>({ title, queryKey, read, columns }: { title: MessageKey; queryKey: string; read: () => Promise<{ items: Row[] }>; columns: ColumnsType<Row> }) {
  const { t } = useI18n();
  const rows = useQuery({ queryKey: [queryKey], refetchInterval: LIVE_MS, queryFn: read });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t(title)}</Typography.Title>
      <ProblemAlert error={rows.error} />
      <Table rowKey="id" loading={rows.isLoading} dataSource={rows.data?.items ?? []} columns={columns} />
    </Space>
  );
}

const orderLink = (orderId: string) => <Link to={`/orders/${orderId}`}>{orderId.slice(0, 8)}</Link>;

export function Receipts() {
  const { t, locale } = useI18n();
  return (
    <ListScreen
      title="nav.receipts"
      queryKey="receipts"
      read={() => answer(api.GET('/api/v1/finance/receipts', { params: { query: { pageSize: 50 } } }))}
      columns={[
        { title: t('receipt.number'), dataIndex: 'number' },
        { title: t('orders.number'), dataIndex: 'orderId', render: orderLink },
        { title: t('receipt.method'), dataIndex: 'method', render: (m: string) => label(m, locale) },
        { title: t('orders.total'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag>{label(s, locale)}</Tag> },
        { title: t('receipt.recordedAt'), dataIndex: 'recordedAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

export function PickLists() {
  const { t, locale } = useI18n();
  return (
    <ListScreen
      title="nav.pickLists"
      queryKey="pick-lists"
      read={() => answer(api.GET('/api/v1/inventory/pick-lists', { params: { query: { pageSize: 50 } } }))}
      columns={[
        { title: t('pick.number'), dataIndex: 'number' },
        { title: t('orders.number'), dataIndex: 'orderId', render: orderLink },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag>{label(s, locale)}</Tag> },
        { title: t('orders.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

export function Shipments() {
  const { t, locale } = useI18n();
  return (
    <ListScreen
      title="nav.shipments"
      queryKey="shipments"
      read={() => answer(api.GET('/api/v1/inventory/shipments', { params: { query: { pageSize: 50 } } }))}
      columns={[
        { title: t('ship.number'), dataIndex: 'number' },
        { title: t('orders.number'), dataIndex: 'orderId', render: orderLink },
        { title: t('ship.carrier'), dataIndex: 'carrier' },
        { title: t('ship.tracking'), dataIndex: 'trackingNumber' },
        { title: t('orders.createdAt'), dataIndex: 'shippedAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

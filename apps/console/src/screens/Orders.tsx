import { useQuery } from '@tanstack/react-query';
import { Button, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { answer, api, currentAccessToken } from '../api/client';
import type { components } from '../api/schema';
import { useI18n } from '../i18n/I18n';
import { downloadCsv } from '../lib/download';
import { formatDateTime, formatFen } from '../lib/money';
import { label, STATUS_COLOR } from './labels';
import { ProblemAlert } from './ProblemAlert';

type OrderStatus = components['schemas']['OrderView']['status'];
const STATUSES: OrderStatus[] = ['pending_approval', 'awaiting_confirmation', 'in_production', 'awaiting_payment', 'backordered', 'ready_to_ship', 'shipped', 'delivered', 'cancelled', 'rejected'];

/** The orders list; the approval queue is the same list opened on the orders waiting for approval. */
export function Orders({ queue = false }: { queue?: boolean }) {
  const { t, locale } = useI18n();
  const [status, setStatus] = useState<OrderStatus | undefined>(queue ? 'pending_approval' : undefined);
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState<unknown>();
  const exportCsv = () => {
    setExportError(undefined);
    downloadCsv('/api/v1/sales/orders', { status }, currentAccessToken()).catch(setExportError);
  };
  const orders = useQuery({
    queryKey: ['orders', status, page],
    refetchInterval: 30_000, // changes arrive as server-sent notices; this covers a dropped stream
    queryFn: () => answer(api.GET('/api/v1/sales/orders', { params: { query: { status, page, pageSize: 20 } } })),
  });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t(queue ? 'nav.approvals' : 'nav.orders')}</Typography.Title>
      <Space>
        <Select
          allowClear
          aria-label={t('orders.filterStatus')}
          placeholder={t('orders.filterStatus')}
          style={{ width: 220 }}
          value={status}
          onChange={(value) => { setStatus(value); setPage(1); }}
          options={STATUSES.map((s) => ({ value: s, label: label(s, locale) }))}
        />
        <Button onClick={exportCsv}>{t('common.exportCsv')}</Button>
      </Space>
      <ProblemAlert error={orders.error ?? exportError} />
      <Table
        rowKey="id"
        loading={orders.isLoading}
        dataSource={orders.data?.items ?? []}
        pagination={{ current: page, pageSize: 20, total: orders.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('orders.number'), dataIndex: 'number', render: (number: string, order) => <Link to={`/orders/${order.id}`}>{number}</Link> },
          { title: t('orders.customer'), dataIndex: 'customerName' },
          { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{label(s, locale)}</Tag> },
          { title: t('orders.terms'), dataIndex: 'paymentTerms', render: (s: string) => label(s, locale) },
          { title: t('orders.total'), dataIndex: 'totalFen', align: 'right', render: (fen: number) => formatFen(fen) },
          { title: t('orders.createdAt'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        ]}
      />
    </Space>
  );
}

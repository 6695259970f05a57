import { Tag } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { OrderLink } from '../kit/links';

type Shortage = components['schemas']['ShortageView'];

/** The shortage register, in the order stock is reserved for it: what each backordered order lacks. */
export function Shortages() {
  const { t, locale } = useI18n();
  return (
    <DataList<Shortage>
      title="nav.shortages"
      queryKey="shortages"
      csvPath="/api/v1/sales/shortages"
      initial={{ status: 'open' }}
      read={(query) => answer(api.GET('/api/v1/sales/shortages', { params: { query: query as never } }))}
      filters={[
        { name: 'status', label: 'orders.filterStatus', kind: 'select', options: [{ value: 'open', label: t('sales.shortage.open') }, { value: 'filled', label: t('sales.shortage.filled') }] },
        { name: 'sku', label: 'order.sku', kind: 'text' },
      ]}
      columns={[
        { title: t('sales.shortage.sequence'), dataIndex: 'sequence', align: 'right', render: (n: number | null) => n ?? '—' },
        { title: t('sales.order'), key: 'order', render: (_, s) => <OrderLink id={s.orderId} number={s.orderNumber} /> },
        { title: t('orders.customer'), dataIndex: 'customerName' },
        { title: t('order.sku'), dataIndex: 'sku' },
        { title: t('sales.shortage.model'), key: 'model', render: (_, s) => [s.model, s.version].filter(Boolean).join(' · ') || '—' },
        { title: t('sales.shortage.requested'), dataIndex: 'requested', align: 'right' },
        { title: t('sales.shortage.available'), dataIndex: 'available', align: 'right' },
        { title: t('sales.shortage.shortBy'), dataIndex: 'shortBy', align: 'right', render: (n: number) => <strong>{n}</strong> },
        { title: t('newOrder.requestedDate'), dataIndex: 'requestedDate' },
        { title: t('sales.shortage.registeredAt'), dataIndex: 'registeredAt', render: (at: string) => formatDateTime(at, locale) },
        {
          title: t('orders.status'), key: 'status',
          render: (_, s) => (s.filledAt
            ? <Tag color="green">{t('sales.shortage.filled')} · {formatDateTime(s.filledAt, locale)}</Tag>
            : <Tag color="purple">{t('sales.shortage.open')}</Tag>),
        },
      ]}
    />
  );
}

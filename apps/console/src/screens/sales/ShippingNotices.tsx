import { Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { OrderLink } from '../kit/links';
import { label } from '../labels';
import { Person } from './common';

type Notice = components['schemas']['ShippingNoticeTaskView'];
type Told = components['schemas']['RecordCustomerToldBody'];
const STATUSES = ['due', 'scheduled', 'told'] as const;
export const VIAS: Array<Told['via']> = ['phone', 'sms', 'email', 'wechat'];

/** The call list: the day after shipping, each customer is told method, carrier, tracking number and pieces. */
export function ShippingNotices() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayTell = session.may('POST /api/v1/sales/shipping-notices/{shipmentId}/told');
  const today = businessDate();
  return (
    <DataList<Notice>
      title="nav.shippingNotices"
      queryKey="shipping-notices"
      csvPath="/api/v1/sales/shipping-notices"
      rowKey="shipmentId"
      initial={{ status: 'due' }}
      read={(query) => answer(api.GET('/api/v1/sales/shipping-notices', { params: { query: query as never } }))}
      filters={[{ name: 'status', label: 'orders.filterStatus', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: label(s, locale) })) }]}
      columns={[
        {
          title: t('sales.notice.notifyOn'), dataIndex: 'notifyOn',
          render: (d: string, n) => (n.toldAt ? d : <Typography.Text type={d <= today ? 'danger' : undefined}>{d}</Typography.Text>),
        },
        { title: t('sales.order'), key: 'order', render: (_, n) => <OrderLink id={n.orderId} number={n.orderNumber} /> },
        { title: t('orders.customer'), dataIndex: 'customerName' },
        {
          title: t('sales.notice.contact'), key: 'shipTo',
          render: (_, n) => (
            <Space orientation="vertical" size={0}>
              <span>{n.shipTo.name} · <a href={`tel:${n.shipTo.phone.replace(/\s/g, '')}`}>{n.shipTo.phone}</a></span>
              <Typography.Text type="secondary">{n.shipTo.address}</Typography.Text>
            </Space>
          ),
        },
        { title: t('newOrder.method'), dataIndex: 'shippingMethod', render: (m: string) => label(m, locale) },
        { title: t('ship.carrier'), dataIndex: 'carrier' },
        { title: t('ship.tracking'), dataIndex: 'trackingNumber' },
        { title: t('pick.pieces'), dataIndex: 'pieces', align: 'right' },
        {
          title: t('sales.notice.told'), key: 'told',
          render: (_, n) => (n.toldAt
            ? (
              <Space orientation="vertical" size={0}>
                <span><Tag color="green">{label(n.toldVia, locale)}</Tag><Person id={n.toldBy} /> · {formatDateTime(n.toldAt, locale)}</span>
                {n.note && <Typography.Text type="secondary">{n.note}</Typography.Text>}
              </Space>
            )
            : <Tag color={n.notifyOn <= today ? 'orange' : 'default'}>{label(n.notifyOn <= today ? 'due' : 'scheduled', locale)}</Tag>),
        },
        {
          title: t('sales.notice.delivered'), key: 'delivered',
          render: (_, n) => (n.deliveredAt ? `${formatDateTime(n.deliveredAt, locale)}${n.deliverySignedBy ? ` · ${n.deliverySignedBy}` : ''}` : '—'),
        },
        ...(mayTell ? [{ title: t('common.actions'), key: 'actions', fixed: 'right' as const, render: (_: unknown, n: Notice) => !n.toldAt && <ToldDialog notice={n} /> }] : []),
      ]}
    />
  );
}

/** Records that the customer was told about a shipment, and how. */
export function ToldDialog({ notice }: { notice: Notice }) {
  const { t, locale } = useI18n();
  return (
    <FormDialog<Told>
      trigger={t('sales.notice.tell')}
      title={`${t('sales.notice.tell')} · ${notice.orderNumber} ${notice.customerName}`}
      testId={`told-${notice.orderNumber}`}
      initialValues={{ via: 'phone' }}
      submit={async ({ via, note }) => {
        const body: Told = note?.trim() ? { via, note: note.trim() } : { via };
        await answer(api.POST('/api/v1/sales/shipping-notices/{shipmentId}/told', { params: { path: { shipmentId: notice.shipmentId } }, body }));
      }}
    >
      {() => (
        <>
          <Typography.Paragraph>
            {t('sales.notice.script')}{label(notice.shippingMethod, locale)} · {notice.carrier} · {notice.trackingNumber} · {notice.pieces} {t('sales.notice.pieces')}
          </Typography.Paragraph>
          <Form.Item name="via" label={t('sales.notice.via')} rules={[{ required: true, message: t('common.required') }]}>
            <Radio.Group options={VIAS.map((v) => ({ value: v, label: label(v, locale) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('sales.notice.note')}>
            <Input.TextArea rows={2} maxLength={500} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

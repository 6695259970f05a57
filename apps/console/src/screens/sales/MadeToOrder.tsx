import { Card, Descriptions, Form, Input, InputNumber, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { FormDialog } from '../kit/FormDialog';

type Order = components['schemas']['OrderView'];
type Ticket = components['schemas']['ServiceTicketView'];
type OrderLine = components['schemas']['OrderLineView'];

/** A line made for this order after its deposit, never taken from stock. */
export function MadeToOrderBadge({ line }: { line: Pick<OrderLine, 'lineNo' | 'madeToOrder'> }) {
  const { t } = useI18n();
  return line.madeToOrder ? <Tag color="geekblue" data-testid={`made-to-order-${line.lineNo}`}>{t('mto.badge')}</Tag> : null;
}

/**
 * The written confirmation of an order with made-to-order lines: the form while it waits for one (the order clerk
 * records the signed document, which places the order), what was recorded afterwards, and the balance the customer
 * was told when production finished.
 */
export function MadeToOrderCard({ order: o }: { order: Order }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const confirmation = o.writtenConfirmation;
  const notice = o.balanceNotice;
  if (!o.madeToOrder && !notice && o.kind !== 'replacement') return null;
  return (
    <Card title={o.kind === 'replacement' ? `${t('mto.replacement')} · ${o.serviceTicketNumber ?? ''}` : t('mto.confirmation')} size="small" data-testid="made-to-order">
      <Space orientation="vertical" style={{ width: '100%' }}>
        {o.status === 'awaiting_confirmation' && (
          <>
            <Typography.Text type="warning">{t('mto.confirmationWaiting')}</Typography.Text>
            {session.may('POST /api/v1/sales/orders/{orderId}/written-confirmation') && <WrittenConfirmationDialog orderId={o.id} />}
          </>
        )}
        {confirmation && (
          <Typography.Text data-testid="written-confirmation">
            {t('mto.confirmedBy').replace('{signedBy}', confirmation.signedBy).replace('{signedOn}', confirmation.signedOn).replace('{documentRef}', confirmation.documentRef).replace('{recordedBy}', confirmation.recordedBy)}
          </Typography.Text>
        )}
        {notice && (
          <Descriptions size="small" column={1}>
            <Descriptions.Item label={t('mto.balanceNotice')}>
              <span data-testid="order-balance-notice">
                {t('mto.balanceNoticeText').replace('{balance}', formatFen(notice.balanceFen)).replace('{total}', formatFen(notice.totalFen)).replace('{paid}', formatFen(notice.paidFen)).replace('{at}', formatDateTime(notice.issuedAt, locale))}
              </span>
            </Descriptions.Item>
          </Descriptions>
        )}
      </Space>
    </Card>
  );
}

type ConfirmationForm = { documentRef: string; signedBy: string; signedOn: string };

function WrittenConfirmationDialog({ orderId }: { orderId: string }) {
  const { t } = useI18n();
  const submit = (v: ConfirmationForm) =>
    answer(api.POST('/api/v1/sales/orders/{orderId}/written-confirmation', { params: { path: { orderId } }, body: { documentRef: v.documentRef.trim(), signedBy: v.signedBy.trim(), signedOn: v.signedOn.trim() } }));
  return (
    <FormDialog<ConfirmationForm> trigger={t('mto.record')} title={t('mto.record')} submit={submit} testId="written-confirmation">
      {() => (
        <>
          <Form.Item name="documentRef" label={t('mto.documentRef')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="signedBy" label={t('mto.signedBy')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="signedOn" label={t('mto.signedOn')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}><Input placeholder="2026-12-01" /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

export type ReplacementForm = { sku: string; quantity: number; unitPrice?: string; reason: string; requestedDate?: string };

/** The API's body for one replacement line: yuan to fen, free when no price is given. */
export function toReplacementBody(v: ReplacementForm): components['schemas']['ReplacementOrderBody'] {
  const unitPriceFen = v.unitPrice?.trim() ? yuanToFen(v.unitPrice) : 0;
  return {
    lines: [{ sku: v.sku.trim(), quantity: v.quantity, unitPriceFen: unitPriceFen ?? 0 }],
    reason: v.reason.trim(),
    ...(v.requestedDate?.trim() ? { requestedDate: v.requestedDate.trim() } : {}),
  };
}

/** Replacement parts for a complaint (one line here): an order waiting for the business manager, listed on the ticket. */
export function ReplacementOrders({ ticket: s }: { ticket: Ticket }) {
  const { t } = useI18n();
  const session = useSession();
  const orders = s.replacementOrders ?? [];
  const mayRaise = s.kind === 'complaint' && !!s.customerId && s.status !== 'closed' && session.may('POST /api/v1/sales/service-tickets/{ticketId}/replacement-orders');
  if (!mayRaise && !orders.length) return null;
  const submit = (v: ReplacementForm) => answer(api.POST('/api/v1/sales/service-tickets/{ticketId}/replacement-orders', { params: { path: { ticketId: s.id } }, body: toReplacementBody(v) }));
  return (
    <Space wrap data-testid={`replacements-${s.number}`}>
      {orders.map((r) => <Link key={r.orderId} to={`/orders/${r.orderId}`}><Tag color="geekblue">{t('mto.replacementOrder')} {r.orderNumber}</Tag></Link>)}
      {mayRaise && (
        <FormDialog<ReplacementForm> trigger={t('mto.raise')} title={`${t('mto.raise')} ${s.number}`} submit={submit} size="small" primary={false} testId={`replacement-${s.number}`}
          rename={{ 'lines[0].sku': 'sku', 'lines[0].quantity': 'quantity', 'lines[0].unitPriceFen': 'unitPrice' }} initialValues={{ quantity: 1, unitPrice: '0' }}>
          {() => (
            <>
              <Typography.Paragraph type="secondary">{t('mto.replacementHint')}</Typography.Paragraph>
              <Form.Item name="sku" label={t('order.sku')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input /></Form.Item>
              <Form.Item name="quantity" label={t('order.quantity')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} precision={0} /></Form.Item>
              <Form.Item name="unitPrice" label={t('mto.unitPrice')} rules={[{ pattern: /^\d+(\.\d{1,2})?$/, message: '0.00' }]}><Input /></Form.Item>
              <Form.Item name="reason" label={t('mto.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
              <Form.Item name="requestedDate" label={t('mto.requestedDate')}><Input placeholder="2026-12-20" /></Form.Item>
            </>
          )}
        </FormDialog>
      )}
    </Space>
  );
}

import { Space, Table, Tag } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { label } from '../labels';
import { CustomerName, JournalLink, OrderNumberLink, fen } from './shared';

type CreditNote = components['schemas']['CreditNoteView'];

/**
 * Credit notes for returned goods, newest first: revenue and VAT taken back for the accepted goods, the part set
 * against the order's receivable, and the part owed back as a refund (paid on the refunds screen).
 */
export function CreditNotes() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayJournal = session.may('GET /api/v1/finance/journal');
  return (
    <DataList<CreditNote>
      title="nav.creditNotes"
      queryKey="finance-credit-notes"
      csvPath="/api/v1/finance/credit-notes"
      read={(query) => answer(api.GET('/api/v1/finance/credit-notes', { params: { query: query as never } }))}
      expandable={{ expandedRowRender: (c) => <CreditNoteLines note={c} /> }}
      columns={[
        { title: t('returns.creditNote'), dataIndex: 'number' },
        { title: t('returns.number'), dataIndex: 'returnNumber' },
        { title: t('finance.order'), dataIndex: 'orderId', render: (id: string, c) => <OrderNumberLink id={id} number={c.orderNumber} /> },
        { title: t('orders.customer'), dataIndex: 'customerId', render: (id: string) => <CustomerName id={id} /> },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color="green">{label(`rma.${s}`, locale)}</Tag> },
        { title: t('returns.amount'), dataIndex: 'amountFen', align: 'right', render: fen },
        { title: t('returns.net'), dataIndex: 'netFen', align: 'right', render: fen },
        { title: t('returns.vat'), dataIndex: 'vatFen', align: 'right', render: fen },
        { title: t('returns.toReceivable'), dataIndex: 'toReceivableFen', align: 'right', render: fen },
        { title: t('returns.refundDue'), dataIndex: 'refundFen', align: 'right', render: fen },
        { title: t('returns.issuedAt'), dataIndex: 'issuedAt', render: (at: string) => formatDateTime(at, locale) },
        ...(mayJournal ? [{ title: t('common.actions'), key: 'actions', render: (_: unknown, c: CreditNote) => <Space><JournalLink sourceId={c.id} /></Space> }] : []),
      ]}
    />
  );
}

function CreditNoteLines({ note }: { note: CreditNote }) {
  const { t } = useI18n();
  return (
    <Table
      rowKey="lineNo" size="small" pagination={false} style={{ width: 760 }} dataSource={note.lines}
      columns={[
        { title: t('order.sku'), dataIndex: 'sku' },
        { title: t('order.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('returns.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: fen },
        { title: t('returns.amount'), dataIndex: 'amountFen', align: 'right', render: fen },
        { title: t('returns.net'), dataIndex: 'netFen', align: 'right', render: fen },
        { title: t('returns.vat'), dataIndex: 'vatFen', align: 'right', render: fen },
      ]}
    />
  );
}

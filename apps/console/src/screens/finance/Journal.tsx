import { Space, Table, Tag } from 'antd';
import { Link, useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import type { Locale } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { CustomerName, Person, accountName, fen, finLabel } from './shared';

type Entry = components['schemas']['JournalEntryView'];
type Line = components['schemas']['JournalLineView'];

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/** An entry's debit and credit lines, with their totals (equal: every entry balances). */
function EntryLines({ entry, locale }: { entry: Entry; locale: Locale }) {
  const { t } = useI18n();
  const debit = sum(entry.lines.map((l) => l.debitFen));
  const credit = sum(entry.lines.map((l) => l.creditFen));
  return (
    <Table<Line>
      rowKey={(l) => `${l.account}-${l.debitFen}-${l.creditFen}`}
      size="small"
      pagination={false}
      dataSource={entry.lines}
      style={{ maxWidth: 760 }}
      columns={[
        { title: t('finance.account'), dataIndex: 'account', width: 90 },
        { title: t('finance.accountName'), dataIndex: 'name', render: (n: string, l) => <span style={{ paddingLeft: l.creditFen ? 24 : 0 }}>{accountName(n, locale)}</span> },
        { title: t('finance.debit'), dataIndex: 'debitFen', align: 'right', render: (v: number) => (v ? fen(v) : '') },
        { title: t('finance.credit'), dataIndex: 'creditFen', align: 'right', render: (v: number) => (v ? fen(v) : '') },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}><strong>{t('finance.total')}</strong> {debit === credit ? <Tag color="green">{t('finance.balanced')}</Tag> : <Tag color="red">{t('finance.unbalanced')}</Tag>}</Table.Summary.Cell>
          <Table.Summary.Cell index={2} align="right"><strong>{fen(debit)}</strong></Table.Summary.Cell>
          <Table.Summary.Cell index={3} align="right"><strong>{fen(credit)}</strong></Table.Summary.Cell>
        </Table.Summary.Row>
      )}
    />
  );
}

/**
 * The journal, newest first: every receipt, invoice, void and refund as one balanced double entry. Opened from
 * a document (`?sourceId=`), it shows that document's entries.
 */
export function Journal() {
  const { t, locale } = useI18n();
  const [params] = useSearchParams();
  const sourceId = params.get('sourceId') ?? undefined;
  return (
    <DataList<Entry>
      key={sourceId ?? ''}
      title="nav.journal"
      queryKey="finance-journal"
      csvPath="/api/v1/finance/journal"
      initial={sourceId ? { sourceId } : {}}
      filters={[{ name: 'sourceId', label: 'finance.filterSource', kind: 'text' }]}
      read={(query) => answer(api.GET('/api/v1/finance/journal', { params: { query } }))}
      expandable={{ expandedRowRender: (entry) => <EntryLines entry={entry} locale={locale} />, rowExpandable: (entry) => entry.lines.length > 0 }}
      columns={[
        { title: t('finance.entry'), dataIndex: 'number' },
        { title: t('finance.postedAt'), dataIndex: 'postedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('finance.sourceType'), dataIndex: 'sourceType', render: (v: string) => finLabel('source', v, locale) },
        { title: t('finance.debit'), key: 'debit', align: 'right', render: (_: unknown, e) => fen(sum(e.lines.map((l) => l.debitFen))) },
        { title: t('finance.credit'), key: 'credit', align: 'right', render: (_: unknown, e) => fen(sum(e.lines.map((l) => l.creditFen))) },
        { title: t('finance.memo'), dataIndex: 'memo', render: (memo: string, e) => <Space wrap>{memo}{e.reversalOf && <Link to={`/journal?sourceId=${e.sourceId}`}><Tag color="purple">{t('finance.reversal')}</Tag></Link>}</Space> },
        { title: t('orders.customer'), dataIndex: 'customerId', render: (id: string | null) => <CustomerName id={id} /> },
        { title: t('finance.postedBy'), dataIndex: 'postedBy', render: (id: string) => <Person id={id} /> },
      ]}
    />
  );
}

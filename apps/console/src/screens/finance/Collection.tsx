import { Button, Descriptions, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import { DataList } from '../kit/DataList';
import { CodeTag, fen, type QueryOf } from './shared';

type AgingGroup = components['schemas']['AgingGroupView'];
type Commission = components['schemas']['CommissionView'];
type By = 'customer' | 'rep' | 'region';

/** Open receivables by days past due per customer, rep or region, largest first; CSV with one column per bucket. */
export function AgingGroups() {
  const { t } = useI18n();
  const [by, setBy] = useState<By>('customer');
  const money = (key: keyof AgingGroup, title: string) => ({ title, dataIndex: key, align: 'right' as const, render: (v: number) => (v ? fen(v) : '—') });
  return (
    <DataList<AgingGroup>
      title="nav.agingGroups"
      queryKey="finance-aging-groups"
      csvPath="/api/v1/finance/receivables/aging/groups"
      fixed={{ by }}
      rowKey="key"
      toolbar={<Segmented<By> value={by} onChange={setBy} options={(['customer', 'rep', 'region'] as const).map((b) => ({ value: b, label: t(`collection.by.${b}`) }))} />}
      read={(query) => answer(api.GET('/api/v1/finance/receivables/aging/groups', { params: { query: query as QueryOf<'/api/v1/finance/receivables/aging/groups'> } }))}
      columns={[
        { title: t('collection.group'), dataIndex: 'name', render: (name: string) => <strong>{name}</strong> },
        { title: t('collection.count'), dataIndex: 'receivables', align: 'right' },
        money('notDueFen', t('collection.notDue')),
        money('days1To30Fen', t('collection.days1To30')),
        money('days31To60Fen', t('collection.days31To60')),
        money('days61To90Fen', t('collection.days61To90')),
        { ...money('over90Fen', t('collection.over90')), render: (v: number) => (v ? <Typography.Text type="danger">{fen(v)}</Typography.Text> : '—') },
        { ...money('totalOpenFen', t('collection.total')), render: (v: number) => <strong>{fen(v)}</strong> },
      ]}
    />
  );
}

const thisMonth = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 7);
const TIER_COLOURS: Record<string, string> = { full: 'green', partial: 'blue', none: 'default', penalty: 'red' };

/** One rep's statement for the month in a dialog (a table nested in a wide table's row would not keep its width): every receivable behind the figures. */
function CommissionStatement({ rep, month }: { rep: string; month: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const statement = useQuery({
    queryKey: ['finance-commission', rep, month],
    queryFn: () => answer(api.GET('/api/v1/finance/commissions/{rep}', { params: { path: { rep }, query: { month } } })),
    enabled: open,
  });
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid={`statement-${rep}`}>{t('collection.statement')}</Button>
      <Modal open={open} title={`${t('collection.statement')} · ${rep} · ${month}`} width={960} footer={null} onCancel={() => setOpen(false)} destroyOnHidden>
        {statement.data && <StatementBody statement={statement.data} />}
      </Modal>
    </>
  );
}

function StatementBody({ statement }: { statement: components['schemas']['CommissionStatementView'] }) {
  const { t } = useI18n();
  return (
    <>
      <Descriptions size="small" column={1} items={[{ key: 'how', label: t('collection.explanation'), children: statement.explanation }]} />
      <Table
        size="small" rowKey="receivableId" pagination={false} dataSource={statement.lines}
        columns={[
          { title: t('collection.invoice'), dataIndex: 'invoiceNumber' },
          { title: t('finance.order'), dataIndex: 'orderNumber' },
          { title: t('collection.customer'), dataIndex: 'customerName' },
          { title: t('collection.dueDate'), dataIndex: 'dueDate' },
          { title: t('collection.collectible'), dataIndex: 'collectibleFen', align: 'right', render: fen },
          { title: t('collection.collected'), dataIndex: 'collectedFen', align: 'right', render: fen },
          { title: t('collection.stageAtEnd'), dataIndex: 'stage', render: (s: string | null) => <CodeTag kind="stage" code={s} /> },
        ]}
      />
    </>
  );
}

/** Commission per rep for a month (collection rules 9-07), each row with its statement; CSV for payroll. */
export function Commissions() {
  const { t } = useI18n();
  const [month, setMonth] = useState(thisMonth());
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  return (
    <DataList<Commission>
      title="nav.commissions"
      queryKey="finance-commissions"
      csvPath="/api/v1/finance/commissions"
      fixed={{ month: valid ? month : thisMonth() }}
      rowKey="rep"
      toolbar={(
        <Space>
          <label htmlFor="commission-month">{t('collection.month')}</label>
          <Input id="commission-month" value={month} onChange={(e) => setMonth(e.target.value)} placeholder="2026-11" style={{ width: 120 }} status={valid ? undefined : 'error'} data-testid="commission-month" />
        </Space>
      )}
      read={(query) => answer(api.GET('/api/v1/finance/commissions', { params: { query: query as QueryOf<'/api/v1/finance/commissions'> } }))}
      columns={[
        { title: t('collection.rep'), dataIndex: 'rep', render: (rep: string) => <strong>{rep}</strong> },
        { title: t('collection.collectible'), dataIndex: 'collectibleFen', align: 'right', render: fen },
        { title: t('collection.collected'), dataIndex: 'collectedFen', align: 'right', render: fen },
        { title: t('collection.uncollected'), dataIndex: 'uncollectedFen', align: 'right', render: fen },
        { title: t('collection.rate'), dataIndex: 'collectionRateBp', align: 'right', render: (bp: number) => `${(bp / 100).toFixed(2)} %` },
        { title: t('collection.badDebt'), dataIndex: 'badDebt', render: (b: boolean) => (b ? <Tag color="red">{t('collection.badDebt')}</Tag> : '—') },
        { title: t('collection.tier'), dataIndex: 'tier', render: (tier: 'full' | 'partial' | 'none' | 'penalty') => <Tag color={TIER_COLOURS[tier]}>{t(`collection.tier.${tier}`)}</Tag> },
        { title: t('collection.commission'), dataIndex: 'commissionFen', align: 'right', render: fen },
        { title: t('collection.penalty'), dataIndex: 'penaltyFen', align: 'right', render: (v: number) => (v ? <Typography.Text type="danger">{fen(v)}</Typography.Text> : '—') },
        { title: t('collection.net'), dataIndex: 'netFen', align: 'right', render: (v: number) => <strong>{fen(v)}</strong> },
        { title: t('common.actions'), key: 'statement', render: (_: unknown, row: Commission) => <CommissionStatement rep={row.rep} month={row.month} /> },
      ]}
    />
  );
}

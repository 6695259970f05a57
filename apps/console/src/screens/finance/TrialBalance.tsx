import { useQuery } from '@tanstack/react-query';
import { Space, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { LIVE_MS } from '../kit/DataList';
import { ProblemAlert } from '../ProblemAlert';
import { accountName, fen } from './shared';

type Account = components['schemas']['TrialBalanceAccountView'];

/** The trial balance: debits, credits and balance per account, and whether the books balance. */
export function TrialBalance() {
  const { t, locale } = useI18n();
  const balance = useQuery({ queryKey: ['finance-trial-balance'], refetchInterval: LIVE_MS, queryFn: () => answer(api.GET('/api/v1/finance/trial-balance')) });
  const b = balance.data;
  const direction = (v: number) => (v > 0 ? t('finance.dr') : v < 0 ? t('finance.cr') : t('finance.even'));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.trialBalance')}</Typography.Title>
      <Space wrap>
        <Typography.Text type="secondary">{t('finance.asOf')} {formatDateTime(balance.dataUpdatedAt ? new Date(balance.dataUpdatedAt).toISOString() : undefined, locale)}</Typography.Text>
        {b && (b.balanced ? <Tag color="green" data-testid="trial-balanced">{t('finance.booksBalance')}</Tag> : <Tag color="red" data-testid="trial-balanced">{t('finance.booksDoNotBalance')}</Tag>)}
      </Space>
      <ProblemAlert error={balance.error} />
      <Table<Account>
        rowKey="account"
        size="middle"
        loading={balance.isLoading}
        pagination={false}
        dataSource={b?.accounts ?? []}
        style={{ maxWidth: 1000 }}
        columns={[
          { title: t('finance.account'), dataIndex: 'account', width: 100 },
          { title: t('finance.accountName'), dataIndex: 'name', render: (n: string) => accountName(n, locale) },
          { title: t('finance.debit'), dataIndex: 'debitFen', align: 'right', render: fen },
          { title: t('finance.credit'), dataIndex: 'creditFen', align: 'right', render: fen },
          { title: t('finance.balance'), dataIndex: 'balanceFen', align: 'right', render: (v: number) => `${direction(v)} ${fen(Math.abs(v))}` },
        ]}
        summary={() => b && (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={2}><strong>{t('finance.total')}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={2} align="right"><strong data-testid="trial-debit">{fen(b.totals.debitFen)}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={3} align="right"><strong data-testid="trial-credit">{fen(b.totals.creditFen)}</strong></Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="right">
              {b.totals.debitFen === b.totals.creditFen ? <Tag color="green">{t('finance.debitsEqualCredits')}</Tag> : <Tag color="red">{t('finance.difference')} {fen(b.totals.debitFen - b.totals.creditFen)}</Tag>}
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
    </Space>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { Person } from '../kit/people';
import { ProblemSlot } from '../kit/Problems';
import { ProblemAlert } from '../ProblemAlert';

type Period = components['schemas']['PeriodView'];
type Check = components['schemas']['CloseCheckView'];
type CheckName = 'cashier-days' | 'receivables' | 'payables' | 'supplier-prepayments' | 'stock' | 'vouchers';

/**
 * Month-end close (月末结账): the months of the books, and for the one picked its checklist — each check agreeing or
 * listing what does not, with the figures — and, for a finance manager, the close itself once everything agrees.
 */
export function PeriodClose() {
  return <ProblemSlot>{(problem) => <Periods actionProblem={problem} />}</ProblemSlot>;
}

function Periods({ actionProblem }: { actionProblem: unknown }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayClose = session.may('POST /api/v1/finance/periods/{month}/close');
  const periods = useQuery({ queryKey: ['finance-periods'], queryFn: () => answer(api.GET('/api/v1/finance/periods')) });
  const [picked, setPicked] = useState<string>();
  // The earliest open month is the one to close next; it is shown first unless another is picked.
  const open = (periods.data ?? []).filter((p) => p.status === 'open').map((p) => p.month).sort();
  const month = picked ?? open[0];
  const check = useQuery({
    queryKey: ['finance-period-check', month],
    enabled: !!month,
    queryFn: () => answer(api.GET('/api/v1/finance/periods/{month}/close-check', { params: { path: { month: month! } } })),
  });
  const c = check.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.periodClose')}</Typography.Title>
      <ProblemAlert error={periods.error ?? actionProblem} />
      <Table<Period>
        rowKey="month"
        size="middle"
        loading={periods.isLoading}
        pagination={false}
        dataSource={periods.data ?? []}
        style={{ maxWidth: 900 }}
        rowClassName={(p) => (p.month === month ? 'ant-table-row-selected' : '')}
        columns={[
          { title: t('periods.month'), dataIndex: 'month' },
          { title: t('orders.status'), dataIndex: 'status', render: (s: 'open' | 'closed') => <Tag color={s === 'closed' ? 'green' : 'blue'}>{t(`periods.status.${s}`)}</Tag> },
          { title: t('periods.entries'), dataIndex: 'entryCount', align: 'right' },
          { title: t('periods.closedBy'), key: 'closed', render: (_: unknown, p: Period) => (p.closedBy ? <><Person id={p.closedBy} /> {formatDateTime(p.closedAt, locale)}</> : '—') },
          { title: t('common.actions'), key: 'actions', render: (_: unknown, p: Period) => <Button size="small" data-testid={`check-${p.month}`} onClick={() => setPicked(p.month)}>{t('periods.check')}</Button> },
        ]}
      />
      {!month && <Typography.Text type="secondary">{t('periods.pick')}</Typography.Text>}
      {month && (
        <Card title={`${t('periods.checkOf')}${month}`} data-testid="close-check" style={{ maxWidth: 900 }}>
          <ProblemAlert error={check.error} />
          {c && (
            <Space orientation="vertical" style={{ width: '100%' }}>
              <Space>
                <Tag color={c.status === 'closed' ? 'green' : 'blue'}>{t(`periods.status.${c.status as 'open' | 'closed'}`)}</Tag>
                {c.status === 'open' && (c.closable ? <Tag color="green" data-testid="closable">{t('periods.closable')}</Tag> : <Tag color="orange" data-testid="closable">{t('periods.notClosable')}</Tag>)}
              </Space>
              {c.blockedBy && c.status === 'open' && <Alert type="warning" showIcon message={c.blockedBy} />}
              {c.checks.map((k: Check) => (
                <div key={k.check} data-testid={`check-item-${k.check}`} style={{ padding: '8px 0', borderBottom: '1px solid rgba(5, 5, 5, 0.06)' }}>
                  <Space orientation="vertical" size={0} style={{ width: '100%' }}>
                    <Space>
                      {k.agrees ? <Tag color="green">{t('periods.agrees')}</Tag> : <Tag color="red">{t('periods.disagrees')}</Tag>}
                      <span>{t(`periods.checks.${k.check as CheckName}`)}</span>
                    </Space>
                    {k.problems.map((p, i) => <Typography.Text key={i} type="danger">{p.detail}</Typography.Text>)}
                  </Space>
                </div>
              ))}
              {mayClose && c.status === 'open' && (
                <ActionButton primary size="middle" confirm={t('periods.closeAsk')} testId={`close-${month}`}
                  run={() => answer(api.POST('/api/v1/finance/periods/{month}/close', { params: { path: { month } } }))}>
                  {t('periods.close')}
                </ActionButton>
              )}
            </Space>
          )}
        </Card>
      )}
    </Space>
  );
}

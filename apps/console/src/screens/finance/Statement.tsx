import { useQuery } from '@tanstack/react-query';
import { Card, DatePicker, Descriptions, Form, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import { businessDate } from '../../lib/money';
import { PrintLink } from '../kit/links';
import { ProblemAlert } from '../ProblemAlert';
import { CustomerName, CustomerSelect, fen, finLabel } from './shared';

type Line = components['schemas']['StatementLineView'];

/** This month in Shanghai: its first and last business days. */
export function thisMonth(today = businessDate()): { from: string; to: string } {
  const day = dayjs(today);
  return { from: day.startOf('month').format('YYYY-MM-DD'), to: day.endOf('month').format('YYYY-MM-DD') };
}

/** A balance in words: what the customer owes, or (negative) money held for them. */
function Balance({ value }: { value: number }) {
  const { t } = useI18n();
  if (value < 0) return <span>{fen(-value)} <Typography.Text type="secondary">({t('finance.heldForCustomer')})</Typography.Text></span>;
  return <span>{fen(value)}</span>;
}

/** A customer's statement for a period: opening balance, every document with its running balance, closing. */
export function Statement() {
  const { t, locale } = useI18n();
  const [customerId, setCustomerId] = useState<string>();
  const [period, setPeriod] = useState(thisMonth);
  const statement = useQuery({
    queryKey: ['finance-statement', customerId, period.from, period.to],
    enabled: !!customerId,
    queryFn: () => answer(api.GET('/api/v1/finance/customers/{customerId}/statement', { params: { path: { customerId: customerId! }, query: period } })),
  });
  const s = statement.data;
  const setDate = (which: 'from' | 'to') => (d: dayjs.Dayjs | null) => d && setPeriod((p) => ({ ...p, [which]: d.format('YYYY-MM-DD') }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.statement')}</Typography.Title>
      <Form layout="inline">
        <Form.Item label={t('orders.customer')} htmlFor="statement-customer">
          <CustomerSelect id="statement-customer" label={t('finance.chooseCustomer')} value={customerId} onChange={setCustomerId} width={320} />
        </Form.Item>
        <Form.Item label={t('common.from')} htmlFor="statement-from">
          <DatePicker id="statement-from" allowClear={false} value={dayjs(period.from)} onChange={setDate('from')} />
        </Form.Item>
        <Form.Item label={t('common.to')} htmlFor="statement-to">
          <DatePicker id="statement-to" allowClear={false} value={dayjs(period.to)} onChange={setDate('to')} />
        </Form.Item>
        {customerId && (
          <Form.Item>
            <PrintLink document={{ kind: 'statement', id: customerId, from: period.from, to: period.to }}>{t('common.print')}</PrintLink>
          </Form.Item>
        )}
      </Form>
      <ProblemAlert error={statement.error} />
      {!customerId && <Typography.Paragraph type="secondary">{t('finance.chooseCustomerFirst')}</Typography.Paragraph>}
      {customerId && (
        <Card size="small" loading={statement.isLoading}>
          {s && (
            <>
              <Descriptions size="small" bordered column={3} style={{ marginBottom: 16 }}>
                <Descriptions.Item label={t('orders.customer')}><CustomerName id={s.customerId} withHold /></Descriptions.Item>
                <Descriptions.Item label={t('finance.period')}>{s.from} — {s.to}</Descriptions.Item>
                <Descriptions.Item label={t('finance.openingBalance')}><Balance value={s.openingBalanceFen} /></Descriptions.Item>
                <Descriptions.Item label={t('finance.totalDebit')}>{fen(s.totalDebitFen)}</Descriptions.Item>
                <Descriptions.Item label={t('finance.totalCredit')}>{fen(s.totalCreditFen)}</Descriptions.Item>
                <Descriptions.Item label={t('finance.closingBalance')}><strong><Balance value={s.closingBalanceFen} /></strong></Descriptions.Item>
              </Descriptions>
              <Table<Line>
                rowKey={(l) => `${l.entryNumber}-${l.documentNumber}`}
                size="small"
                pagination={false}
                dataSource={[{ date: s.from, entryNumber: '', sourceType: 'opening', documentNumber: '', memo: t('finance.openingBalance'), debitFen: 0, creditFen: 0, balanceFen: s.openingBalanceFen } as unknown as Line, ...s.lines]}
                scroll={{ x: 'max-content' }}
                columns={[
                  { title: t('finance.date'), dataIndex: 'date' },
                  { title: t('finance.document'), dataIndex: 'documentNumber' },
                  { title: t('finance.sourceType'), dataIndex: 'sourceType', render: (v: string) => (v === 'opening' ? '' : finLabel('source', v, locale)) },
                  { title: t('finance.memo'), dataIndex: 'memo' },
                  { title: t('finance.entry'), dataIndex: 'entryNumber' },
                  { title: t('finance.debit'), dataIndex: 'debitFen', align: 'right', render: (v: number) => (v ? fen(v) : '') },
                  { title: t('finance.credit'), dataIndex: 'creditFen', align: 'right', render: (v: number) => (v ? fen(v) : '') },
                  { title: t('finance.balance'), dataIndex: 'balanceFen', align: 'right', render: (v: number) => <Balance value={v} /> },
                ]}
                summary={() => (
                    <Table.Summary.Row>
                      <Table.Summary.Cell index={0} colSpan={5}><strong>{t('finance.periodTotals')}</strong></Table.Summary.Cell>
                      <Table.Summary.Cell index={5} align="right"><strong>{fen(s.totalDebitFen)}</strong></Table.Summary.Cell>
                      <Table.Summary.Cell index={6} align="right"><strong>{fen(s.totalCreditFen)}</strong></Table.Summary.Cell>
                      <Table.Summary.Cell index={7} align="right"><strong><Balance value={s.closingBalanceFen} /></strong></Table.Summary.Cell>
                    </Table.Summary.Row>
                )}
              />
            </>
          )}
        </Card>
      )}
    </Space>
  );
}

import { Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { PrintLink } from '../kit/links';
import { CodeFilter, CodeTag, CustomerName, CustomerSelect, OrderNumberLink, fen, finLabel, present, useCustomer, type QueryOf } from './shared';

type Receivable = components['schemas']['ReceivableView'];

/**
 * Stop or resume supply to a customer (a finance manager, with a reason sent to sales). Which of the two is
 * offered follows the customer's hold as sales knows it; unknown, both are.
 */
export function CreditHoldButtons({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const session = useSession();
  const customer = useCustomer(customerId);
  const onHold = customer.data?.credit.onHold;
  const path = { params: { path: { customerId } } };
  return (
    <Space wrap>
      {onHold !== true && session.may('POST /api/v1/finance/customers/{customerId}/credit-hold') && (
        <ActionButton danger reason={t('finance.holdReason')} run={(reason) => answer(api.POST('/api/v1/finance/customers/{customerId}/credit-hold', { ...path, body: { reason } }))} testId={`hold-${customerId}`}>
          {t('finance.creditHold')}
        </ActionButton>
      )}
      {onHold !== false && session.may('POST /api/v1/finance/customers/{customerId}/credit-release') && (
        <ActionButton reason={t('finance.releaseReason')} run={(reason) => answer(api.POST('/api/v1/finance/customers/{customerId}/credit-release', { ...path, body: { reason } }))} testId={`release-${customerId}`}>
          {t('finance.creditRelease')}
        </ActionButton>
      )}
    </Space>
  );
}

/** The chosen customer's credit as sales knows it: hold and why, open and overdue amounts. */
function CustomerCredit({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const customer = useCustomer(customerId);
  const credit = customer.data?.credit;
  return (
    <Space wrap>
      {credit && (
        <Typography.Text>
          {credit.onHold ? <Tag color="red">{t('finance.onHold')}</Tag> : <Tag color="green">{t('finance.supplied')}</Tag>}
          {credit.onHold && credit.holdReason ? `${credit.holdReason} · ` : ''}
          {t('finance.openTotal')}: {fen(credit.openReceivableFen)} · {t('finance.overdueTotal')}: {fen(credit.overdueFen)}
        </Typography.Text>
      )}
      <CreditHoldButtons customerId={customerId} />
    </Space>
  );
}

/** Receivables, earliest due first: what is open, how late, in which collection stage; hold supply where due. */
export function Receivables() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [status, setStatus] = useState<string | undefined>('open');
  const [stage, setStage] = useState<string>();
  const [overdue, setOverdue] = useState<string>();
  const [pastDue, setPastDue] = useState<string>();
  const [customerId, setCustomerId] = useState<string>();
  const fixed = present({ status, stage, overdue, pastDue, customerId });
  const overdueOptions = [{ value: 'true', label: t('finance.overdueOnly') }, { value: 'false', label: t('finance.notOverdue') }];
  const pastDueOptions = [{ value: 'true', label: t('finance.pastDueOnly') }, { value: 'false', label: t('finance.notPastDue') }];
  const mayHold = session.may('POST /api/v1/finance/customers/{customerId}/credit-hold') || session.may('POST /api/v1/finance/customers/{customerId}/credit-release');
  return (
    <DataList<Receivable>
      title="nav.receivables"
      queryKey="finance-receivables"
      csvPath="/api/v1/finance/receivables"
      fixed={fixed}
      toolbar={(
        <>
          <CodeFilter label={t('finance.filterStatus')} value={status} onChange={setStatus} options={['open', 'settled', 'voided'].map((s) => ({ value: s, label: finLabel('receivable', s, locale) }))} />
          <CodeFilter label={t('finance.filterStage')} value={stage} onChange={setStage} options={['current', 'unpaid'].map((s) => ({ value: s, label: finLabel('stage', s, locale) }))} />
          <CodeFilter label={t('finance.filterOverdue')} value={overdue} onChange={setOverdue} options={overdueOptions} />
          <CodeFilter label={t('finance.filterPastDue')} value={pastDue} onChange={setPastDue} options={pastDueOptions} />
          <CustomerSelect label={t('finance.filterCustomer')} value={customerId} onChange={setCustomerId} />
          {customerId && <CustomerCredit customerId={customerId} />}
        </>
      )}
      read={(query) => answer(api.GET('/api/v1/finance/receivables', { params: { query: query as QueryOf<'/api/v1/finance/receivables'> } }))}
      columns={[
        { title: t('finance.invoiceNumber'), dataIndex: 'invoiceNumber', render: (n: string, r) => <PrintLink document={{ kind: 'invoice', id: r.invoiceId }}>{n}</PrintLink> },
        { title: t('finance.order'), dataIndex: 'orderId', render: (id: string) => <OrderNumberLink id={id} /> },
        { title: t('orders.customer'), dataIndex: 'customerId', render: (id: string) => <CustomerName id={id} withHold /> },
        { title: t('finance.amount'), dataIndex: 'amountFen', align: 'right', render: fen },
        { title: t('finance.settled'), dataIndex: 'settledFen', align: 'right', render: fen },
        { title: t('finance.open'), dataIndex: 'openFen', align: 'right', render: (v: number) => <strong>{fen(v)}</strong> },
        { title: t('finance.dueDate'), dataIndex: 'dueDate' },
        { title: t('finance.daysPastDue'), dataIndex: 'daysPastDue', align: 'right', render: (d: number) => (d > 0 ? <Typography.Text type="danger">{d}</Typography.Text> : d) },
        { title: t('finance.unpaidFrom'), dataIndex: 'unpaidFrom' },
        { title: t('finance.stage'), dataIndex: 'stage', render: (s: string | null) => <CodeTag kind="stage" code={s} /> },
        { title: t('finance.overdue'), dataIndex: 'overdue', render: (o: boolean) => (o ? <Tag color="red">{t('finance.overdue')}</Tag> : '—') },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <CodeTag kind="receivable" code={s} /> },
        ...(mayHold ? [{ title: t('finance.supply'), key: 'hold', fixed: 'right' as const, render: (_: unknown, r: Receivable) => <CreditHoldButtons customerId={r.customerId} /> }] : []),
      ]}
    />
  );
}

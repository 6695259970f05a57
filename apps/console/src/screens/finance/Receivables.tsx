import { Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { ActionButton } from '../kit/ActionButton';
import { FormDialog } from '../kit/FormDialog';
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

const STAGES = ['current', 'unpaid', 'dunning', 'supply_stopped', 'doubtful', 'written_off'];
const LADDER = STAGES.slice(0, 5);
const reached = (stage: string | null | undefined, floor: string) => !!stage && LADDER.includes(stage) && LADDER.indexOf(stage) >= LADDER.indexOf(floor);
const required = (message: string) => [{ required: true, whitespace: true, message }];

/** A finance manager declares the customer bankrupt or seized: all their open receivables become doubtful, supply stops. */
function DeclareDoubtful({ customerId }: { customerId: string }) {
  const { t } = useI18n();
  const session = useSession();
  if (!session.may('POST /api/v1/finance/customers/{customerId}/doubtful')) return null;
  return (
    <FormDialog<{ kind: 'bankrupt' | 'seized'; note: string }> trigger={t('collection.doubtful')} title={t('collection.doubtful')} primary={false} initialValues={{ kind: 'bankrupt' }}
      submit={(body) => answer(api.POST('/api/v1/finance/customers/{customerId}/doubtful', { params: { path: { customerId } }, body }))} testId={`doubtful-${customerId}`}>
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('collection.doubtfulHelp')}</Typography.Paragraph>
          <Form.Item name="kind" label={t('collection.kind')}>
            <Select options={(['bankrupt', 'seized'] as const).map((k) => ({ value: k, label: t(`collection.kind.${k}`) }))} />
          </Form.Item>
          <Form.Item name="note" label={t('collection.note')} rules={required(t('common.required'))}><Input.TextArea rows={2} maxLength={1000} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** What a collector does with one receivable, as its stage allows and the person may: a dunning plan, a problem report, a write-off approval. */
function CollectionActions({ r }: { r: Receivable }) {
  const { t } = useI18n();
  const session = useSession();
  const path = { params: { path: { receivableId: r.id } } };
  return (
    <Space wrap size={4}>
      {r.status === 'open' && reached(r.stage, 'dunning') && session.may('POST /api/v1/finance/receivables/{receivableId}/dunning-plan') && (
        <FormDialog<{ reasons: string; plan: string }> trigger={t('collection.dunningPlan')} title={t('collection.dunningPlan')} size="small" primary={r.dunningPlanMissing}
          initialValues={r.dunningPlan ? { reasons: r.dunningPlan.reasons, plan: r.dunningPlan.plan } : undefined}
          submit={(body) => answer(api.POST('/api/v1/finance/receivables/{receivableId}/dunning-plan', { ...path, body }))} testId={`dunning-plan-${r.id}`}>
          {() => (
            <>
              <Typography.Paragraph type="secondary">{t('collection.dunningPlanHelp')} ({r.dunningPlanDue})</Typography.Paragraph>
              <Form.Item name="reasons" label={t('collection.reasons')} rules={required(t('common.required'))}><Input.TextArea rows={2} maxLength={2000} /></Form.Item>
              <Form.Item name="plan" label={t('collection.plan')} rules={required(t('common.required'))}><Input.TextArea rows={3} maxLength={2000} /></Form.Item>
            </>
          )}
        </FormDialog>
      )}
      {r.problemAccount && session.may('POST /api/v1/finance/receivables/{receivableId}/problem-report') && (
        <FormDialog<{ report: string }> trigger={t('collection.problemReport')} title={t('collection.problemReport')} size="small" primary={r.problemReportMissing}
          initialValues={r.problemReport ? { report: r.problemReport.text } : undefined}
          submit={(body) => answer(api.POST('/api/v1/finance/receivables/{receivableId}/problem-report', { ...path, body }))} testId={`problem-report-${r.id}`}>
          {() => (
            <>
              <Typography.Paragraph type="secondary">{t('collection.problemReportHelp')} ({r.problemReportDue})</Typography.Paragraph>
              <Form.Item name="report" label={t('collection.report')} rules={required(t('common.required'))}><Input.TextArea rows={5} maxLength={4000} /></Form.Item>
            </>
          )}
        </FormDialog>
      )}
      {r.stage === 'doubtful' && session.may('POST /api/v1/finance/receivables/{receivableId}/write-off') && (
        <ActionButton danger reason={t('collection.writeOffReason')} run={(reason) => answer(api.POST('/api/v1/finance/receivables/{receivableId}/write-off', { ...path, body: { reason } }))} testId={`write-off-${r.id}`}>
          {t('collection.writeOff')}
        </ActionButton>
      )}
    </Space>
  );
}

/** Flags a collector acts on: plan or report overdue, a problem account, a write-off waiting for its second approval. */
function CollectionFlags({ r }: { r: Receivable }) {
  const { t } = useI18n();
  const pendingWriteOff = r.writeOff && !r.writeOff.writtenOffOn;
  return (
    <Space wrap size={2}>
      {r.dunningPlanMissing && <Tag color="red">{t('collection.planMissing')}</Tag>}
      {r.problemAccount && <Tag color="orange">{t('collection.problem')}</Tag>}
      {r.problemReportMissing && <Tag color="red">{t('collection.reportMissing')}</Tag>}
      {pendingWriteOff && <Tag color="purple">{t('collection.writeOffPending')}</Tag>}
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
      <DeclareDoubtful customerId={customerId} />
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
  const [todo, setTodo] = useState<string>();
  const fixed = present({ status, stage, overdue, pastDue, customerId, ...(todo ? { [todo]: 'true' } : {}) });
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
          <CodeFilter label={t('finance.filterStatus')} value={status} onChange={setStatus} options={['open', 'settled', 'voided', 'written_off'].map((s) => ({ value: s, label: finLabel('receivable', s, locale) }))} />
          <CodeFilter label={t('finance.filterStage')} value={stage} onChange={setStage} options={STAGES.map((s) => ({ value: s, label: finLabel('stage', s, locale) }))} />
          <CodeFilter label={t('collection.todo')} value={todo} onChange={setTodo} options={(['planMissing', 'problem', 'reportMissing'] as const).map((k) => ({ value: k, label: t(`collection.${k}`) }))} />
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
        // The stage says whether it is overdue (unpaid or beyond); what a collector must do shows under it.
        { title: t('finance.stage'), dataIndex: 'stage', render: (s: string | null, r: Receivable) => <Space orientation="vertical" size={2}><CodeTag kind="stage" code={s} /><CollectionFlags r={r} /></Space> },
        { title: t('common.actions'), key: 'collection', render: (_: unknown, r: Receivable) => <CollectionActions r={r} /> },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <CodeTag kind="receivable" code={s} /> },
        ...(mayHold ? [{ title: t('finance.supply'), key: 'hold', fixed: 'right' as const, render: (_: unknown, r: Receivable) => <CreditHoldButtons customerId={r.customerId} /> }] : []),
      ]}
    />
  );
}

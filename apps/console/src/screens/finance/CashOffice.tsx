import { Form, Input, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';
import { JournalLink } from './shared';

type Handover = components['schemas']['CashHandoverView'];
type Deposit = components['schemas']['BankDepositView'];

/**
 * Cash handed by cashiers to the treasurer (a finance manager): each waits until the treasurer, never the
 * cashier who handed it, confirms receiving it.
 */
export function CashHandovers() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayConfirm = session.may('POST /api/v1/finance/cash-handovers/{handoverId}/confirm');
  return (
    <DataList<Handover>
      title="nav.cashHandovers"
      queryKey="cash-handovers"
      csvPath="/api/v1/finance/cash-handovers"
      read={(query) => answer(api.GET('/api/v1/finance/cash-handovers', { params: { query } }))}
      filters={[
        { name: 'businessDate', label: 'finance.day.date', kind: 'date' },
        { name: 'status', label: 'finance.filterStatus', kind: 'select', options: (['handed', 'received'] as const).map((s) => ({ value: s, label: t(`finance.handover.${s}`) })) },
      ]}
      columns={[
        { title: t('finance.handover.number'), dataIndex: 'number' },
        { title: t('finance.day.date'), dataIndex: 'businessDate' },
        { title: t('finance.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('orders.status'), dataIndex: 'status', render: (s: 'handed' | 'received') => <Tag color={s === 'received' ? 'green' : 'gold'}>{t(`finance.handover.${s}`)}</Tag> },
        { title: t('finance.handover.handedBy'), key: 'handed', render: (_: unknown, h: Handover) => <><Person id={h.handedBy} /> {formatDateTime(h.handedAt, locale)}</> },
        { title: t('finance.handover.receivedBy'), key: 'received', render: (_: unknown, h: Handover) => (h.receivedBy ? <><Person id={h.receivedBy} /> {formatDateTime(h.receivedAt, locale)}</> : '—') },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, h: Handover) => mayConfirm && h.status === 'handed' && h.handedBy !== session.userId && (
            <ActionButton primary confirm={t('finance.handover.confirmAsk')} run={() => answer(api.POST('/api/v1/finance/cash-handovers/{handoverId}/confirm', { params: { path: { handoverId: h.id } } }))} testId={`confirm-handover-${h.number}`}>
              {t('finance.handover.confirm')}
            </ActionButton>
          ),
        },
      ]}
    />
  );
}

/** Runs of cash to the bank: scheduled by the treasurer (security is asked for an escort), then recorded deposited with the slip. */
export function BankDeposits() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayRecord = session.may('POST /api/v1/finance/bank-deposits/{depositId}/deposited');
  return (
    <DataList<Deposit>
      title="nav.bankDeposits"
      queryKey="bank-deposits"
      csvPath="/api/v1/finance/bank-deposits"
      read={(query) => answer(api.GET('/api/v1/finance/bank-deposits', { params: { query } }))}
      filters={[
        { name: 'status', label: 'finance.filterStatus', kind: 'select', options: (['scheduled', 'deposited'] as const).map((s) => ({ value: s, label: t(`finance.deposit.${s}`) })) },
      ]}
      toolbar={session.may('POST /api/v1/finance/bank-deposits') && <ScheduleDepositDialog />}
      columns={[
        { title: t('finance.deposit.number'), dataIndex: 'number' },
        { title: t('finance.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('finance.deposit.bank'), dataIndex: 'bank' },
        { title: t('finance.deposit.plannedAt'), dataIndex: 'plannedAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('orders.status'), dataIndex: 'status', render: (s: 'scheduled' | 'deposited') => <Tag color={s === 'deposited' ? 'green' : 'gold'}>{t(`finance.deposit.${s}`)}</Tag> },
        { title: t('finance.deposit.requestedBy'), dataIndex: 'requestedBy', render: (id: string) => <Person id={id} /> },
        {
          title: t('finance.deposit.depositedBy'), key: 'deposited',
          render: (_: unknown, d: Deposit) => (d.depositedBy ? <><Person id={d.depositedBy} /> {formatDateTime(d.depositedAt, locale)} · {d.bankSlipNumber} · <JournalLink sourceId={d.id} /></> : '—'),
        },
        { title: t('common.actions'), key: 'actions', render: (_: unknown, d: Deposit) => mayRecord && d.status === 'scheduled' && <RecordDepositDialog deposit={d} /> },
      ]}
    />
  );
}

interface ScheduleForm { amount: string; bank: string; plannedAt: string }

/** The local time a run leaves, as `YYYY-MM-DDTHH:mm` (a datetime-local input), one hour from now to start with. */
const inAnHour = () => {
  const at = new Date(Date.now() + 3_600_000 - new Date().getTimezoneOffset() * 60_000);
  return at.toISOString().slice(0, 16);
};

function ScheduleDepositDialog() {
  const { t } = useI18n();
  const amount = { validator: (_: unknown, v: string) => ((yuanToFen(v ?? '') ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('newOrder.notAnAmount')))) };
  return (
    <FormDialog<ScheduleForm>
      trigger={t('finance.deposit.schedule')}
      title={t('finance.deposit.schedule')}
      testId="schedule-deposit"
      initialValues={{ amount: '', bank: '', plannedAt: inAnHour() }}
      rename={{ amountFen: 'amount' }}
      submit={(values) => answer(api.POST('/api/v1/finance/bank-deposits', {
        body: { amountFen: yuanToFen(values.amount)!, bank: values.bank.trim(), plannedAt: new Date(values.plannedAt).toISOString() },
      }))}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('finance.deposit.scheduleHint')}</Typography.Paragraph>
          <Form.Item name="amount" label={t('finance.handover.amount')} rules={[amount]}><Input /></Form.Item>
          <Form.Item name="bank" label={t('finance.deposit.bank')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="plannedAt" label={t('finance.deposit.plannedAt')} rules={[{ required: true, message: t('common.required') }]}><Input type="datetime-local" /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function RecordDepositDialog({ deposit }: { deposit: Deposit }) {
  const { t } = useI18n();
  return (
    <FormDialog<{ bankSlipNumber: string }>
      trigger={t('finance.deposit.record')}
      title={`${t('finance.deposit.record')} ${deposit.number} · ${formatFen(deposit.amountFen)}`}
      size="small"
      testId={`record-deposit-${deposit.number}`}
      submit={(values) => answer(api.POST('/api/v1/finance/bank-deposits/{depositId}/deposited', { params: { path: { depositId: deposit.id } }, body: { bankSlipNumber: values.bankSlipNumber.trim() } }))}
    >
      {() => (
        <Form.Item name="bankSlipNumber" label={t('finance.deposit.slip')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={50} /></Form.Item>
      )}
    </FormDialog>
  );
}

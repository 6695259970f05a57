import { Form, Input, Radio, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { fen, JournalLink } from './shared';

type Reward = components['schemas']['FinanceReferralRewardView'];
type Status = Reward['status'];

const STATUSES: readonly Status[] = ['to_check', 'approved', 'rejected', 'paid', 'credited'];
const STATUS_COLOURS: Record<Status, string> = { to_check: 'gold', approved: 'blue', rejected: 'red', paid: 'green', credited: 'cyan' };

/**
 * Referral rewards sales confirmed (老带新): an accountant or the finance manager checks each — approves it, or
 * rejects it as false with the reason (sales marks it void) — and a cashier or the finance manager, never the
 * checker, pays it in cash, by transfer, or credits it to the referrer's prepayment.
 */
export function ReferralRewardsToPay() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayCheck = session.may('POST /api/v1/finance/referral-rewards/{id}/approve');
  const mayPay = session.may('POST /api/v1/finance/referral-rewards/{id}/pay');
  return (
    <DataList<Reward>
      title="nav.referralRewardsFinance"
      queryKey="finance-referral-rewards"
      csvPath="/api/v1/finance/referral-rewards"
      read={(query) => answer(api.GET('/api/v1/finance/referral-rewards', { params: { query: query as { status?: Status } } }))}
      filters={[{ name: 'status', label: 'orders.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(`referralFin.status.${s}`) })) }]}
      columns={[
        { title: t('referral.number'), dataIndex: 'number' },
        { title: t('referral.referrer'), dataIndex: 'referrerName' },
        { title: t('referral.newCustomer'), key: 'new', render: (_: unknown, r: Reward) => <>{r.newCustomerName} · {r.orderNumber} {fen(r.orderTotalFen)}</> },
        { title: t('referral.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => fen(v) },
        { title: t('referral.managerConfirmedBy'), key: 'confirmed', render: (_: unknown, r: Reward) => <>{r.managerConfirmedBy} {formatDateTime(r.receivedAt, locale)}</> },
        {
          title: t('orders.status'), dataIndex: 'status',
          render: (s: Status, r: Reward) => (
            <Space orientation="vertical" size={0}>
              <Tag color={STATUS_COLOURS[s]}>{t(`referralFin.status.${s}`)}</Tag>
              {r.checkedBy && <Typography.Text type="secondary">{t('referralFin.checkedBy')} {r.checkedBy}</Typography.Text>}
              {r.rejectReason && <Typography.Text type="danger">{r.rejectReason}</Typography.Text>}
              {r.journalEntryNumber && (
                <Typography.Text type="secondary">{r.method ? t(`referral.method.${r.method}`) : ''}{r.bankReference ? ` ${r.bankReference}` : ''} · <JournalLink sourceId={r.id} /></Typography.Text>
              )}
            </Space>
          ),
        },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, r: Reward) => (
            <Space>
              {mayCheck && r.status === 'to_check' && (
                <>
                  <ActionButton primary confirm={t('referralFin.approveAsk')} testId={`approve-${r.number}`}
                    run={() => answer(api.POST('/api/v1/finance/referral-rewards/{id}/approve', { params: { path: { id: r.id } } }))}>
                    {t('referralFin.approve')}
                  </ActionButton>
                  <ActionButton danger reason={t('referralFin.rejectReason')} testId={`reject-${r.number}`}
                    run={(reason) => answer(api.POST('/api/v1/finance/referral-rewards/{id}/reject', { params: { path: { id: r.id } }, body: { reason } }))}>
                    {t('referralFin.reject')}
                  </ActionButton>
                </>
              )}
              {mayPay && r.status === 'approved' && <PayRewardDialog reward={r} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

interface PayForm { method: 'cash' | 'transfer' | 'credit'; bankReference: string }

/** Pay an approved reward: cash, transfer with the bank's reference, or credit to the referrer's prepayment. */
export function PayRewardDialog({ reward }: { reward: Reward }) {
  const { t } = useI18n();
  return (
    <FormDialog<PayForm>
      trigger={t('referralFin.pay')}
      title={`${t('referralFin.pay')} ${reward.number} · ${reward.referrerName} · ${fen(reward.amountFen)}`}
      size="small"
      testId={`pay-${reward.number}`}
      initialValues={{ method: 'transfer', bankReference: '' }}
      submit={(v) => answer(api.POST('/api/v1/finance/referral-rewards/{id}/pay', {
        params: { path: { id: reward.id } },
        body: { method: v.method, ...(v.method === 'transfer' ? { bankReference: v.bankReference.trim() } : {}) },
      }))}
    >
      {(form) => (
        <>
          <Form.Item name="method" label={t('referralFin.method')}>
            <Radio.Group options={(['transfer', 'cash', 'credit'] as const).map((m) => ({ value: m, label: t(`referral.method.${m}`) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.method !== b.method}>
            {() => form.getFieldValue('method') === 'transfer' && (
              <Form.Item name="bankReference" label={t('referralFin.bankReference')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={64} /></Form.Item>
            )}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

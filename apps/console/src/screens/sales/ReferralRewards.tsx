import { useQuery } from '@tanstack/react-query';
import { Form, Input, Select, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useCustomerNames } from './common';

type Reward = components['schemas']['ReferralRewardView'];
export type RewardStatus = Reward['status'];

export const REWARD_STATUSES: readonly RewardStatus[] = ['requested', 'rep_confirmed', 'manager_confirmed', 'paid', 'credited', 'void'];
const STATUS_COLOURS: Record<RewardStatus, string> = { requested: 'gold', rep_confirmed: 'orange', manager_confirmed: 'blue', paid: 'green', credited: 'cyan', void: 'default' };
const MANAGERS = ['sales_manager', 'sales_vp', 'general_manager'];

/**
 * Referral rewards (老带新): a rep asks for one when a new customer's first order is placed (a request past its
 * 30-day deadline is kept, void, with the reason); the rep and then a sales manager confirm it (never the same person,
 * the API checks), it goes to finance, and comes back paid, credited or void. A sales manager voids a false one.
 */
export function ReferralRewards() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayRequest = session.may('POST /api/v1/sales/referral-rewards');
  const mayRepConfirm = session.may('POST /api/v1/sales/referral-rewards/{id}/rep-confirm');
  const mayManagerConfirm = session.may('POST /api/v1/sales/referral-rewards/{id}/manager-confirm') && session.roles.some((r) => MANAGERS.includes(r));
  const mayVoid = session.may('POST /api/v1/sales/referral-rewards/{id}/void');
  return (
    <DataList<Reward>
      title="nav.referralRewards"
      queryKey="sales-referral-rewards"
      csvPath="/api/v1/sales/referral-rewards"
      read={(query) => answer(api.GET('/api/v1/sales/referral-rewards', { params: { query: query as { status?: RewardStatus } } }))}
      filters={[{ name: 'status', label: 'orders.status', kind: 'select', options: REWARD_STATUSES.map((s) => ({ value: s, label: t(`referral.status.${s}`) })) }]}
      toolbar={mayRequest && <RequestRewardDialog />}
      columns={[
        { title: t('referral.number'), dataIndex: 'number' },
        { title: t('referral.referrer'), dataIndex: 'referrerName' },
        { title: t('referral.newCustomer'), dataIndex: 'newCustomerName' },
        { title: t('referral.order'), key: 'order', render: (_: unknown, r: Reward) => <>{r.orderNumber} · {formatFen(r.orderTotalFen)}</> },
        { title: t('referral.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number) => formatFen(v) },
        { title: t('referral.deadline'), dataIndex: 'deadline' },
        { title: t('referral.requestedBy'), key: 'requested', render: (_: unknown, r: Reward) => <>{r.requestedBy} {formatDateTime(r.requestedAt, locale)}</> },
        {
          title: t('orders.status'), dataIndex: 'status',
          render: (s: RewardStatus, r: Reward) => (
            <Space orientation="vertical" size={0}>
              <Tag color={STATUS_COLOURS[s]}>{t(`referral.status.${s}`)}</Tag>
              {r.voidReason && <Typography.Text type="danger" data-testid={`void-reason-${r.number}`}>{r.voidReason === 'request-after-deadline' ? t('referral.afterDeadline') : r.voidReason}</Typography.Text>}
              {r.repConfirmedBy && <Typography.Text type="secondary">{t('referral.repConfirmedBy')} {r.repConfirmedBy}</Typography.Text>}
              {r.managerConfirmedBy && <Typography.Text type="secondary">{t('referral.managerConfirmedBy')} {r.managerConfirmedBy}</Typography.Text>}
              {r.journalEntryNumber && <Typography.Text type="secondary">{r.paymentMethod ? t(`referral.method.${r.paymentMethod}`) : ''} {r.journalEntryNumber}</Typography.Text>}
            </Space>
          ),
        },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, r: Reward) => (
            <Space>
              {mayRepConfirm && r.status === 'requested' && (
                <ActionButton primary confirm={t('referral.repConfirmAsk')} testId={`rep-confirm-${r.number}`}
                  run={() => answer(api.POST('/api/v1/sales/referral-rewards/{id}/rep-confirm', { params: { path: { id: r.id } } }))}>
                  {t('referral.repConfirm')}
                </ActionButton>
              )}
              {mayManagerConfirm && r.status === 'rep_confirmed' && (
                <ActionButton primary confirm={t('referral.managerConfirmAsk')} testId={`manager-confirm-${r.number}`}
                  run={() => answer(api.POST('/api/v1/sales/referral-rewards/{id}/manager-confirm', { params: { path: { id: r.id } } }))}>
                  {t('referral.managerConfirm')}
                </ActionButton>
              )}
              {mayVoid && (r.status === 'requested' || r.status === 'rep_confirmed') && (
                <ActionButton danger reason={t('referral.voidReason')} testId={`void-${r.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/referral-rewards/{id}/void', { params: { path: { id: r.id } }, body: { reason } }))}>
                  {t('referral.void')}
                </ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

interface RequestForm { referrerId: string; newCustomerId: string; orderId: string; note?: string }

/** Ask for a reward: the referrer, the new customer, and the new customer's placed order. */
export function RequestRewardDialog() {
  const { t } = useI18n();
  const customers = useCustomerNames();
  return (
    <FormDialog<RequestForm>
      trigger={t('referral.request')}
      title={t('referral.request')}
      testId="request-referral-reward"
      submit={(v) => answer(api.POST('/api/v1/sales/referral-rewards', { body: { referrerId: v.referrerId, newCustomerId: v.newCustomerId, orderId: v.orderId, ...(v.note?.trim() ? { note: v.note.trim() } : {}) } }))}
    >
      {(form) => (
        <>
          <Form.Item name="referrerId" label={t('referral.referrer')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={customers.options} />
          </Form.Item>
          <Form.Item name="newCustomerId" label={t('referral.newCustomer')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={customers.options} onChange={() => form.setFieldValue('orderId', undefined)} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.newCustomerId !== b.newCustomerId}>
            {() => (
              <Form.Item name="orderId" label={t('referral.order')} rules={[{ required: true, message: t('common.required') }]}>
                <OrderSelect customerId={form.getFieldValue('newCustomerId')} />
              </Form.Item>
            )}
          </Form.Item>
          <Form.Item name="note" label={t('referral.note')}><Input maxLength={500} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** The new customer's orders, to choose the one the reward is for. */
function OrderSelect({ customerId, value, onChange, id }: { customerId?: string; value?: string; onChange?: (value: string) => void; id?: string }) {
  const orders = useQuery({
    queryKey: ['referral-orders', customerId],
    enabled: Boolean(customerId),
    queryFn: () => answer(api.GET('/api/v1/sales/orders', { params: { query: { customerId: customerId!, pageSize: 50 } } })),
  });
  return (
    <Select id={id} value={value} onChange={onChange} disabled={!customerId}
      options={(orders.data?.items ?? []).map((o) => ({ value: o.id, label: `${o.number} · ${formatFen(o.totalFen)}` }))} />
  );
}

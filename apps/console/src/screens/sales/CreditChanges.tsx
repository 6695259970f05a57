import { Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { label } from '../labels';
import { Person, useCustomerNames } from './common';
import { CreditTerms } from './credit';

type CreditChange = components['schemas']['CreditChangeView'];
type Status = CreditChange['status'];
const STATUSES: Status[] = ['pending_manager', 'pending_vp', 'approved', 'rejected'];
const STATUS_COLOR: Record<Status, string> = { pending_manager: 'orange', pending_vp: 'gold', approved: 'green', rejected: 'red' };

/** The sales approval ladder: a higher role may decide a lower step (sales manager, then sales VP, then GM). */
const LADDER = ['sales_manager', 'sales_vp', 'general_manager'] as const;
type Level = (typeof LADDER)[number];
/** The step a pending request waits for. */
export const LEVEL_NEEDED: Partial<Record<Status, Level>> = { pending_manager: 'sales_manager', pending_vp: 'sales_vp' };
const reaches = (roles: readonly string[], level: Level) => roles.some((r) => LADDER.indexOf(r as Level) >= LADDER.indexOf(level));

/** Credit change requests: what was asked, by whom, who must decide next; approve or reject them. */
export function CreditChanges() {
  const { t, locale } = useI18n();
  const session = useSession();
  const customers = useCustomerNames();
  const mayApprove = session.may('POST /api/v1/sales/credit-changes/{id}/approve');
  const mayReject = session.may('POST /api/v1/sales/credit-changes/{id}/reject');
  // The API decides (it also refuses the requester and the same person twice); the buttons appear where the role reaches the step.
  const decidable = (c: CreditChange) => !!LEVEL_NEEDED[c.status] && reaches(session.roles, LEVEL_NEEDED[c.status]!);
  return (
    <DataList<CreditChange>
      title="nav.creditChanges"
      queryKey="credit-changes"
      csvPath="/api/v1/sales/credit-changes"
      read={(query) => answer(api.GET('/api/v1/sales/credit-changes', { params: { query: query as never } }))}
      filters={[
        { name: 'status', label: 'orders.filterStatus', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: label(s, locale) })) },
        { name: 'customerId', label: 'sales.credit.customer', kind: 'select', options: customers.options },
      ]}
      columns={[
        {
          title: `${t('sales.credit.number')} / ${t('sales.credit.customer')}`, key: 'customer',
          render: (_, c) => <Space orientation="vertical" size={0}><Typography.Text strong>{c.number}</Typography.Text><span>{customers.name(c.customerId)}</span></Space>,
        },
        { title: t('orders.status'), dataIndex: 'status', render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{label(s, locale)}</Tag> },
        { title: t('sales.credit.nextApprover'), key: 'level', render: (_, c) => (LEVEL_NEEDED[c.status] ? label(LEVEL_NEEDED[c.status], locale) : '—') },
        {
          title: t('sales.credit.change'), key: 'change',
          render: (_, c) => (
            <Space orientation="vertical" size={0}>
              <Typography.Text type="secondary"><CreditTerms terms={c.previous} /></Typography.Text>
              <Typography.Text strong>→ <CreditTerms terms={c.proposed} /></Typography.Text>
            </Space>
          ),
        },
        { title: t('sales.credit.reason'), dataIndex: 'reason', width: 220 },
        {
          title: t('sales.credit.requestedBy'), key: 'requested',
          render: (_, c) => <Space orientation="vertical" size={0}><Person id={c.requestedBy} /><Typography.Text type="secondary">{formatDateTime(c.requestedAt, locale)}</Typography.Text></Space>,
        },
        { title: t('sales.credit.decisions'), key: 'decisions', render: (_, c) => <Decisions change={c} /> },
        ...((mayApprove || mayReject) ? [{
          title: t('common.actions'), key: 'actions', fixed: 'right' as const,
          render: (_: unknown, c: CreditChange) => decidable(c) && (
            <Space>
              {mayApprove && (
                <ActionButton primary confirm={`${t('approval.approve')} ${c.number}?`} testId={`approve-${c.number}`}
                  run={() => answer(api.POST('/api/v1/sales/credit-changes/{id}/approve', { params: { path: { id: c.id } } }))}>
                  {t('approval.approve')}
                </ActionButton>
              )}
              {mayReject && (
                <ActionButton danger reason={t('approval.reason')} testId={`reject-${c.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/credit-changes/{id}/reject', { params: { path: { id: c.id } }, body: { reason } }))}>
                  {t('approval.reject')}
                </ActionButton>
              )}
            </Space>
          ),
        }] : []),
      ]}
    />
  );
}

/** Who decided each step so far: the sales manager's approval, then the VP's approval or a rejection with its reason. */
function Decisions({ change: c }: { change: CreditChange }) {
  const { t, locale } = useI18n();
  if (!c.managerApprovedBy && !c.decidedBy) return <>—</>;
  return (
    <Space orientation="vertical" size={0}>
      {c.managerApprovedBy && (
        <span>{label('sales_manager', locale)}: <Person id={c.managerApprovedBy} /> <Typography.Text type="secondary">{formatDateTime(c.managerApprovedAt, locale)}</Typography.Text></span>
      )}
      {c.decidedBy && (
        <span>
          {c.status === 'rejected' ? label('rejected', locale) : t('sales.credit.finalApproval')}: <Person id={c.decidedBy} /> <Typography.Text type="secondary">{formatDateTime(c.decidedAt, locale)}</Typography.Text>
        </span>
      )}
      {c.decisionNote && <Typography.Text type="danger">{c.decisionNote}</Typography.Text>}
    </Space>
  );
}

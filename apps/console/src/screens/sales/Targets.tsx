import { Form, Input, Space, Tag } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { Person, useYuanRule } from './common';

type Target = components['schemas']['TargetView'];
const STATUS_COLOR: Record<string, string> = { pending: 'orange', approved: 'green', rejected: 'red' };

export type TargetForm = { rep: string; region: string; month: string; amount: string };

/** The request the API takes: the amount typed in yuan sent as fen. */
export const targetBody = (values: TargetForm) => ({ rep: values.rep.trim(), region: values.region.trim(), month: values.month.trim(), amountFen: yuanToFen(values.amount) ?? 0 });

/** Sales targets per rep, region and month: a sales manager sets or revises them, the sales VP approves. */
export function Targets() {
  const { t } = useI18n();
  const session = useSession();
  const m = (key: string) => t(key as MessageKey);
  const mayDecide = session.may('POST /api/v1/sales/targets/{id}/approve');
  return (
    <DataList<Target>
      title="nav.targets"
      queryKey="targets"
      csvPath="/api/v1/sales/targets"
      read={(query) => answer(api.GET('/api/v1/sales/targets', { params: { query: query as never } }))}
      filters={[
        { name: 'month', label: 'targets.month', kind: 'text' },
        { name: 'rep', label: 'targets.rep', kind: 'text' },
        { name: 'status', label: 'leads.status', kind: 'select', options: ['pending', 'approved', 'rejected'].map((s) => ({ value: s, label: m(`targets.status.${s}`) })) },
      ]}
      toolbar={session.may('POST /api/v1/sales/targets') && <SetTargetDialog />}
      columns={[
        { title: t('targets.month'), dataIndex: 'month' },
        { title: t('targets.rep'), dataIndex: 'rep' },
        { title: t('targets.region'), dataIndex: 'region' },
        { title: t('leads.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOR[s]}>{m(`targets.status.${s}`)}</Tag> },
        { title: t('targets.proposed'), dataIndex: 'proposedFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('targets.inForce'), dataIndex: 'approvedFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : formatFen(fen)) },
        { title: t('targets.proposedBy'), dataIndex: 'proposedBy', render: (id: string) => <Person id={id} /> },
        { title: t('leads.reason'), dataIndex: 'decisionNote', render: (n: string | null) => n ?? '—' },
        {
          title: t('common.actions'), key: 'actions',
          render: (_, r) => mayDecide && r.status === 'pending' && r.proposedBy !== session.userId && (
            <Space>
              <ActionButton primary confirm={`${t('approval.approve')} ${r.rep} ${r.month}?`} testId={`approve-target-${r.id}`}
                run={() => answer(api.POST('/api/v1/sales/targets/{id}/approve', { params: { path: { id: r.id } } }))}>
                {t('approval.approve')}
              </ActionButton>
              <ActionButton danger reason={t('approval.reason')} testId={`reject-target-${r.id}`}
                run={(reason) => answer(api.POST('/api/v1/sales/targets/{id}/reject', { params: { path: { id: r.id } }, body: { reason } }))}>
                {t('approval.reject')}
              </ActionButton>
            </Space>
          ),
        },
      ]}
    />
  );
}

export function SetTargetDialog() {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const yuanRule = useYuanRule();
  const required = [{ required: true, message: t('common.required') }];
  const submit = async (values: TargetForm) => {
    await answer(api.POST('/api/v1/sales/targets', { body: targetBody(values), headers: idempotency.headers() }));
    idempotency.renew();
  };
  return (
    <FormDialog<TargetForm> trigger={t('targets.set')} title={t('targets.set')} submit={submit} rename={{ amountFen: 'amount' }} testId="set-target">
      {() => (
        <>
          <Form.Item name="rep" label={t('targets.rep')} rules={required}><Input /></Form.Item>
          <Form.Item name="region" label={t('targets.region')} rules={required}><Input /></Form.Item>
          <Form.Item name="month" label={t('targets.month')} rules={required}><Input placeholder="2027-01" /></Form.Item>
          <Form.Item name="amount" label={t('targets.amount')} rules={[...required, yuanRule]}><Input /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

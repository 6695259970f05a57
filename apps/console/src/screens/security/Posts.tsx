import { useQuery } from '@tanstack/react-query';
import { DatePicker, Form, Input, Select, Space, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';

type Post = components['schemas']['PostView'];
type Shift = components['schemas']['ShiftView'];
type Handover = components['schemas']['HandoverView'];
type RosterBody = components['schemas']['RosterShiftBody'];

export const POST_KINDS = ['gate', 'lobby', 'warehouse', 'control_room'] as const;
const SHIFT_COLOR: Record<string, string> = { rostered: 'default', on_duty: 'green', ended: 'blue' };
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const listOf = (text?: string) => (text ?? '').split(/[,，]/).map((s) => s.trim()).filter(Boolean);

/** Posts, the roster of a day with each shift's start and end, and the handovers both guards confirm. */
export function Posts() {
  const { t, locale } = useI18n();
  const session = useSession();
  const [date, setDate] = useState(() => dayjs().format('YYYY-MM-DD'));
  const posts = useQuery({ queryKey: ['security-posts-all'], queryFn: () => answer(api.GET('/api/v1/security/posts', { params: { query: { pageSize: 200 } } })) });
  const postCode = (id: string) => posts.data?.items.find((p) => p.id === id)?.code ?? '';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <DataList<Post>
        title="posts.title"
        queryKey="security-posts"
        read={(query) => answer(api.GET('/api/v1/security/posts', { params: { query } }))}
        toolbar={session.may('POST /api/v1/security/posts') && <CreatePost />}
        columns={[
          { title: t('posts.code'), dataIndex: 'code', render: (c: string) => <Typography.Text strong>{c}</Typography.Text> },
          { title: t('posts.name'), dataIndex: 'name' },
          { title: t('posts.kind'), dataIndex: 'kind', render: (k: string) => t(`posts.kind.${k}` as MessageKey) },
          ...(session.may('POST /api/v1/security/posts/{postId}/roster') ? [{
            title: t('common.actions'), key: 'actions', render: (_: unknown, post: Post) => <RosterShift post={post} date={date} />,
          }] : []),
        ]}
      />
      <Space>
        <Typography.Text>{t('shifts.date')}</Typography.Text>
        <DatePicker aria-label={t('shifts.date')} allowClear={false} value={dayjs(date)} onChange={(d: Dayjs | null) => d && setDate(d.format('YYYY-MM-DD'))} />
      </Space>
      <DataList<Shift>
        title="shifts.title"
        queryKey="security-shifts"
        fixed={{ date }}
        read={(query) => answer(api.GET('/api/v1/security/shifts', { params: { query } }))}
        columns={[
          { title: t('shifts.post'), dataIndex: 'postCode' },
          { title: t('shifts.guard'), dataIndex: 'guardUsername' },
          { title: t('shifts.startsAt'), dataIndex: 'startsAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('shifts.endsAt'), dataIndex: 'endsAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('shifts.status'), dataIndex: 'status', render: (s: string) => <Tag color={SHIFT_COLOR[s]}>{t(`shifts.status.${s}` as MessageKey)}</Tag> },
          {
            title: t('common.actions'), key: 'actions', render: (_: unknown, shift: Shift) => (
              <Space wrap>
                {shift.status === 'rostered' && session.may('POST /api/v1/security/shifts/{id}/start') && (
                  <ActionButton run={() => answer(api.POST('/api/v1/security/shifts/{id}/start', { params: { path: { id: shift.id } } }))}>{t('shifts.start')}</ActionButton>
                )}
                {shift.status === 'on_duty' && session.may('POST /api/v1/security/shifts/{id}/end') && (
                  <ActionButton run={() => answer(api.POST('/api/v1/security/shifts/{id}/end', { params: { path: { id: shift.id } } }))}>{t('shifts.end')}</ActionButton>
                )}
                {shift.status !== 'rostered' && session.may('POST /api/v1/security/handovers') && <RecordHandover from={shift} date={date} />}
              </Space>
            ),
          },
        ]}
      />
      <DataList<Handover>
        title="handovers.title"
        queryKey="security-handovers"
        fixed={{ date }}
        read={(query) => answer(api.GET('/api/v1/security/handovers', { params: { query } }))}
        expandable={{ expandedRowRender: (h) => <HandoverDetails handover={h} /> }}
        columns={[
          { title: t('shifts.post'), dataIndex: 'postId', render: (id: string) => postCode(id) },
          { title: t('handovers.outgoing'), dataIndex: 'outgoingGuard' },
          { title: t('handovers.incoming'), dataIndex: 'incomingGuard' },
          { title: t('handovers.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'confirmed' ? 'green' : 'orange'}>{t(`handovers.status.${s}` as MessageKey)}</Tag> },
          {
            title: t('common.actions'), key: 'actions', render: (_: unknown, h: Handover) => h.status === 'pending' && session.may('POST /api/v1/security/handovers/{id}/confirm') && (
              <ActionButton run={() => answer(api.POST('/api/v1/security/handovers/{id}/confirm', { params: { path: { id: h.id } } }))}>{t('handovers.confirm')}</ActionButton>
            ),
          },
        ]}
      />
    </Space>
  );
}

function HandoverDetails({ handover }: { handover: Handover }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical">
      <Typography.Text>{t('shifts.equipment')}: {handover.equipmentChecked.join(', ') || '—'}</Typography.Text>
      <Typography.Text>{t('shifts.keys')}: {handover.keys.join(', ') || '—'}</Typography.Text>
      <Typography.Text>{t('shifts.openMatters')}: {handover.openMatters || '—'}</Typography.Text>
      <Typography.Text type="secondary">
        {handover.outgoingGuard}: {formatDateTime(handover.outgoingConfirmedAt, locale)} · {handover.incomingGuard}: {formatDateTime(handover.incomingConfirmedAt, locale)}
      </Typography.Text>
    </Space>
  );
}

function CreatePost() {
  const { t } = useI18n();
  return (
    <FormDialog<components['schemas']['CreatePostRequest']>
      trigger={t('posts.create')}
      title={t('posts.create')}
      testId="create-post"
      submit={(body) => answer(api.POST('/api/v1/security/posts', { body }))}
    >
      {() => (
        <>
          <Form.Item name="code" label={t('posts.code')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={32} placeholder="GATE-1" /></Form.Item>
          <Form.Item name="name" label={t('posts.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
          <Form.Item name="kind" label={t('posts.kind')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={POST_KINDS.map((k) => ({ value: k, label: t(`posts.kind.${k}` as MessageKey) }))} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function RosterShift({ post, date }: { post: Post; date: string }) {
  const { t } = useI18n();
  const timeRule = { pattern: TIME, message: 'HH:MM' };
  return (
    <FormDialog<RosterBody>
      trigger={t('shifts.roster')}
      title={`${t('shifts.roster')}: ${post.code}`}
      primary={false}
      size="small"
      testId={`roster-${post.code}`}
      initialValues={{ date, startsAt: '08:00', endsAt: '20:00' }}
      submit={(body) => answer(api.POST('/api/v1/security/posts/{postId}/roster', { params: { path: { postId: post.id } }, body }))}
    >
      {() => (
        <>
          <Form.Item name="date" label={t('shifts.date')} rules={[{ required: true, message: t('common.required') }]}><Input placeholder="YYYY-MM-DD" /></Form.Item>
          <Form.Item name="guardUsername" label={t('shifts.guard')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input maxLength={64} /></Form.Item>
          <Form.Item name="startsAt" label={t('shifts.startsAt')} rules={[{ required: true, message: t('common.required') }, timeRule]}><Input placeholder="08:00" /></Form.Item>
          <Form.Item name="endsAt" label={t('shifts.endsAt')} extra={t('shifts.endsAtHint')} rules={[{ required: true, message: t('common.required') }, timeRule]}><Input placeholder="20:00" /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** The handover from this shift to the next at the same post; the guard who records it confirms by recording. */
function RecordHandover({ from, date }: { from: Shift; date: string }) {
  const { t, locale } = useI18n();
  const next = useQuery({
    queryKey: ['security-shifts', 'post', from.postId, date],
    queryFn: () => answer(api.GET('/api/v1/security/shifts', { params: { query: { date, postId: from.postId, pageSize: 50 } } })),
  });
  const candidates = (next.data?.items ?? []).filter((s) => s.id !== from.id && s.guardUsername !== from.guardUsername);
  return (
    <FormDialog<{ toShiftId: string; equipment?: string; keys?: string; openMatters?: string }>
      trigger={t('shifts.handover')}
      title={`${t('shifts.handover')}: ${from.postCode} · ${from.guardUsername}`}
      primary={false}
      size="small"
      testId={`handover-${from.id}`}
      submit={(v) => answer(api.POST('/api/v1/security/handovers', {
        body: { fromShiftId: from.id, toShiftId: v.toShiftId, equipmentChecked: listOf(v.equipment), keys: listOf(v.keys), openMatters: v.openMatters?.trim() || undefined },
      }))}
      rename={{ equipmentChecked: 'equipment' }}
    >
      {() => (
        <>
          <Form.Item name="toShiftId" label={t('shifts.toShift')} rules={[{ required: true, message: t('common.required') }]}>
            <Select options={candidates.map((s) => ({ value: s.id, label: `${s.guardUsername} · ${formatDateTime(s.startsAt, locale)}` }))} />
          </Form.Item>
          <Form.Item name="equipment" label={t('shifts.equipment')} extra={t('shifts.listHint')}><Input /></Form.Item>
          <Form.Item name="keys" label={t('shifts.keys')} extra={t('shifts.listHint')}><Input /></Form.Item>
          <Form.Item name="openMatters" label={t('shifts.openMatters')}><Input.TextArea rows={3} maxLength={4000} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

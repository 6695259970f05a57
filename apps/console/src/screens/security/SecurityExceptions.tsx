import { useQuery } from '@tanstack/react-query';
import { Tag } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';

type Exception = components['schemas']['SecurityExceptionView'];
type Kind = Exception['kind'];

const KINDS: Kind[] = ['missed_checkpoint', 'flagged_scan', 'handover_missing', 'post_uncovered'];
const KIND_COLOR: Record<Kind, string> = { missed_checkpoint: 'red', flagged_scan: 'volcano', handover_missing: 'orange', post_uncovered: 'gold' };

/** What the security captain works through for a day: missed checkpoints, handovers not confirmed by both, posts left uncovered. */
export function SecurityExceptions() {
  const { t, locale } = useI18n();
  const posts = useQuery({ queryKey: ['security-posts-all'], queryFn: () => answer(api.GET('/api/v1/security/posts', { params: { query: { pageSize: 200 } } })) });
  const postCode = (id: string | null) => (id ? posts.data?.items.find((p) => p.id === id)?.code ?? '' : '—');
  return (
    <DataList<Exception>
      title="nav.securityExceptions"
      queryKey="security-exceptions"
      rowKey={(e) => `${e.kind}/${e.scanId ?? ''}/${e.postId ?? ''}/${e.shiftId ?? ''}/${e.roundId ?? ''}/${e.checkpointId ?? ''}/${e.from}`}
      read={({ kind, ...query }) => answer(api.GET('/api/v1/security/exceptions', { params: { query: { ...query, kind: kind as Kind | undefined } } }))}
      filters={[
        { name: 'date', label: 'exceptions.date', kind: 'date' },
        { name: 'kind', label: 'exceptions.kind', kind: 'select', options: KINDS.map((k) => ({ value: k, label: t(`exceptions.kind.${k}` as MessageKey) })) },
      ]}
      columns={[
        { title: t('exceptions.kind'), dataIndex: 'kind', render: (k: Kind) => <Tag color={KIND_COLOR[k]}>{t(`exceptions.kind.${k}` as MessageKey)}</Tag> },
        { title: t('exceptions.date'), dataIndex: 'date' },
        { title: t('shifts.post'), dataIndex: 'postId', render: postCode },
        { title: t('exceptions.from'), dataIndex: 'from', render: (at: string) => formatDateTime(at, locale) },
        { title: t('exceptions.to'), dataIndex: 'to', render: (at: string) => formatDateTime(at, locale) },
        { title: t('exceptions.detail'), dataIndex: 'detail' },
      ]}
    />
  );
}

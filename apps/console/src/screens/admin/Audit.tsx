import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, DatePicker, Descriptions, Input, Select, Space, Table, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { answer, api, currentAccessToken } from '../../api/client';
import type { components, operations } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { downloadCsv } from '../../lib/download';
import { formatDateTime } from '../../lib/money';
import { LIVE_MS } from '../kit/DataList';
import { label } from '../labels';
import { ProblemAlert } from '../ProblemAlert';
import { Person, usePeople } from '../kit/people';

type Entry = components['schemas']['AuditEntryView'];
type Outcome = Entry['outcome'];
type Filters = { userId?: string; target?: string; command?: string; outcome?: Outcome; from?: string; to?: string };

/** The trails the API keeps, one per owner; each has its own readers (x-permission of its route). */
export const AUDIT_SERVICES = ['sales', 'finance', 'inventory', 'security', 'identity'] as const;
export type AuditService = (typeof AUDIT_SERVICES)[number];
const OUTCOMES: Outcome[] = ['done', 'refused', 'rejected', 'failed'];
const OUTCOME_COLOR: Record<Outcome, string> = { done: 'green', refused: 'orange', rejected: 'gold', failed: 'red' };
const PAGE_SIZE = 20;

/** One page of a trail. The five routes take the same query and answer the same page, so one typing fits all. */
function readTrail(service: AuditService, query: NonNullable<operations['AuditController_listIdentity']['parameters']['query']>) {
  return answer(api.GET(`/api/v1/audit/${service}` as '/api/v1/audit/identity', { params: { query } }));
}

/** A day range in the business's time zone as the API's [from, to) instants. */
export function dayRange(range: [Dayjs | null, Dayjs | null] | null): { from?: string; to?: string } {
  const start = range?.[0];
  const end = range?.[1];
  return {
    from: start ? `${start.format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
    to: end ? `${end.add(1, 'day').format('YYYY-MM-DD')}T00:00:00+08:00` : undefined,
  };
}

/** The audit trails: who did what to which document, with what outcome, and what changed. */
export function Audit() {
  const { t, locale } = useI18n();
  const session = useSession();
  const services = AUDIT_SERVICES.filter((s) => session.may(`GET /api/v1/audit/${s}`));
  const [service, setService] = useState<AuditService>(services[0] ?? 'identity');
  const [filters, setFilters] = useState<Filters>({});
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState<unknown>();
  const set = (patch: Filters) => { setFilters((f) => ({ ...f, ...patch })); setPage(1); };
  const query = { ...clean(filters), page, pageSize: PAGE_SIZE };
  const rows = useQuery({ queryKey: ['audit', service, query], refetchInterval: LIVE_MS, queryFn: () => readTrail(service, query) });
  const exportCsv = () => {
    setExportError(undefined);
    downloadCsv(`/api/v1/audit/${service}/export.csv`, clean(filters), currentAccessToken()).catch(setExportError);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.audit')}</Typography.Title>
      <Space wrap>
        <Select<AuditService>
          aria-label={t('admin.service')}
          style={{ minWidth: 160 }}
          value={service}
          onChange={(s) => { setService(s); setPage(1); }}
          options={services.map((s) => ({ value: s, label: `${t('admin.service')}: ${t(`admin.service.${s}` as MessageKey)}` }))}
        />
        <ActorFilter value={filters.userId} onChange={(userId) => set({ userId })} />
        <CommandFilter service={service} value={filters.command} onChange={(command) => set({ command })} />
        <TextFilter label={t('admin.target')} value={filters.target} onChange={(target) => set({ target })} />
        <Select<Outcome>
          allowClear
          aria-label={t('admin.outcome')}
          placeholder={t('admin.outcome')}
          style={{ minWidth: 150 }}
          value={filters.outcome}
          onChange={(outcome) => set({ outcome })}
          options={OUTCOMES.map((o) => ({ value: o, label: t(`admin.outcome.${o}`) }))}
        />
        <DatePicker.RangePicker
          aria-label={t('admin.dates')}
          placeholder={[t('admin.dateFrom'), t('admin.dateTo')]}
          value={range}
          onChange={(value) => { setRange(value); set(dayRange(value)); }}
        />
        <Button onClick={exportCsv}>{t('common.exportCsv')}</Button>
      </Space>
      <ProblemAlert error={rows.error ?? exportError} />
      <Table<Entry>
        rowKey="id"
        size="middle"
        loading={rows.isLoading}
        dataSource={rows.data?.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{ current: page, pageSize: PAGE_SIZE, total: rows.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        expandable={{ expandedRowRender: (entry) => <AuditSummary summary={entry.summary} />, rowExpandable: (entry) => Object.keys(entry.summary ?? {}).length > 0 }}
        columns={[
          { title: t('admin.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
          {
            title: t('admin.actor'), key: 'actor', render: (_, e) => (
              <Space orientation="vertical" size={0}>
                <Typography.Link title={t('admin.filterByActor')} onClick={() => set({ userId: e.actorId })}><Person id={e.actorId} /></Typography.Link>
                <span>{e.actorRoles.map((r) => <Tag key={r} style={{ marginTop: 2 }}>{label(r, locale)}</Tag>)}</span>
              </Space>
            ),
          },
          { title: t('admin.command'), dataIndex: 'command', render: (c: string) => <Typography.Text code>{c}</Typography.Text> },
          {
            title: t('admin.target'), dataIndex: 'target', render: (target: string | null) => target
              ? <Typography.Link title={t('admin.filterByTarget')} onClick={() => set({ target })}>{target}</Typography.Link>
              : '—',
          },
          { title: t('admin.outcome'), key: 'outcome', render: (_, e) => <Tag color={OUTCOME_COLOR[e.outcome]}>{t(`admin.outcome.${e.outcome}`)} · {e.status}</Tag> },
          { title: t('common.requestId'), dataIndex: 'requestId', render: (id: string) => <Typography.Text type="secondary" copyable={{ text: id }}>{id.slice(-12)}</Typography.Text> },
        ]}
      />
    </Space>
  );
}

/** Who acted: a choice among the company's people (a user id box until the directory answers). */
function ActorFilter({ value, onChange }: { value?: string; onChange: (id: string | undefined) => void }) {
  const { t } = useI18n();
  const { people } = usePeople();
  if (people.length === 0) return <TextFilter label={t('admin.actorId')} value={value} onChange={onChange} />;
  return (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      aria-label={t('admin.actor')}
      placeholder={t('admin.actor')}
      style={{ minWidth: 200 }}
      value={value}
      onChange={(v?: string) => onChange(v)}
      options={people.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
    />
  );
}

/** The command, with the commands the contract names for this trail offered as you type (sign-ins are free text). */
function CommandFilter({ service, value, onChange }: { service: AuditService; value?: string; onChange: (command: string | undefined) => void }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState(value ?? '');
  const commands = useQuery({
    queryKey: ['contract-commands'],
    staleTime: Infinity,
    queryFn: async () => {
      const doc = (await (await fetch('/api/docs-json')).json()) as { paths: Record<string, Record<string, { 'x-permission'?: { owner?: string; command?: string } }>> };
      const byOwner = new Map<string, Set<string>>();
      for (const ops of Object.values(doc.paths)) {
        for (const op of Object.values(ops)) {
          const p = op['x-permission'];
          if (p?.owner && p.command) byOwner.set(p.owner, (byOwner.get(p.owner) ?? new Set()).add(p.command));
        }
      }
      return byOwner;
    },
  });
  const apply = (text: string) => onChange(text.trim() || undefined);
  const options = [...(commands.data?.get(service) ?? [])].sort().filter((c) => c.includes(draft.trim())).map((c) => ({ value: c }));
  return (
    <AutoComplete
      allowClear
      aria-label={t('admin.command')}
      placeholder={t('admin.command')}
      style={{ width: 220 }}
      value={draft}
      options={options}
      onChange={(v: string | undefined) => { setDraft(v ?? ''); if (!v) apply(''); }}
      onSelect={(v?: string) => { setDraft(v ?? ''); apply(v ?? ''); }}
      onBlur={() => { if (draft.trim() !== (value ?? '')) apply(draft); }}
      onInputKeyDown={(e) => { if (e.key === 'Enter') apply(draft); }}
    />
  );
}

/** A free-text filter applied on Enter (or the search button); follows the value when a row sets it. */
function TextFilter({ label: text, value, onChange }: { label: string; value?: string; onChange: (value: string | undefined) => void }) {
  const [draft, setDraft] = useState<string | undefined>(value);
  const [seen, setSeen] = useState(value);
  if (seen !== value) { setSeen(value); setDraft(value); }
  return (
    <Input.Search
      allowClear
      aria-label={text}
      placeholder={text}
      style={{ width: 240 }}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onSearch={(v) => onChange(v.trim() || undefined)}
    />
  );
}

type Change = { aggregate?: string; id?: string; changes?: Record<string, { before?: unknown; after?: unknown }> };

/** What the audit line keeps: the request, the result, each changed field before and after, or the errors. */
export function AuditSummary({ summary }: { summary: Record<string, unknown> }) {
  const { t } = useI18n();
  const { changes, errors, error, ...rest } = summary as { changes?: Change[]; errors?: Array<{ field: string; message: string }>; error?: unknown } & Record<string, unknown>;
  const changeRows = (Array.isArray(changes) ? changes : []).flatMap((c, i) =>
    Object.entries(c.changes ?? {}).map(([field, v]) => ({ key: `${i}-${field}`, what: [c.aggregate, c.id].filter(Boolean).join(' '), field, before: v?.before, after: v?.after })));
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {changeRows.length > 0 && (
        <Table
          size="small"
          pagination={false}
          title={() => t('admin.changes')}
          dataSource={changeRows}
          columns={[
            { title: t('admin.changedDocument'), dataIndex: 'what' },
            { title: t('admin.field'), dataIndex: 'field', render: (f: string) => <Typography.Text code>{f}</Typography.Text> },
            { title: t('admin.before'), dataIndex: 'before', render: (v: unknown) => <Typography.Text delete type="secondary">{show(v)}</Typography.Text> },
            { title: t('admin.after'), dataIndex: 'after', render: (v: unknown) => <Typography.Text strong>{show(v)}</Typography.Text> },
          ]}
        />
      )}
      {(Array.isArray(errors) || error !== undefined) && (
        <Descriptions size="small" bordered column={1} title={t('admin.errors')} items={[
          ...(Array.isArray(errors) ? errors : []).map((e, i) => ({ key: `e${i}`, label: e.field, children: e.message })),
          ...(error !== undefined ? [{ key: 'error', label: t('admin.error'), children: show(error) }] : []),
        ]} />
      )}
      {Object.keys(rest).length > 0 && (
        <Descriptions size="small" bordered column={1} title={t('admin.details')} items={Object.entries(rest).map(([key, value]) => ({
          key, label: key, children: <pre style={{ margin: 0, whiteSpace: 'pre-wrap', fontFamily: 'monospace' }}>{pretty(value)}</pre>,
        }))} />
      )}
    </Space>
  );
}

function show(value: unknown): string {
  if (value === null || value === undefined) return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function pretty(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function clean<T extends object>(values: T): T {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined && v !== '')) as T;
}

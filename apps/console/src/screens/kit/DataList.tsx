import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState, type ReactNode } from 'react';
import { currentAccessToken } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { downloadCsv } from '../../lib/download';
import { ProblemAlert } from '../ProblemAlert';
import { ProblemSlot } from './Problems';

/** A filter of a list, sent as the query parameter `name`, exactly as the API names it. */
export type ListFilter =
  | { name: string; label: MessageKey; kind: 'text' }
  | { name: string; label: MessageKey; kind: 'select'; options: Array<{ value: string; label: string }> }
  | { name: string; label: MessageKey; kind: 'date' };

export type ListQuery = { page: number; pageSize: number } & Record<string, string | number | undefined>;

// Changes arrive as server-sent notices (auth/Session.tsx); this slow re-read only covers a dropped stream.
export const LIVE_MS = 30_000;

/**
 * A list screen as every list of the API is: a page of rows with the API's own filters, paging by the total
 * the API counts, and the same list as CSV (the list's route with `Accept: text/csv`, same filters). Row
 * actions report their problems above the table.
 */
export function DataList<Row extends object>({ title, queryKey, read, csvPath, filters = [], fixed = {}, initial = {}, columns, rowKey = 'id', toolbar, pageSize = 20, expandable }: {
  title: MessageKey;
  queryKey: string;
  read: (query: ListQuery) => Promise<{ items: Row[]; total?: number }>;
  /** The list's route, for the CSV export; none when the list is not one a person prints. */
  csvPath?: string;
  filters?: ListFilter[];
  /** Query parameters the screen always sends (the approval queue is the orders list on one status). */
  fixed?: Record<string, string>;
  initial?: Record<string, string>;
  columns: ColumnsType<Row>;
  rowKey?: string | ((row: Row) => string);
  toolbar?: ReactNode;
  pageSize?: number;
  expandable?: Parameters<typeof Table<Row>>[0]['expandable'];
}) {
  const { t } = useI18n();
  const [values, setValues] = useState<Record<string, string | undefined>>(initial);
  const [page, setPage] = useState(1);
  const [exportError, setExportError] = useState<unknown>();
  const query: ListQuery = { ...clean(values), ...fixed, page, pageSize };
  // A screen that changes what it always sends (another tab, another trail) starts again from the first page.
  const fixedKey = JSON.stringify(fixed);
  useEffect(() => setPage(1), [fixedKey]);
  const rows = useQuery({ queryKey: [queryKey, query], refetchInterval: LIVE_MS, queryFn: () => read(query) });
  const set = (name: string, value: string | undefined) => {
    setValues((v) => ({ ...v, [name]: value || undefined }));
    setPage(1);
  };
  const exportCsv = () => {
    setExportError(undefined);
    const { page: _p, pageSize: _s, ...filtersOnly } = query;
    downloadCsv(csvPath!, filtersOnly, currentAccessToken()).catch(setExportError);
  };
  return (
    <ProblemSlot>
      {(actionProblem) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={2}>{t(title)}</Typography.Title>
          {(filters.length > 0 || csvPath || toolbar) && (
            <Space wrap>
              {filters.map((f) => <FilterInput key={f.name} filter={f} value={values[f.name]} onChange={(v) => set(f.name, v)} />)}
              {csvPath && <Button onClick={exportCsv}>{t('common.exportCsv')}</Button>}
              {toolbar}
            </Space>
          )}
          <ProblemAlert error={rows.error ?? exportError ?? actionProblem} />
          <Table<Row>
            rowKey={rowKey as never}
            size="middle"
            loading={rows.isLoading}
            dataSource={rows.data?.items ?? []}
            columns={columns}
            expandable={expandable}
            scroll={{ x: 'max-content' }}
            pagination={{ current: page, pageSize, total: rows.data?.total ?? rows.data?.items.length ?? 0, onChange: setPage, showSizeChanger: false }}
          />
        </Space>
      )}
    </ProblemSlot>
  );
}

function FilterInput({ filter, value, onChange }: { filter: ListFilter; value: string | undefined; onChange: (value: string | undefined) => void }) {
  const { t } = useI18n();
  const label = t(filter.label);
  if (filter.kind === 'select') {
    return <Select allowClear aria-label={label} placeholder={label} style={{ minWidth: 180 }} value={value} onChange={onChange} options={filter.options} />;
  }
  if (filter.kind === 'date') {
    return <DatePicker aria-label={label} placeholder={label} onChange={(_, text) => onChange(typeof text === 'string' ? text : undefined)} />;
  }
  return <Input.Search allowClear aria-label={label} placeholder={label} style={{ width: 220 }} defaultValue={value} onSearch={(v) => onChange(v.trim())} />;
}

function clean(values: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => e[1] !== undefined && e[1] !== ''));
}

import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Segmented, Space, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatFen } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { ProblemAlert } from '../ProblemAlert';
import { periodOf, type ReportKind } from './performance-period';

type PerformanceRow = components['schemas']['PerformanceRowView'];
type By = 'rep' | 'region' | 'customer' | 'sku' | 'day' | 'week' | 'month';

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const yuan = (fen: number) => Math.round(fen) / 100;
const percent = (value: number | null | undefined) => (value === null || value === undefined ? '—' : `${value.toFixed(1)} %`);

/**
 * The sales reports of the daily, weekly and monthly meetings: what was sold and what money came in for any
 * period, the target attainment, the best seller, and the period grouped by rep, region, customer, SKU or date,
 * as a chart, a table and CSV.
 */
export function Performance() {
  const { t } = useI18n();
  const today = businessDate();
  const [kind, setKind] = useState<ReportKind>('month');
  const [period, setPeriod] = useState(periodOf('month', today));
  const [by, setBy] = useState<By>('rep');
  const valid = DATE.test(period.from) && DATE.test(period.to);
  const choose = (next: ReportKind, back = 0) => {
    setKind(next);
    setPeriod(periodOf(next, today, back));
  };
  const summary = useQuery({
    queryKey: ['sales-performance-summary', period],
    enabled: valid,
    queryFn: () => answer(api.GET('/api/v1/sales/reports/performance/summary', { params: { query: period } })),
  });
  const chart = useQuery({
    queryKey: ['sales-performance-chart', period, by],
    enabled: valid,
    queryFn: () => answer(api.GET('/api/v1/sales/reports/performance', { params: { query: { ...period, by, pageSize: 12 } } })),
  });
  const s = summary.data;
  return (
    <div>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<ReportKind> value={kind} onChange={(k) => choose(k)} options={(['day', 'week', 'month'] as const).map((k) => ({ value: k, label: t(`perf.report.${k}`) }))} data-testid="report-kind" />
        <Button onClick={() => choose(kind, 1)}>{t('perf.previous')}</Button>
        <Button onClick={() => choose(kind, 0)}>{t('perf.current')}</Button>
        <label htmlFor="perf-from">{t('perf.from')}</label>
        <Input id="perf-from" value={period.from} onChange={(e) => setPeriod({ ...period, from: e.target.value })} style={{ width: 130 }} status={DATE.test(period.from) ? undefined : 'error'} />
        <label htmlFor="perf-to">{t('perf.to')}</label>
        <Input id="perf-to" value={period.to} onChange={(e) => setPeriod({ ...period, to: e.target.value })} style={{ width: 130 }} status={DATE.test(period.to) ? undefined : 'error'} />
      </Space>
      <ProblemAlert error={summary.error ?? chart.error} />
      {s && (
        <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
          <Tile title={t('perf.sold')} value={formatFen(s.amountFen)} testId="perf-sold" />
          <Tile title={t('perf.collected')} value={formatFen(s.collectedFen)} testId="perf-collected" />
          <Tile title={t('perf.collectionRate')} value={percent(s.collectionRatePercent)} />
          <Tile title={t('perf.orders')} value={s.orders} />
          <Tile title={t('perf.customers')} value={s.customers} />
          <Tile title={t('perf.target')} value={s.targetFen === null ? '—' : formatFen(s.targetFen)} />
          <Tile title={t('perf.attainment')} value={percent(s.attainmentPercent)} />
          <Tile title={t('perf.bestSeller')} value={s.bestSeller ? `${s.bestSeller.sku} × ${s.bestSeller.quantity}` : '—'} />
        </Row>
      )}
      {chart.data && chart.data.items.length > 0 && (
        <Card size="small" title={t('perf.chart')} style={{ marginBottom: 16 }}>
          <ResponsiveContainer width="100%" height={260}>
            <BarChart data={chart.data.items.map((r) => ({ name: r.label, sold: yuan(r.amountFen), received: yuan(r.collectedFen ?? 0) }))}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="name" />
              <YAxis />
              {/* Tooltip rows in the page's text colour: a bar colour as text may not have enough contrast. */}
              <Tooltip itemStyle={{ color: '#1f1f1f' }} />
              <Legend />
              <Bar dataKey="sold" name={t('perf.sold')} fill="#0958d9" isAnimationActive={false} />
              {by !== 'sku' && <Bar dataKey="received" name={t('perf.collected')} fill="#237804" isAnimationActive={false} />}
            </BarChart>
          </ResponsiveContainer>
        </Card>
      )}
      <DataList<PerformanceRow>
        title="nav.salesPerformance"
        queryKey="sales-performance"
        csvPath="/api/v1/sales/reports/performance"
        fixed={valid ? { ...period, by } : { by }}
        rowKey="key"
        toolbar={<Segmented<By> value={by} onChange={setBy} options={(['rep', 'region', 'customer', 'sku', 'day', 'week', 'month'] as const).map((b) => ({ value: b, label: t(`perf.by.${b}`) }))} data-testid="perf-by" />}
        read={(query) => answer(api.GET('/api/v1/sales/reports/performance', { params: { query: query as never } }))}
        columns={[
          { title: t('perf.group'), dataIndex: 'label', render: (label: string) => <strong>{label}</strong> },
          { title: t('perf.orders'), dataIndex: 'orders', align: 'right' },
          { title: t('perf.quantity'), dataIndex: 'quantity', align: 'right' },
          { title: t('perf.sold'), dataIndex: 'amountFen', align: 'right', render: formatFen },
          { title: t('perf.share'), dataIndex: 'sharePercent', align: 'right', render: percent },
          { title: t('perf.collected'), dataIndex: 'collectedFen', align: 'right', render: (v: number | null) => (v === null ? '—' : formatFen(v)) },
          { title: t('perf.target'), dataIndex: 'targetFen', align: 'right', render: (v: number | null) => (v === null ? '—' : formatFen(v)) },
          {
            title: t('perf.attainment'), dataIndex: 'attainmentPercent', align: 'right',
            render: (v: number | null) => (v === null ? '—' : <Typography.Text type={v >= 100 ? 'success' : undefined}>{percent(v)}</Typography.Text>),
          },
        ]}
      />
    </div>
  );
}

function Tile({ title, value, testId }: { title: string; value: string | number; testId?: string }) {
  return (
    <Col xs={12} md={6} lg={3}>
      {/* A SKU code is longer than a figure: smaller, so it keeps to one line. */}
      <Card size="small"><Statistic title={title} value={value} styles={{ content: { fontSize: String(value).length > 12 ? 16 : undefined } }} valueRender={(node) => <span data-testid={testId}>{node}</span>} /></Card>
    </Col>
  );
}

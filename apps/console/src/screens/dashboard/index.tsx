import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Statistic, Table, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Bar, BarChart, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { answer, api } from '../../api/client';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatFen } from '../../lib/money';
import { LIVE_MS } from '../kit/DataList';
import { label } from '../labels';
import { ProblemAlert } from '../ProblemAlert';
import { bySeverity } from './series';

// Colours with enough contrast on white, one per severity from calm to alarming.
const SEVERITY_COLOURS: Record<string, string> = { low: '#389e0d', medium: '#d48806', high: '#d4380d', critical: '#a8071a' };
const yuan = (fen: number) => Math.round(fen) / 100;

/**
 * What a manager looks at first: today's orders and sales, what waits for someone, receivables by age,
 * stock below its reorder point and incidents by type and severity. Each panel is shown to the roles that
 * may read its report, and read again whenever a change notice arrives (and every 30 s).
 */
export function Dashboard() {
  const { t, locale } = useI18n();
  const session = useSession();
  const labelFor = (code: string) => label(code, locale);
  const today = businessDate();
  const sales = useQuery({
    queryKey: ['dashboard', 'sales'], enabled: session.may('GET /api/v1/sales/reports/daily'), refetchInterval: LIVE_MS,
    queryFn: () => answer(api.GET('/api/v1/sales/reports/daily')),
  });
  const aging = useQuery({
    queryKey: ['dashboard', 'aging'], enabled: session.may('GET /api/v1/finance/receivables/aging'), refetchInterval: LIVE_MS,
    queryFn: () => answer(api.GET('/api/v1/finance/receivables/aging')),
  });
  const lowStock = useQuery({
    queryKey: ['dashboard', 'low-stock'], enabled: session.may('GET /api/v1/inventory/stock/low'), refetchInterval: LIVE_MS,
    queryFn: () => answer(api.GET('/api/v1/inventory/stock/low')),
  });
  const incidents = useQuery({
    queryKey: ['dashboard', 'incidents'], enabled: session.may('GET /api/v1/security/incidents/summary'), refetchInterval: LIVE_MS,
    queryFn: () => answer(api.GET('/api/v1/security/incidents/summary')),
  });

  const todayRow = sales.data?.days.find((d) => d.date === today);
  const pending = sales.data?.pendingApproval;
  const waiting = [
    ...(pending ? [['dash.waitOrders', pending.orders], ['dash.waitCredit', pending.creditChanges], ['dash.waitPriceLists', pending.priceLists]] as const : []),
    ...(aging.data ? [['dash.waitTransfers', aging.data.waiting.transfersToVerify], ['dash.waitDeposits', aging.data.waiting.depositsToApprove], ['dash.waitRefunds', aging.data.waiting.refundsDue]] as const : []),
  ];

  return (
    <div>
      <Typography.Title level={2}>{t('nav.dashboard')}</Typography.Title>
      <ProblemAlert error={sales.error ?? aging.error ?? lowStock.error ?? incidents.error} />
      <Row gutter={[16, 16]}>
        {sales.data && (
          <>
            <Tile title={t('dash.ordersToday')} value={todayRow?.ordersPlaced ?? 0} testId="orders-today" />
            <Tile title={t('dash.salesToday')} value={formatFen(todayRow?.placedFen ?? 0)} />
            <Tile title={t('dash.salesPeriod')} value={formatFen(sales.data.days.reduce((sum, d) => sum + d.placedFen, 0))} />
          </>
        )}
        {waiting.length > 0 && <Tile title={t('dash.approvalsWaiting')} value={waiting.reduce((sum, [, n]) => sum + n, 0)} testId="approvals-waiting" />}
        {aging.data && <Tile title={t('dash.openReceivables')} value={formatFen(aging.data.totalOpenFen)} />}
        {lowStock.data && <Tile title={t('dash.lowStock')} value={lowStock.data.items.length} testId="low-stock-count" />}
        {incidents.data && <Tile title={t('dash.openIncidents')} value={incidents.data.open} />}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {sales.data && (
          <Panel title={t('dash.ordersPerDay')} wide>
            <ResponsiveContainer width="100%" height={280}>
              <ComposedChart data={sales.data.days.map((d) => ({ date: d.date.slice(5), orders: d.ordersPlaced, cancelled: d.ordersCancelled, sales: yuan(d.placedFen) }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="date" />
                <YAxis yAxisId="count" allowDecimals={false} />
                <YAxis yAxisId="money" orientation="right" />
                <Tooltip />
                <Legend />
                <Bar yAxisId="count" dataKey="orders" name={t('dash.orders')} fill="#0958d9" isAnimationActive={false} />
                <Bar yAxisId="count" dataKey="cancelled" name={t('dash.cancelled')} fill="#8c8c8c" isAnimationActive={false} />
                <Line yAxisId="money" dataKey="sales" name={t('dash.sales')} stroke="#d4380d" dot={false} strokeWidth={2} isAnimationActive={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </Panel>
        )}
        {waiting.length > 0 && (
          <Panel title={t('dash.waitingTitle')}>
            <List size="small" dataSource={[...waiting]} renderItem={([key, n]) => <List.Item extra={<strong>{n}</strong>}>{t(key)}</List.Item>} />
          </Panel>
        )}
        {aging.data && (
          <Panel title={t('dash.receivablesByAge')}>
            <ResponsiveContainer width="100%" height={260}>
              <BarChart layout="vertical" margin={{ left: 24 }} data={aging.data.buckets.map((b) => ({ bucket: labelFor(b.bucket), open: yuan(b.openFen), count: b.receivables }))}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis type="number" />
                <YAxis type="category" dataKey="bucket" width={96} tick={{ fontSize: 12 }} />
                <Tooltip />
                <Bar dataKey="open" name={t('dash.openAmount')} fill="#0958d9" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </Panel>
        )}
        {lowStock.data && (
          <Panel title={t('dash.stockBelow')}>
            {lowStock.data.items.length === 0 ? <Empty description={t('dash.nothing')} /> : (
              <Table
                size="small" rowKey="sku" pagination={false} dataSource={lowStock.data.items}
                columns={[
                  { title: 'SKU', dataIndex: 'sku', render: (sku: string, row) => `${sku} ${row.name}` },
                  { title: t('dash.reorderPoint'), dataIndex: 'reorderPoint', align: 'right' },
                  { title: t('dash.available'), dataIndex: 'availableQuantity', align: 'right' },
                  { title: t('dash.shortfall'), dataIndex: 'shortfall', align: 'right', render: (n: number) => <strong>{n}</strong> },
                ]}
              />
            )}
          </Panel>
        )}
        {incidents.data && (
          <Panel title={t('dash.incidentsBy')}>
            {incidents.data.counts.length === 0 ? <Empty description={t('dash.nothing')} /> : (
              <ResponsiveContainer width="100%" height={260}>
                <BarChart data={bySeverity(incidents.data.counts, labelFor)}>
                  <CartesianGrid strokeDasharray="3 3" />
                  <XAxis dataKey="type" interval={0} tick={{ fontSize: 11 }} />
                  <YAxis allowDecimals={false} />
                  <Tooltip />
                  <Legend />
                  {Object.keys(SEVERITY_COLOURS).map((severity) => <Bar key={severity} dataKey={severity} name={labelFor(severity)} stackId="severity" fill={SEVERITY_COLOURS[severity]} isAnimationActive={false} />)}
                </BarChart>
              </ResponsiveContainer>
            )}
          </Panel>
        )}
      </Row>
    </div>
  );
}

function Tile({ title, value, testId }: { title: string; value: ReactNode; testId?: string }) {
  return (
    <Col xs={24} sm={12} lg={6} xl={4}>
      <Card size="small"><Statistic title={title} value={value as string} valueRender={() => <span data-testid={testId}>{value}</span>} /></Card>
    </Col>
  );
}

function Panel({ title, wide, children }: { title: string; wide?: boolean; children: ReactNode }) {
  return (
    <Col xs={24} xl={wide ? 16 : 8}>
      <Card title={title} size="small">{children}</Card>
    </Col>
  );
}

import { Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { DataList } from '../kit/DataList';
import { OrderLink } from '../kit/links';
import { useCustomerNames } from '../sales/common';
import { PRODUCTION_ORDER_STATUSES, PRODUCTION_ROUTES, production, type ProductionOrderStatus, type ProductionRoute } from './api';

type ProductionOrder = components['schemas']['ProductionOrderView'];
type StepStatus = components['schemas']['ProductionStepView']['status'];

export const STATUS_COLOURS: Record<ProductionOrderStatus, string> = { planned: 'default', released: 'blue', in_progress: 'gold', done: 'cyan', received: 'green', cancelled: 'red' };
export const STEP_COLOURS: Record<StepStatus, string> = { pending: 'default', in_progress: 'gold', stopped: 'red', completed: 'green' };

/** A production order's status in the person's language, coloured. */
export function StatusTag({ status, testId }: { status: ProductionOrderStatus; testId?: string }) {
  const { t } = useI18n();
  return <Tag color={STATUS_COLOURS[status]} data-testid={testId}>{t(`production.status.${status}` as MessageKey)}</Tag>;
}

/** In-house, or the contract factory that makes it; nothing before the release. */
export function RouteText({ route, factory }: { route: ProductionRoute | null; factory?: string | null }) {
  const { t } = useI18n();
  if (!route) return <>—</>;
  return <>{t(`production.route.${route}` as MessageKey)}{route === 'outsourced' && factory ? ` · ${factory}` : ''}</>;
}

/** The customer order a production order makes a line of: its number (a link for those who may open orders), a replacement marked with its complaint. */
export function CustomerOrder({ order }: { order: Pick<ProductionOrder, 'orderId' | 'orderNumber' | 'lineNo'> & Partial<Pick<ProductionOrder, 'orderKind' | 'serviceTicketNumber'>> }) {
  const { t } = useI18n();
  const session = useSession();
  return (
    <Space size={4} wrap>
      {session.may('GET /api/v1/sales/orders/{id}') ? <OrderLink id={order.orderId} number={order.orderNumber} /> : <span>{order.orderNumber}</span>}
      <Typography.Text type="secondary">#{order.lineNo}</Typography.Text>
      {order.orderKind === 'replacement' && <Tag color="purple">{t('production.replacement')}{order.serviceTicketNumber ? ` ${order.serviceTicketNumber}` : ''}</Tag>}
    </Space>
  );
}

/** Where a production order stands: steps completed of all, and the step it is on (stopped ones marked). */
export function Progress({ order }: { order: ProductionOrder }) {
  const { t } = useI18n();
  const done = order.steps.filter((s) => s.status === 'completed').length;
  const current = order.steps.find((s) => s.status !== 'completed');
  return (
    <Space size={4} data-testid={`progress-${order.number}`}>
      <span>{done}/{order.steps.length}</span>
      {current && current.status !== 'pending' && <span>{current.name}</span>}
      {current?.status === 'stopped' && <Tag color="red">{t('production.step.stopped')}</Tag>}
    </Space>
  );
}

/**
 * Production orders (生产订单), newest first: one per made-to-order line of a customer order, issued once finance
 * confirmed its deposit. The planner releases each in-house or to a contract factory, the steps are run and checked
 * on the order's own page, the warehouse receives the finished goods.
 */
export function ProductionOrders() {
  const { t } = useI18n();
  const session = useSession();
  const customers = useCustomerNames();
  const mayCustomers = session.may('GET /api/v1/sales/customers');
  return (
    <DataList<ProductionOrder>
      title="nav.productionOrders"
      queryKey="production-orders"
      csvPath="/api/v1/inventory/production-orders"
      read={(query) => production.list(query)}
      filters={[
        { name: 'status', label: 'production.statusLabel', kind: 'select', options: PRODUCTION_ORDER_STATUSES.map((s) => ({ value: s, label: t(`production.status.${s}`) })) },
        { name: 'route', label: 'production.routeLabel', kind: 'select', options: PRODUCTION_ROUTES.map((r) => ({ value: r, label: t(`production.route.${r}`) })) },
        { name: 'sku', label: 'production.sku', kind: 'text' },
        ...(mayCustomers ? [{ name: 'customerId', label: 'production.customer' as const, kind: 'select' as const, options: customers.options }] : []),
      ]}
      columns={[
        { title: t('production.number'), dataIndex: 'number', render: (n: string, o) => <Link to={`/production-orders/${o.id}`} data-testid={`open-${n}`}>{n}</Link> },
        { title: t('production.customerOrder'), key: 'order', render: (_, o) => <CustomerOrder order={o} /> },
        { title: t('production.customer'), dataIndex: 'customerName' },
        { title: t('production.sku'), dataIndex: 'sku' },
        { title: t('production.quantity'), dataIndex: 'quantity', align: 'right' },
        { title: t('production.requestedDate'), dataIndex: 'requestedDate' },
        {
          title: t('production.plan'), key: 'plan',
          render: (_, o) => (
            <Space size={4}>
              <span>{o.plannedStart} → {o.plannedFinish}</span>
              {o.behindRequestedDate && <Tag color="orange" data-testid={`behind-${o.number}`}>{t('production.behind')}</Tag>}
            </Space>
          ),
        },
        { title: t('production.routeLabel'), key: 'route', render: (_, o) => <RouteText route={o.route} factory={o.factorySupplierName ?? o.factorySupplierCode} /> },
        { title: t('production.progress'), key: 'progress', render: (_, o) => <Progress order={o} /> },
        { title: t('production.statusLabel'), dataIndex: 'status', render: (s: ProductionOrderStatus, o) => <StatusTag status={s} testId={`status-${o.number}`} /> },
      ]}
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { DatePicker, Space, Table, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { businessDate } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { LIVE_MS } from '../kit/DataList';
import { OPS, production } from './api';
import { RouteText, STEP_COLOURS } from './ProductionOrders';

type LateStep = components['schemas']['LateStepView'];

/**
 * Late process steps (逾期工序) on a business day, today unless another day is picked: every step not completed
 * whose planned finish is before that day, most days late first. A step appears the day after its planned finish.
 */
export function LateSteps() {
  const { t } = useI18n();
  const session = useSession();
  // Nothing picked: the API's own today (the business clock), which the picker shows as the browser's today.
  const [on, setOn] = useState<string>();
  const steps = useQuery({ queryKey: ['production-late-steps', on ?? 'today'], refetchInterval: LIVE_MS, queryFn: () => production.lateSteps(on) });
  const mayOpen = session.may(OPS.get);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.lateSteps')}</Typography.Title>
      <Space wrap>
        <label htmlFor="late-steps-on">{t('late.on')}</label>
        <DatePicker
          id="late-steps-on" aria-label={t('late.on')} allowClear={false} value={dayjs(on ?? businessDate())}
          onChange={(_, text) => setOn(typeof text === 'string' && text ? text : undefined)}
          data-testid="late-on"
        />
        <Typography.Text type="secondary" data-testid="late-count">{t('late.count')} {steps.data?.length ?? 0}</Typography.Text>
      </Space>
      <ProblemAlert error={steps.error} />
      <Table<LateStep>
        rowKey={(s) => `${s.productionOrderId}-${s.stepNo}`} size="middle" loading={steps.isLoading} dataSource={steps.data ?? []} scroll={{ x: 'max-content' }}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          {
            title: t('production.number'), dataIndex: 'productionOrderNumber',
            render: (n: string, s) => (mayOpen ? <Link to={`/production-orders/${s.productionOrderId}`}>{n}</Link> : n),
          },
          { title: t('production.customerOrder'), dataIndex: 'orderNumber' },
          { title: t('production.customer'), dataIndex: 'customerName' },
          { title: t('production.sku'), key: 'sku', render: (_, s) => `${s.sku} × ${s.quantity}` },
          { title: t('production.routeLabel'), key: 'route', render: (_, s) => <RouteText route={s.route} factory={s.factorySupplierCode} /> },
          { title: t('production.step'), key: 'step', render: (_, s) => `${s.stepNo} ${s.stepName}` },
          { title: t('production.statusLabel'), dataIndex: 'stepStatus', render: (st: LateStep['stepStatus']) => <Tag color={STEP_COLOURS[st]}>{t(`production.step.${st}` as MessageKey)}</Tag> },
          { title: t('production.plannedFinish'), dataIndex: 'plannedFinish' },
          {
            title: t('late.daysLate'), dataIndex: 'daysLate', align: 'right',
            render: (d: number, s) => <Tag color={d > 3 ? 'red' : 'orange'} data-testid={`days-late-${s.productionOrderNumber}-${s.stepNo}`}>{d}</Tag>,
          },
        ]}
      />
    </Space>
  );
}

import { useQuery } from '@tanstack/react-query';
import { DatePicker, Progress, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { ProblemAlert } from '../ProblemAlert';

type Line = components['schemas']['ComplianceLineView'];

/** Patrol compliance over a period: checkpoints scanned in their window out of those expected, per route, guard and night. */
export function PatrolCompliance() {
  const { t } = useI18n();
  const [range, setRange] = useState<[string, string]>(() => [dayjs().subtract(6, 'day').format('YYYY-MM-DD'), dayjs().format('YYYY-MM-DD')]);
  const report = useQuery({
    queryKey: ['patrol-compliance', range],
    queryFn: () => answer(api.GET('/api/v1/security/patrols/compliance', { params: { query: { from: range[0], to: range[1] } } })),
  });
  const table = (title: MessageKey, lines: Line[] | undefined) => (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t(title)}</Typography.Title>
      <Table<Line>
        size="small" rowKey="key" pagination={false} loading={report.isLoading} dataSource={lines ?? []}
        columns={[
          { title: t('compliance.key'), dataIndex: 'key' },
          { title: t('compliance.expected'), dataIndex: 'expected', align: 'right' },
          { title: t('compliance.scanned'), dataIndex: 'scanned', align: 'right' },
          { title: t('compliance.percent'), dataIndex: 'percent', render: (p: number) => <Progress percent={p} size="small" status={p < 90 ? 'exception' : 'success'} format={(v) => `${v}%`} /> },
        ]}
      />
    </Space>
  );
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Typography.Title level={2}>{t('nav.patrolCompliance')}</Typography.Title>
      <DatePicker.RangePicker
        aria-label={t('compliance.from')}
        allowClear={false}
        value={[dayjs(range[0]), dayjs(range[1])]}
        onChange={(dates: [Dayjs | null, Dayjs | null] | null) => dates?.[0] && dates[1] && setRange([dates[0].format('YYYY-MM-DD'), dates[1].format('YYYY-MM-DD')])}
      />
      <ProblemAlert error={report.error} />
      {table('compliance.byRoute', report.data?.byRoute)}
      {table('compliance.byGuard', report.data?.byGuard)}
      {table('compliance.byNight', report.data?.byNight)}
    </Space>
  );
}

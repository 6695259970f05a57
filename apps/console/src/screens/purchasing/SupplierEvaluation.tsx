import { Select, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { businessDate, formatFen } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { useSkus } from '../kit/skus';

type Score = components['schemas']['SupplierEvaluationView'];
type PricePoint = components['schemas']['PricePointView'];

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`);

/**
 * How suppliers delivered in a month: on time against the promised dates, inspection pass rate, what went back
 * to them; those below the thresholds flagged with why. The same table as CSV.
 */
export function SupplierEvaluation() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'evaluation', label: t('nav.supplierEvaluation'), children: <Scores /> },
        { key: 'prices', label: t('evaluation.priceHistory'), children: <PriceHistory /> },
      ]}
    />
  );
}

function Scores() {
  const { t } = useI18n();
  return (
    <DataList<Score>
      title="nav.supplierEvaluation"
      queryKey="supplier-evaluation"
      rowKey="supplierId"
      csvPath="/api/v1/inventory/supplier-evaluation"
      initial={{ month: businessDate().slice(0, 7) }}
      read={(query) => answer(api.GET('/api/v1/inventory/supplier-evaluation', { params: { query } }))}
      filters={[
        { name: 'month', label: 'evaluation.month', kind: 'text' },
        { name: 'belowThreshold', label: 'evaluation.onlyBelow', kind: 'select', options: [{ value: 'true', label: t('evaluation.below') }] },
      ]}
      columns={[
        { title: t('evaluation.supplier'), key: 'supplier', render: (_, s) => `${s.supplierCode ?? ''} ${s.supplierName ?? s.supplierId}` },
        { title: t('evaluation.receiptLines'), dataIndex: 'receiptLines', align: 'right' },
        { title: t('evaluation.onTime'), key: 'onTime', align: 'right', render: (_, s) => `${percent(s.onTimeRate)} (${s.onTimeLines}/${s.promisedLines})` },
        { title: t('evaluation.passRate'), key: 'pass', align: 'right', render: (_, s) => `${percent(s.passRate)} (${s.passedLines}/${s.inspectedLines})` },
        { title: t('evaluation.returns'), dataIndex: 'returns', align: 'right' },
        { title: t('evaluation.returnedAmount'), dataIndex: 'returnedAmountFen', align: 'right', render: (fen: number) => formatFen(fen) },
        {
          title: t('evaluation.below'), key: 'below',
          render: (_, s) => (s.belowThreshold
            ? <Tag color="red">{s.reasons.split(' ').filter(Boolean).map((r) => t(`evaluation.reason.${r}` as MessageKey)).join('、')}</Tag>
            : <Tag color="green">{t('evaluation.ok')}</Tag>),
        },
      ]}
    />
  );
}

/** A SKU's purchase prices over time, from audited purchase receipts: pick the SKU first. */
function PriceHistory() {
  const { t } = useI18n();
  const skus = useSkus();
  const [sku, setSku] = useState<string>();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Select showSearch={{ optionFilterProp: 'label' }} allowClear aria-label={t('evaluation.sku')} placeholder={t('evaluation.sku')} style={{ minWidth: 320 }}
        loading={skus.loading} options={skus.options} value={sku} onChange={setSku} />
      {sku && (
        <DataList<PricePoint>
          title="evaluation.priceHistory"
          queryKey="purchase-prices"
          csvPath="/api/v1/inventory/purchase-prices"
          fixed={{ sku }}
          rowKey={(p) => `${p.receiptNumber}-${p.date}-${p.unitPriceFen}`}
          read={(query) => answer(api.GET('/api/v1/inventory/purchase-prices', { params: { query: { ...query, sku } } }))}
          columns={[
            { title: t('evaluation.date'), dataIndex: 'date' },
            { title: t('evaluation.supplier'), key: 'supplier', render: (_, p) => p.supplierName ?? p.supplierId },
            { title: t('evaluation.receipt'), dataIndex: 'receiptNumber' },
            { title: t('evaluation.quantity'), dataIndex: 'quantity', align: 'right' },
            { title: t('evaluation.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
            { title: t('evaluation.change'), dataIndex: 'changeFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : `${fen > 0 ? '+' : ''}${formatFen(fen)}`) },
          ]}
        />
      )}
    </Space>
  );
}

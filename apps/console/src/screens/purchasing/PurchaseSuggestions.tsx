import { Col, Form, InputNumber, Row, Select, Tabs, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useSkus } from '../kit/skus';
import { useSuppliers } from './PurchaseReturns';

type Suggestion = components['schemas']['PurchaseSuggestionView'];
type Threshold = components['schemas']['StockThresholdView'];
type SetThreshold = components['schemas']['SetStockThresholdRequest'];

/**
 * What to buy per SKU and warehouse (backorders waiting + the refill below the threshold − what is on order),
 * and the low-stock thresholds behind it, which warehouse and purchasing managers set.
 */
export function PurchaseSuggestions() {
  const { t } = useI18n();
  return (
    <Tabs
      items={[
        { key: 'suggestions', label: t('lowstock.tab.suggestions'), children: <SuggestionList /> },
        { key: 'thresholds', label: t('lowstock.tab.thresholds'), children: <ThresholdList /> },
      ]}
    />
  );
}

function SuggestionList() {
  const { t } = useI18n();
  const suppliers = useSuppliers();
  return (
    <DataList<Suggestion>
      title="nav.purchaseSuggestions"
      queryKey="purchase-suggestions"
      rowKey={(s) => `${s.sku}@${s.warehouseCode}`}
      read={(query) => answer(api.GET('/api/v1/inventory/purchase-suggestions', { params: { query: { sku: query.sku as string | undefined, warehouseCode: query.warehouseCode as string | undefined } } }))}
      filters={[{ name: 'sku', label: 'lowstock.sku', kind: 'text' }, { name: 'warehouseCode', label: 'lowstock.warehouse', kind: 'text' }]}
      columns={[
        { title: t('lowstock.sku'), dataIndex: 'sku' },
        { title: t('lowstock.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('lowstock.backordered'), dataIndex: 'backorderedQuantity', align: 'right' },
        { title: t('lowstock.available'), dataIndex: 'availableQuantity', align: 'right' },
        { title: t('lowstock.min'), dataIndex: 'minQuantity', align: 'right', render: (n: number | null) => n ?? '—' },
        { title: t('lowstock.reorder'), dataIndex: 'reorderQuantity', align: 'right', render: (n: number | null) => n ?? '—' },
        { title: t('lowstock.shortfall'), dataIndex: 'shortfallQuantity', align: 'right' },
        { title: t('lowstock.onOrder'), dataIndex: 'onOrderQuantity', align: 'right' },
        { title: t('lowstock.suggested'), dataIndex: 'suggestedQuantity', align: 'right', render: (n: number) => <strong>{n}</strong> },
        { title: t('lowstock.lastSupplier'), key: 'supplier', render: (_, s) => s.lastSupplierName ?? suppliers.nameOf(s.lastSupplierId) },
        { title: t('lowstock.lastPrice'), dataIndex: 'lastUnitPriceFen', align: 'right', render: (fen: number | null) => (fen === null ? '—' : formatFen(fen)) },
      ]}
    />
  );
}

function ThresholdList() {
  const { t, locale } = useI18n();
  const session = useSession();
  return (
    <DataList<Threshold>
      title="lowstock.tab.thresholds"
      queryKey="stock-thresholds"
      csvPath="/api/v1/inventory/stock-thresholds"
      rowKey={(s) => `${s.sku}@${s.warehouseCode}`}
      read={(query) => answer(api.GET('/api/v1/inventory/stock-thresholds', { params: { query } }))}
      filters={[
        { name: 'sku', label: 'lowstock.sku', kind: 'text' },
        { name: 'low', label: 'lowstock.onlyLow', kind: 'select', options: [{ value: 'true', label: t('lowstock.low') }] },
      ]}
      toolbar={session.may('PUT /api/v1/inventory/stock-thresholds') && <SetThresholdDialog />}
      columns={[
        { title: t('lowstock.sku'), dataIndex: 'sku' },
        { title: t('lowstock.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('lowstock.min'), dataIndex: 'minQuantity', align: 'right' },
        { title: t('lowstock.reorder'), dataIndex: 'reorderQuantity', align: 'right' },
        { title: t('lowstock.available'), dataIndex: 'availableQuantity', align: 'right' },
        { title: t('lowstock.low'), key: 'low', render: (_, s) => (s.low ? <Tag color="red">{t('lowstock.low')}</Tag> : '—') },
        { title: t('lowstock.alerted'), dataIndex: 'alerted', render: (a: boolean) => (a ? '✓' : '—') },
        { title: t('lowstock.updatedAt'), dataIndex: 'updatedAt', render: (at: string) => formatDateTime(at, locale) },
      ]}
    />
  );
}

export type ThresholdForm = { sku?: string; warehouseCode: string; minQuantity?: number; reorderQuantity?: number };

export function thresholdBody(values: ThresholdForm): SetThreshold {
  return { sku: values.sku ?? '', warehouseCode: values.warehouseCode, minQuantity: values.minQuantity ?? 0, reorderQuantity: values.reorderQuantity ?? 0 };
}

/** Sets (or replaces) the threshold of a SKU in a warehouse. */
export function SetThresholdDialog() {
  const { t } = useI18n();
  const skus = useSkus();
  const warehouses = useQuery({
    queryKey: ['warehouses', 'all'],
    queryFn: () => answer(api.GET('/api/v1/inventory/warehouses', { params: { query: { pageSize: 200 } } })),
  });
  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormDialog<ThresholdForm>
      trigger={t('lowstock.set')}
      title={t('lowstock.set')}
      initialValues={{ warehouseCode: 'MAIN' }}
      submit={(values) => answer(api.PUT('/api/v1/inventory/stock-thresholds', { body: thresholdBody(values) }))}
      testId="set-threshold"
    >
      {() => (
        <>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="sku" label={t('lowstock.sku')} rules={required}>
                <Select showSearch={{ optionFilterProp: 'label' }} loading={skus.loading} options={skus.options} />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="warehouseCode" label={t('lowstock.warehouse')} rules={required}>
                <Select loading={warehouses.isLoading} options={(warehouses.data?.items ?? []).map((w) => ({ value: w.code, label: `${w.code} ${w.name}` }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="minQuantity" label={t('lowstock.min')} rules={required} extra={t('lowstock.minHelp')}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="reorderQuantity" label={t('lowstock.reorder')} rules={required} extra={t('lowstock.reorderHelp')}>
                <InputNumber min={0} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
        </>
      )}
    </FormDialog>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Actor } from './common';
import { statusWord, useWarehouseOptions } from './Transfers';

type Stocktake = components['schemas']['StocktakeView'];
type CountSheet = components['schemas']['CountSheetView'];
type CountForm = { lines: Array<{ sku: string; batch?: string; countedQuantity?: number; onSheet: boolean }> };
type BetweenForm = { shortSku: string; overSku: string; location: string; quantity: number; reason?: string };
const STATUSES = ['counting', 'submitted', 'closed'] as const;
const COLOR: Record<string, string> = { counting: 'orange', submitted: 'blue', closed: 'green' };

/**
 * Stocktakes: a manager starts one per warehouse (and every sellable warehouse is counted on the third Saturday
 * of the month); keepers count blind — no screen of theirs shows a book quantity — and submit; managers read the
 * variance report and approve the proposed adjustments (none changes stock before).
 */
export function Stocktakes() {
  const { t } = useI18n();
  const session = useSession();
  const may = {
    start: session.may('POST /api/v1/inventory/stocktakes'),
    count: session.may('POST /api/v1/inventory/stocktakes/{id}/counts'),
    submit: session.may('POST /api/v1/inventory/stocktakes/{id}/submit'),
    variances: session.may('GET /api/v1/inventory/stocktakes/{id}/variances'),
  };
  return (
    <DataList<Stocktake>
      title="nav.stocktakes"
      queryKey="stocktakes"
      read={(query) => answer(api.GET('/api/v1/inventory/stocktakes', { params: { query: query as never } }))}
      filters={[
        { name: 'status', label: 'wops.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(statusWord(s)) })) },
        { name: 'overdue', label: 'wops.onlyOverdue', kind: 'select', options: [{ value: 'true', label: t('wops.overdue') }] },
      ]}
      toolbar={may.start && <StartStocktakeDialog />}
      expandable={{ expandedRowRender: (r) => <StocktakeDetail stocktake={r} mayCount={may.count && r.status === 'counting'} mayReadVariances={may.variances && r.status !== 'counting'} /> }}
      columns={[
        { title: t('wops.number'), dataIndex: 'number' },
        { title: t('wops.warehouse'), dataIndex: 'warehouseCode' },
        { title: t('wops.location'), dataIndex: 'location', render: (l: string | null) => l ?? t('wops.allLocations') },
        { title: t('wops.status'), dataIndex: 'status', render: (s: string, r) => <Space><Tag color={COLOR[s]}>{t(statusWord(s))}</Tag>{r.overdue && <Tag color="red">{t('wops.overdue')}</Tag>}</Space> },
        { title: t('wops.openedOn'), dataIndex: 'openedOn' },
        { title: t('wops.reportDueOn'), dataIndex: 'reportDueOn' },
        { title: t('wops.createdBy'), dataIndex: 'startedBy', render: (id: string) => <Actor id={id} /> },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, r: Stocktake) => may.submit && r.status === 'counting' && (
            <ActionButton testId={`submit-${r.number}`} confirm={t('wops.submitConfirm')} run={() => answer(api.POST('/api/v1/inventory/stocktakes/{id}/submit', { params: { path: { id: r.id } } }))}>{t('wops.submit')}</ActionButton>
          ),
        },
      ]}
    />
  );
}

function StartStocktakeDialog() {
  const { t } = useI18n();
  const warehouses = useWarehouseOptions();
  const submit = (values: { warehouseCode: string; location?: string }) =>
    answer(api.POST('/api/v1/inventory/stocktakes', { body: { warehouseCode: values.warehouseCode, ...(values.location?.trim() ? { location: values.location.trim() } : {}) } }));
  return (
    <FormDialog<{ warehouseCode: string; location?: string }> trigger={t('wops.startStocktake')} title={t('wops.startStocktake')} submit={submit} initialValues={{ warehouseCode: 'MAIN' }} testId="start-stocktake">
      {() => (
        <>
          <Form.Item name="warehouseCode" label={t('wops.warehouse')} rules={[{ required: true, message: t('common.required') }]}><Select loading={warehouses.loading} options={warehouses.options} /></Form.Item>
          <Form.Item name="location" label={t('wops.location')} extra={t('wops.allLocations')}><Input /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** The count sheets as a counter sees them (SKU, batch, what was counted: never a book quantity), and for managers the variance report. */
function StocktakeDetail({ stocktake, mayCount, mayReadVariances }: { stocktake: Stocktake; mayCount: boolean; mayReadVariances: boolean }) {
  const { t } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {stocktake.sheets.map((sheet) => (
        <div key={sheet.location}>
          <Space>
            <Typography.Text strong>{t('wops.location')} {sheet.location}</Typography.Text>
            {mayCount && <CountSheetDialog stocktake={stocktake} sheet={sheet} />}
          </Space>
          <Table
            rowKey={(l) => `${l.sku}/${l.batch ?? ''}`} size="small" pagination={false} style={{ width: 760 }} dataSource={sheet.lines}
            columns={[
              { title: t('wops.sku'), dataIndex: 'sku' },
              { title: t('wops.batch'), dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
              { title: t('wops.counted'), dataIndex: 'countedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
              { title: t('wops.countedBy'), dataIndex: 'countedBy', render: (id: string | null) => <Actor id={id} /> },
            ]}
          />
        </div>
      ))}
      {mayReadVariances && <VarianceReport stocktake={stocktake} />}
    </Space>
  );
}

/**
 * The blind count of one sheet: every lot of the location with an empty count field, and lines to add for goods
 * found there. Nothing on this form (or in what it reads) is a book quantity.
 */
export function CountSheetDialog({ stocktake, sheet }: { stocktake: Stocktake; sheet: CountSheet }) {
  const { t } = useI18n();
  const submit = (values: CountForm) => answer(api.POST('/api/v1/inventory/stocktakes/{id}/counts', {
    params: { path: { id: stocktake.id } },
    body: {
      location: sheet.location,
      lines: values.lines.filter((l) => l.countedQuantity !== undefined && l.countedQuantity !== null && l.sku?.trim())
        .map((l) => ({ sku: l.sku.trim(), ...(l.batch?.trim() ? { batch: l.batch.trim() } : {}), countedQuantity: l.countedQuantity! })),
    },
  }));
  return (
    <FormDialog<CountForm>
      trigger={t('wops.count')} title={`${t('wops.count')} ${stocktake.number} ${sheet.location}`} width={760} size="small" primary={false} submit={submit}
      initialValues={{ lines: sheet.lines.map((l) => ({ sku: l.sku, batch: l.batch ?? '', countedQuantity: l.countedQuantity ?? undefined, onSheet: true })) }}
      testId={`count-${stocktake.number}-${sheet.location}`}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('wops.countHint')}</Typography.Paragraph>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => {
                  const onSheet = form.getFieldValue(['lines', field.name, 'onSheet']) as boolean;
                  return (
                    <Row key={field.key} gutter={12} align="top">
                      <Col span={9}><Form.Item name={[field.name, 'sku']} label={t('wops.sku')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input disabled={onSheet} /></Form.Item></Col>
                      <Col span={7}><Form.Item name={[field.name, 'batch']} label={t('wops.batch')}><Input disabled={onSheet} /></Form.Item></Col>
                      <Col span={6}>
                        <Form.Item name={[field.name, 'countedQuantity']} label={t('wops.counted')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item>
                      </Col>
                      <Col span={2}>
                        {!onSheet && <Form.Item label=" "><Button type="text" aria-label={t('warehouse.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} /></Form.Item>}
                      </Col>
                    </Row>
                  );
                })}
                <Button icon={<PlusOutlined />} onClick={() => add({ sku: '', batch: '', onSheet: false })}>{t('wops.foundLine')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

/** For managers and the auditor only: book, counted and variance per line, the proposed adjustments and their approval. */
function VarianceReport({ stocktake }: { stocktake: Stocktake }) {
  const { t } = useI18n();
  const session = useSession();
  const mayApprove = session.may('POST /api/v1/inventory/stocktakes/{id}/adjustments/{no}/approve');
  const mayMove = session.may('POST /api/v1/inventory/stocktakes/{id}/adjustments/between-skus');
  const report = useQuery({
    queryKey: ['stocktake-variances', stocktake.id, stocktake.status],
    queryFn: () => answer(api.GET('/api/v1/inventory/stocktakes/{id}/variances', { params: { path: { id: stocktake.id } } })),
  });
  const lines = report.data?.lines ?? [];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4} style={{ fontSize: 15 }}>{t('wops.variances')}</Typography.Title>
      <Table
        rowKey={(l) => `${l.location}/${l.sku}/${l.batch ?? ''}`} size="small" pagination={false} style={{ width: 860 }} loading={report.isLoading} dataSource={lines}
        columns={[
          { title: t('wops.location'), dataIndex: 'location' },
          { title: t('wops.sku'), dataIndex: 'sku' },
          { title: t('wops.batch'), dataIndex: 'batch', render: (b: string | null) => b ?? '—' },
          { title: t('wops.bookAtStart'), dataIndex: 'bookAtStart', align: 'right' },
          { title: t('wops.bookAtCount'), dataIndex: 'bookAtCount', align: 'right' },
          { title: t('wops.counted'), dataIndex: 'countedQuantity', align: 'right' },
          { title: t('wops.variance'), dataIndex: 'variance', align: 'right', render: (v: number) => <Typography.Text type={v < 0 ? 'danger' : undefined}>{v}</Typography.Text> },
        ]}
      />
      <Space>
        <Typography.Text strong>{t('wops.adjustments')}</Typography.Text>
        {mayMove && stocktake.status === 'submitted' && <BetweenSkusDialog stocktake={stocktake} />}
      </Space>
      <Table
        rowKey="no" size="small" pagination={false} style={{ width: 860 }} dataSource={report.data?.adjustments ?? []}
        columns={[
          { title: '#', dataIndex: 'no' },
          { title: t('wops.sku'), key: 'lines', render: (_, a) => a.lines.map((l) => `${l.sku} ${l.location} ${l.quantity > 0 ? '+' : ''}${l.quantity}`).join(' / ') },
          { title: t('wops.reason'), dataIndex: 'reason', render: (r: string | null) => r ?? '—' },
          { title: t('wops.status'), dataIndex: 'status', render: (s: string, a) => <Space><Tag>{s}</Tag>{a.needsPurchasing && <Tag color="orange">{t('wops.needsPurchasing')}</Tag>}</Space> },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, a) => mayApprove && a.status === 'proposed' && (
              <ActionButton testId={`approve-${stocktake.number}-${a.no}`} run={() => answer(api.POST('/api/v1/inventory/stocktakes/{id}/adjustments/{no}/approve', { params: { path: { id: stocktake.id, no: a.no } } }))}>{t('wops.approve')}</ActionButton>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** One SKU short and another over because the goods were counted under the wrong code: a move between them, with its reason. */
function BetweenSkusDialog({ stocktake }: { stocktake: Stocktake }) {
  const { t } = useI18n();
  const submit = (v: BetweenForm) => answer(api.POST('/api/v1/inventory/stocktakes/{id}/adjustments/between-skus', {
    params: { path: { id: stocktake.id } },
    body: { short: { sku: v.shortSku.trim(), location: v.location.trim() }, over: { sku: v.overSku.trim(), location: v.location.trim() }, quantity: v.quantity, ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}) },
  }));
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<BetweenForm>
      trigger={t('wops.betweenSkus')} title={`${t('wops.betweenSkus')} ${stocktake.number}`} size="small" primary={false} submit={submit}
      initialValues={{ location: 'STOCK', quantity: 1 }} rename={{ 'short.sku': 'shortSku', 'over.sku': 'overSku', short: 'shortSku', over: 'overSku' }} testId={`between-${stocktake.number}`}
    >
      {() => (
        <>
          <Form.Item name="shortSku" label={t('wops.short')} rules={required}><Input /></Form.Item>
          <Form.Item name="overSku" label={t('wops.over')} rules={required}><Input /></Form.Item>
          <Form.Item name="location" label={t('wops.location')} rules={required}><Input /></Form.Item>
          <Form.Item name="quantity" label={t('wops.quantity')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} precision={0} /></Form.Item>
          <Form.Item name="reason" label={t('wops.reason')}><Input.TextArea maxLength={500} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

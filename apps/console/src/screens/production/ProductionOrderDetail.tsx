import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { LIVE_MS } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';
import { ProblemSlot } from '../kit/Problems';
import { useWarehouseOptions } from '../warehouse/Transfers';
import { OPS, QUALITY_DECISIONS, production, type QualityDecision } from './api';
import { CustomerOrder, RouteText, StatusTag, STEP_COLOURS } from './ProductionOrders';

type ProductionOrder = components['schemas']['ProductionOrderView'];
type ProductionStep = components['schemas']['ProductionStepView'];
type CheckBody = components['schemas']['SampleCheckBody'];
type ReferenceComparison = NonNullable<CheckBody['referenceComparison']>;

// Material requests are purchasing's (their own screen there); their states as this page words them.
const MR_STATUSES: readonly string[] = ['open', 'ordered', 'received', 'cancelled'];

/**
 * One production order (生产订单): its plan against the customer's requested date, the release (in-house or to a
 * contract factory at an agreed price), its process steps in order — started, sample-checked, decided on by the
 * quality manager when a check failed, completed — the reference sample of a first run, and the receipt of the
 * finished goods. Each button shows only to whom the API allows it and only in the state it applies to.
 */
export function ProductionOrderDetail() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const session = useSession();
  const order = useQuery({ queryKey: ['production-order', id], refetchInterval: LIVE_MS, queryFn: () => production.get(id) });
  if (!order.data) return <ProblemAlert error={order.error} />;
  const o = order.data;
  const may = (op: keyof typeof OPS) => session.may(OPS[op]);
  const open = o.status !== 'cancelled' && o.status !== 'received';
  return (
    <ProblemSlot>
      {(actionProblem) => (
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Typography.Title level={2}>
            {t('production.order')} {o.number} <StatusTag status={o.status} testId="production-status" />
          </Typography.Title>
          <ProblemAlert error={order.error ?? actionProblem} />
          <Space wrap>
            {o.status === 'planned' && may('release') && <ReleaseDialog order={o} />}
            {o.firstRun && !o.referenceSample && open && may('referenceSample') && <ReferenceSampleDialog order={o} />}
            {o.status === 'done' && may('receive') && <ReceiveDialog order={o} />}
          </Space>
          <Descriptions bordered size="small" column={3}>
            <Descriptions.Item label={t('production.customerOrder')}><CustomerOrder order={o} /></Descriptions.Item>
            <Descriptions.Item label={t('production.customer')}>{o.customerName}</Descriptions.Item>
            <Descriptions.Item label={t('production.sku')}>{o.sku} × {o.quantity}</Descriptions.Item>
            <Descriptions.Item label={t('production.requestedDate')}>{o.requestedDate}</Descriptions.Item>
            <Descriptions.Item label={t('production.plan')}>
              <Space size={4}>
                <span data-testid="production-plan">{o.plannedStart} → {o.plannedFinish}</span>
                {o.behindRequestedDate && <Tag color="orange">{t('production.behind')}</Tag>}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('production.routeLabel')}><span data-testid="production-route"><RouteText route={o.route} factory={o.factorySupplierCode ? `${o.factorySupplierCode} ${o.factorySupplierName ?? ''}`.trim() : null} /></span></Descriptions.Item>
            {o.route === 'outsourced' && <Descriptions.Item label={t('production.agreedPrice')}>{formatFen(o.agreedUnitPriceFen)}</Descriptions.Item>}
            <Descriptions.Item label={t('production.run')}>
              {o.firstRun ? <Tag color="purple" data-testid="first-run">{t('production.firstRun')}</Tag> : t('production.repeatRun')}
            </Descriptions.Item>
            <Descriptions.Item label={t('production.referenceSample')}>
              {o.referenceSample
                ? <span data-testid="reference-sample">{o.referenceSample.sampleCode} · {o.referenceSample.location}{o.referenceSample.note ? ` · ${o.referenceSample.note}` : ''}{o.referenceSample.productionOrderId !== o.id ? ` (${o.referenceSample.productionOrderNumber})` : ''}</span>
                : (o.firstRun ? <Typography.Text type="warning">{t('production.referenceMissing')}</Typography.Text> : '—')}
            </Descriptions.Item>
            {o.releasedAt && <Descriptions.Item label={t('production.released')}><Person id={o.releasedBy} /> {formatDateTime(o.releasedAt, locale)}</Descriptions.Item>}
            {o.doneAt && <Descriptions.Item label={t('production.doneAt')}>{formatDateTime(o.doneAt, locale)}</Descriptions.Item>}
            {o.receivedAt && (
              <Descriptions.Item label={t('production.received')}>
                <Person id={o.receivedBy} /> {formatDateTime(o.receivedAt, locale)} {o.warehouseCode ?? ''} {o.receiptNumber ? `· ${o.receiptNumber}` : ''}
              </Descriptions.Item>
            )}
            {o.cancelReason && <Descriptions.Item label={t('production.cancelReason')}>{o.cancelReason}</Descriptions.Item>}
          </Descriptions>
          <Card title={t('production.steps')} size="small">
            <Steps order={o} />
          </Card>
          <Card title={t('production.materials')} size="small">
            <Table
              rowKey="sku" size="small" pagination={false} dataSource={o.materials}
              columns={[
                { title: t('production.sku'), dataIndex: 'sku' },
                { title: t('production.perUnit'), dataIndex: 'quantityPerUnit', align: 'right' },
                { title: t('production.quantity'), dataIndex: 'quantity', align: 'right' },
              ]}
            />
            <Typography.Paragraph type="secondary" style={{ marginTop: 8 }} data-testid="materials-issued">
              {t(o.materialsIssued ? 'production.materialsIssued' : 'production.materialsNotIssued')}
            </Typography.Paragraph>
            {o.materialRequests.length > 0 && (
              <Table
                rowKey="id" size="small" pagination={false} dataSource={o.materialRequests} data-testid="material-requests"
                title={() => t('production.materialRequests')}
                columns={[
                  { title: t('production.requestNumber'), dataIndex: 'number' },
                  { title: t('production.sku'), dataIndex: 'sku' },
                  { title: t('production.quantityRequested'), dataIndex: 'quantityRequested', align: 'right' },
                  { title: t('production.statusLabel'), dataIndex: 'status', render: (s: string) => <Tag>{MR_STATUSES.includes(s) ? t(`production.mr.${s}` as MessageKey) : s}</Tag> },
                ]}
              />
            )}
          </Card>
        </Space>
      )}
    </ProblemSlot>
  );
}

/** The process steps in order, with what may be done on each now; a step's checks and decisions unfold under it. */
function Steps({ order: o }: { order: ProductionOrder }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const may = (op: keyof typeof OPS) => session.may(OPS[op]);
  const running = o.status === 'released' || o.status === 'in_progress';
  const today = businessDate();
  // Steps run in order: the next to start is the first not completed, once it is pending.
  const next = o.steps.find((s) => s.status !== 'completed');
  return (
    <Table<ProductionStep>
      rowKey="stepNo" size="small" pagination={false} dataSource={o.steps}
      expandable={{ expandedRowRender: (s) => <StepRecord step={s} />, rowExpandable: (s) => s.checks.length > 0 || s.decisions.length > 0 }}
      columns={[
        { title: t('production.stepNo'), dataIndex: 'stepNo', width: 60 },
        { title: t('production.stepName'), dataIndex: 'name' },
        {
          title: t('production.statusLabel'), dataIndex: 'status',
          render: (s: ProductionStep['status'], step) => (
            <Space size={4}>
              <Tag color={STEP_COLOURS[s]} data-testid={`step-status-${step.stepNo}`}>{t(`production.step.${s}` as MessageKey)}</Tag>
              {s === 'in_progress' && step.passed && <Tag color="green" data-testid={`step-passed-${step.stepNo}`}>{t('production.step.passed')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('production.plannedFinish'), dataIndex: 'plannedFinish',
          render: (d: string, step) => (
            <Space size={4}>
              <span>{d}</span>
              {step.status !== 'completed' && running && d < today && <Tag color="red">{t('production.late')}</Tag>}
            </Space>
          ),
        },
        { title: t('production.started'), key: 'started', render: (_, s) => (s.startedAt ? <><Person id={s.startedBy} /> {formatDateTime(s.startedAt, locale)}</> : '—') },
        { title: t('production.completed'), key: 'completed', render: (_, s) => (s.completedAt ? <><Person id={s.completedBy} /> {formatDateTime(s.completedAt, locale)}</> : '—') },
        {
          title: t('common.actions'), key: 'actions',
          render: (_, s) => (
            <Space wrap>
              {running && s.status === 'pending' && next?.stepNo === s.stepNo && may('start') && (
                <ActionButton primary testId={`start-${s.stepNo}`} confirm={s.stepNo === 1 ? t('production.startFirstAsk') : undefined} run={() => production.start(o.id, s.stepNo)}>
                  {t('production.start')}
                </ActionButton>
              )}
              {s.status === 'in_progress' && may('check') && <SampleCheckDialog order={o} step={s} />}
              {s.status === 'stopped' && may('decide') && <DecisionDialog order={o} step={s} />}
              {s.status === 'stopped' && !may('decide') && <Typography.Text type="danger">{t('production.awaitingDecision')}</Typography.Text>}
              {s.status === 'in_progress' && s.passed && may('complete') && (
                <ActionButton primary testId={`complete-${s.stepNo}`} run={() => production.complete(o.id, s.stepNo)}>{t('production.complete')}</ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

/** A step's record: each sample check (what was found, by whom, how it compared with the reference) and each decision. */
function StepRecord({ step }: { step: ProductionStep }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`step-record-${step.stepNo}`}>
      {step.checks.length > 0 && (
        <Table
          rowKey="checkNo" size="small" pagination={false} dataSource={step.checks} title={() => t('production.checks')}
          columns={[
            { title: t('production.checkNo'), dataIndex: 'checkNo', width: 60 },
            {
              title: t('production.result'), key: 'result',
              render: (_, c) => (
                <Space size={4}>
                  <Tag color={c.counts === 'pass' ? 'green' : 'red'}>{t(`production.result.${c.counts}` as MessageKey)}</Tag>
                  {c.result !== c.counts && <Typography.Text type="secondary">({t('production.recordedAs')} {t(`production.result.${c.result}` as MessageKey)})</Typography.Text>}
                </Space>
              ),
            },
            { title: t('production.sampleSize'), dataIndex: 'sampleSize', align: 'right' },
            { title: t('production.defects'), key: 'defects', render: (_, c) => c.defects.map((d) => `${d.description} × ${d.quantity}`).join('；') || '—' },
            { title: t('production.referenceComparison'), dataIndex: 'referenceComparison', render: (r: ReferenceComparison | null) => (r ? t(`production.comparison.${r}` as MessageKey) : '—') },
            { title: t('production.inspector'), key: 'inspector', render: (_, c) => <><Person id={c.inspector} /> {formatDateTime(c.checkedAt, locale)}</> },
          ]}
        />
      )}
      {step.decisions.length > 0 && (
        <Table
          rowKey="decidedAt" size="small" pagination={false} dataSource={step.decisions} title={() => t('production.decisions')}
          columns={[
            { title: t('production.decision'), dataIndex: 'decision', render: (d: QualityDecision) => t(`production.decision.${d}` as MessageKey) },
            { title: t('production.note'), dataIndex: 'note' },
            { title: t('production.scrapped'), dataIndex: 'scrappedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
            { title: t('production.decidedBy'), key: 'by', render: (_, d) => <><Person id={d.decidedBy} /> {formatDateTime(d.decidedAt, locale)}</> },
          ]}
        />
      )}
    </Space>
  );
}

/** The factories purchasing buys from, for the release; empty for a role that may not list suppliers (they paste the id). */
function useFactories() {
  const session = useSession();
  const allowed = session.may('GET /api/v1/inventory/suppliers');
  const factories = useQuery({
    queryKey: ['suppliers', 'factories'],
    enabled: allowed,
    queryFn: () => answer(api.GET('/api/v1/inventory/suppliers', { params: { query: { kind: 'factory', active: 'true', pageSize: 200 } } })),
  });
  return { allowed, options: (factories.data?.items ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` })) };
}

type ReleaseForm = { route: components['schemas']['ReleaseProductionOrderBody']['route']; factorySupplierId?: string; agreedUnitPrice?: string };

/** Release in-house, or to a contract factory at the price agreed per unit (typed in yuan). */
function ReleaseDialog({ order }: { order: ProductionOrder }) {
  const { t } = useI18n();
  const factories = useFactories();
  const submit = (v: ReleaseForm) => production.release(order.id, v.route === 'outsourced'
    ? { route: 'outsourced', factorySupplierId: (v.factorySupplierId ?? '').trim(), agreedUnitPriceFen: yuanToFen(v.agreedUnitPrice ?? '') ?? -1 }
    : { route: 'in_house' });
  return (
    <FormDialog<ReleaseForm>
      trigger={t('production.release')} title={`${t('production.release')} ${order.number}`} testId="release"
      initialValues={{ route: 'in_house' }} rename={{ agreedUnitPriceFen: 'agreedUnitPrice' }} submit={submit}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('production.releaseHint')}</Typography.Paragraph>
          <Form.Item name="route" label={t('production.routeLabel')} rules={[{ required: true, message: t('common.required') }]}>
            <Radio.Group options={(['in_house', 'outsourced'] as const).map((r) => ({ value: r, label: t(`production.route.${r}`) }))} data-testid="release-route" />
          </Form.Item>
          <Form.Item noStyle dependencies={['route']}>
            {({ getFieldValue }) => getFieldValue('route') === 'outsourced' && (
              <Row gutter={8}>
                <Col span={14}>
                  <Form.Item name="factorySupplierId" label={t('production.factory')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                    {factories.allowed
                      ? <Select showSearch optionFilterProp="label" options={factories.options} data-testid="release-factory" />
                      : <Input placeholder={t('production.factoryId')} data-testid="release-factory" />}
                  </Form.Item>
                </Col>
                <Col span={10}>
                  <Form.Item
                    name="agreedUnitPrice" label={t('production.agreedPrice')}
                    rules={[{ required: true, whitespace: true, message: t('common.required') }, { validator: (_, v) => (!v || (yuanToFen(String(v)) ?? -1) >= 0 ? Promise.resolve() : Promise.reject(new Error(t('production.notAmount')))) }]}
                  >
                    <Input inputMode="decimal" data-testid="release-price" />
                  </Form.Item>
                </Col>
              </Row>
            )}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

type CheckForm = Pick<CheckBody, 'result' | 'sampleSize' | 'referenceComparison'> & { defects?: Array<{ description?: string; quantity?: number }> };

/** The inspector's sample check of a step: a fail (or a sample that differs from the reference) stops the step. */
function SampleCheckDialog({ order, step }: { order: ProductionOrder; step: ProductionStep }) {
  const { t } = useI18n();
  // A repeat of a customer's design is compared with its reference sample at every step.
  const repeat = !order.firstRun;
  const submit = (v: CheckForm) => production.check(order.id, step.stepNo, {
    result: v.result,
    sampleSize: v.sampleSize,
    defects: (v.defects ?? []).filter((d) => d?.description?.trim()).map((d) => ({ description: d.description!.trim(), quantity: d.quantity ?? 1 })),
    ...(v.referenceComparison ? { referenceComparison: v.referenceComparison } : {}),
  });
  return (
    <FormDialog<CheckForm>
      trigger={t('production.sampleCheck')} title={`${t('production.sampleCheck')} · ${step.stepNo} ${step.name}`} size="small" primary={false} width={640}
      testId={`check-${step.stepNo}`} initialValues={{ result: 'pass', sampleSize: 1, defects: [] }} submit={submit}
    >
      {() => (
        <>
          <Row gutter={8}>
            <Col span={12}>
              <Form.Item name="result" label={t('production.result')} rules={[{ required: true, message: t('common.required') }]}>
                <Radio.Group options={(['pass', 'fail'] as const).map((r) => ({ value: r, label: t(`production.result.${r}`) }))} data-testid="check-result" />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="sampleSize" label={t('production.sampleSize')} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={1} precision={0} style={{ width: '100%' }} data-testid="check-sample-size" />
              </Form.Item>
            </Col>
          </Row>
          {repeat && (
            <Form.Item name="referenceComparison" label={t('production.referenceComparison')} rules={[{ required: true, message: t('common.required') }]} extra={order.referenceSample ? `${order.referenceSample.sampleCode} · ${order.referenceSample.location}` : undefined}>
              <Radio.Group options={(['matches', 'differs'] as const).map((r) => ({ value: r, label: t(`production.comparison.${r}`) }))} data-testid="check-comparison" />
            </Form.Item>
          )}
          <Typography.Text strong>{t('production.defects')}</Typography.Text>
          <Form.List name="defects">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key}>
                    <Col span={16}>
                      <Form.Item name={[f.name, 'description']} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
                        <Input maxLength={200} aria-label={`${t('production.defect')} ${i + 1}`} placeholder={t('production.defect')} data-testid={`defect-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[f.name, 'quantity']} initialValue={1}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} aria-label={`${t('production.defectQuantity')} ${i + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}><Button type="text" aria-label={t('production.removeDefect')} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} /></Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ description: '', quantity: 1 })} style={{ marginBottom: 12, display: 'block' }} data-testid="add-defect">{t('production.addDefect')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

type DecisionForm = { decision: QualityDecision; note: string; scrappedQuantity?: number };

/** The quality manager's decision on a stopped step: rework or scrap (a new passing check is then needed), or a concession. */
function DecisionDialog({ order, step }: { order: ProductionOrder; step: ProductionStep }) {
  const { t } = useI18n();
  const submit = (v: DecisionForm) => production.decide(order.id, step.stepNo, {
    decision: v.decision, note: v.note.trim(), ...(v.decision === 'scrap' && v.scrappedQuantity !== undefined && v.scrappedQuantity !== null ? { scrappedQuantity: v.scrappedQuantity } : {}),
  });
  return (
    <FormDialog<DecisionForm>
      trigger={t('production.decide')} title={`${t('production.decide')} · ${step.stepNo} ${step.name}`} size="small" testId={`decide-${step.stepNo}`}
      initialValues={{ decision: 'rework' }} submit={submit}
    >
      {() => (
        <>
          <Form.Item name="decision" label={t('production.decision')} rules={[{ required: true, message: t('common.required') }]}>
            <Radio.Group options={QUALITY_DECISIONS.map((d) => ({ value: d, label: t(`production.decision.${d}`) }))} data-testid="decision" />
          </Form.Item>
          <Form.Item noStyle dependencies={['decision']}>
            {({ getFieldValue }) => (
              <>
                <Typography.Paragraph type="secondary">{t(`production.decisionHint.${(getFieldValue('decision') ?? 'rework') as QualityDecision}`)}</Typography.Paragraph>
                {getFieldValue('decision') === 'scrap' && (
                  <Form.Item name="scrappedQuantity" label={t('production.scrapped')}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="decision-scrapped" />
                  </Form.Item>
                )}
              </>
            )}
          </Form.Item>
          <Form.Item name="note" label={t('production.note')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} maxLength={500} data-testid="decision-note" />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** The reference sample of a customer's design, kept from its first run: later runs are compared with it. */
function ReferenceSampleDialog({ order }: { order: ProductionOrder }) {
  const { t } = useI18n();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<{ sampleCode: string; location: string; note?: string }>
      trigger={t('production.registerReference')} title={`${t('production.registerReference')} ${order.number}`} primary={false} testId="reference-sample-register"
      submit={(v) => production.referenceSample(order.id, { sampleCode: v.sampleCode.trim(), location: v.location.trim(), ...(v.note?.trim() ? { note: v.note.trim() } : {}) })}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('production.referenceHint')}</Typography.Paragraph>
          <Form.Item name="sampleCode" label={t('production.sampleCode')} rules={required}><Input maxLength={64} data-testid="reference-code" /></Form.Item>
          <Form.Item name="location" label={t('production.sampleLocation')} rules={required}><Input maxLength={100} data-testid="reference-location" /></Form.Item>
          <Form.Item name="note" label={t('production.note')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** The warehouse receives the finished goods of a done order (an outsourced one becomes the factory's goods receipt and payable). */
function ReceiveDialog({ order }: { order: ProductionOrder }) {
  const { t } = useI18n();
  const warehouses = useWarehouseOptions();
  return (
    <FormDialog<{ warehouseCode?: string; location?: string }>
      trigger={t('production.receive')} title={`${t('production.receive')} ${order.number}`} testId="receive"
      initialValues={{ warehouseCode: 'MAIN', location: 'STOCK' }}
      submit={(v) => production.receive(order.id, { ...(v.warehouseCode?.trim() ? { warehouseCode: v.warehouseCode.trim() } : {}), ...(v.location?.trim() ? { location: v.location.trim() } : {}) })}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t(order.route === 'outsourced' ? 'production.receiveOutsourcedHint' : 'production.receiveHint')}</Typography.Paragraph>
          <Form.Item name="warehouseCode" label={t('production.warehouse')}>
            {warehouses.options.length > 0 ? <Select options={warehouses.options} data-testid="receive-warehouse" /> : <Input maxLength={32} data-testid="receive-warehouse" />}
          </Form.Item>
          <Form.Item name="location" label={t('production.location')}><Input maxLength={32} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

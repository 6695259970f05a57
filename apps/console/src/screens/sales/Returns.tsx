import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { orderIdOf } from '../kit/orders';
import { useSkus } from '../kit/skus';
import { label } from '../labels';
import { Person, useYuanRule } from './common';

type Return = components['schemas']['ReturnView'];
type Status = Return['status'];
const STATUSES: Status[] = ['requested', 'manager_approved', 'vp_approved', 'approved', 'goods_received', 'investigated', 'closed', 'rejected', 'cancelled'];
const REASONS = ['quality_problem', 'wrong_goods', 'transport_damage', 'other'] as const;
const STATUS_COLOR: Record<string, string> = {
  requested: 'orange', manager_approved: 'gold', vp_approved: 'gold', approved: 'blue', goods_received: 'cyan', investigated: 'geekblue', closed: 'green', rejected: 'red', cancelled: 'default',
};
/** The sales approval ladder: a higher role may decide a lower step. */
const LADDER = ['sales_manager', 'sales_vp', 'general_manager'];
const reaches = (roles: readonly string[], level: string) => roles.some((r) => LADDER.includes(r) && LADDER.indexOf(r) >= LADDER.indexOf(level));

/**
 * Returns (RMA) of shipped goods: requested from an order by the sales desk, approved step by step (sales manager,
 * sales VP, and the general manager for goods that are not faulty), received by the warehouse, investigated here;
 * finance then credits the accepted goods and the return closes once the money is settled.
 */
export function Returns() {
  const { t, locale } = useI18n();
  const session = useSession();
  const rma = (code: string) => label(`rma.${code}`, locale);
  const mayApprove = session.may('POST /api/v1/sales/returns/{id}/approve');
  const mayReject = session.may('POST /api/v1/sales/returns/{id}/reject');
  const mayCancel = session.may('POST /api/v1/sales/returns/{id}/cancel');
  const mayInvestigate = session.may('POST /api/v1/sales/returns/{id}/investigation');
  return (
    <DataList<Return>
      title="nav.returns"
      queryKey="returns"
      csvPath="/api/v1/sales/returns"
      read={(query) => answer(api.GET('/api/v1/sales/returns', { params: { query: query as never } }))}
      filters={[{ name: 'status', label: 'orders.filterStatus', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: rma(s) })) }]}
      toolbar={session.may('POST /api/v1/sales/returns') && <RequestReturnDialog />}
      expandable={{ expandedRowRender: (r) => <ReturnDetails rma={r} /> }}
      columns={[
        { title: t('returns.number'), dataIndex: 'number' },
        { title: t('returns.order'), dataIndex: 'orderNumber' },
        { title: t('returns.customer'), dataIndex: 'customerName' },
        { title: t('orders.status'), dataIndex: 'status', render: (s: Status) => <Tag color={STATUS_COLOR[s]}>{rma(s)}</Tag> },
        { title: t('returns.reason'), key: 'reason', render: (_, r) => <Space orientation="vertical" size={0}><span>{rma(r.reason)}</span><Typography.Text type="secondary">{t(r.faulty ? 'returns.faultyYes' : 'returns.faultyNo')}</Typography.Text></Space> },
        { title: t('returns.units'), key: 'units', align: 'right', render: (_, r) => r.lines.reduce((sum, l) => sum + l.quantity, 0) },
        { title: t('returns.pendingLevel'), dataIndex: 'pendingLevel', render: (level: string | null) => (level ? label(level, locale) : '—') },
        { title: t('returns.credit'), key: 'credit', align: 'right', render: (_, r) => (r.investigation ? formatFen(r.investigation.creditFen) : '—') },
        {
          title: t('returns.requestedBy'), key: 'requested',
          render: (_, r) => <Space orientation="vertical" size={0}><Person id={r.requestedBy} /><Typography.Text type="secondary">{formatDateTime(r.requestedAt, locale)}</Typography.Text></Space>,
        },
        {
          title: t('common.actions'), key: 'actions', fixed: 'right',
          render: (_, r) => (
            <Space wrap>
              {mayApprove && r.pendingLevel && reaches(session.roles, r.pendingLevel) && (
                <ActionButton primary confirm={`${t('approval.approve')} ${r.number}?`} testId={`approve-${r.number}`}
                  run={() => answer(api.POST('/api/v1/sales/returns/{id}/approve', { params: { path: { id: r.id } } }))}>
                  {t('approval.approve')}
                </ActionButton>
              )}
              {mayReject && r.pendingLevel && reaches(session.roles, r.pendingLevel) && (
                <ActionButton danger reason={t('approval.reason')} testId={`reject-${r.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/returns/{id}/reject', { params: { path: { id: r.id } }, body: { reason } }))}>
                  {t('approval.reject')}
                </ActionButton>
              )}
              {mayCancel && r.pendingLevel && r.requestedBy === session.userId && (
                <ActionButton reason={t('returns.cancelReason')} testId={`cancel-${r.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/returns/{id}/cancel', { params: { path: { id: r.id } }, body: { reason } }))}>
                  {t('returns.cancel')}
                </ActionButton>
              )}
              {mayInvestigate && r.status === 'goods_received' && <InvestigationDialog rma={r} />}
            </Space>
          ),
        },
      ]}
    />
  );
}

function ReturnDetails({ rma: r }: { rma: Return }) {
  const { t, locale } = useI18n();
  const skuName = useSkus().nameOf;
  return (
    <Space orientation="vertical">
      <Table
        rowKey="lineNo" size="small" pagination={false} dataSource={r.lines}
        columns={[
          { title: t('order.sku'), dataIndex: 'sku', render: (sku: string) => `${sku} ${skuName(sku) ?? ''}` },
          { title: t('returns.quantity'), dataIndex: 'quantity', align: 'right' },
          { title: t('returns.shipped'), dataIndex: 'shippedQuantity', align: 'right' },
          { title: t('returns.previouslyReturned'), dataIndex: 'previouslyReturnedQuantity', align: 'right' },
          { title: t('returns.unitPrice'), dataIndex: 'unitPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
          { title: t('returns.received'), dataIndex: 'receivedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
          { title: t('returns.accepted'), dataIndex: 'acceptedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
          { title: t('returns.rejected'), dataIndex: 'rejectedQuantity', align: 'right', render: (q: number | null) => q ?? '—' },
        ]}
      />
      {r.note && <Typography.Text>{t('returns.note')}: {r.note}</Typography.Text>}
      {r.approvals.length > 0 && (
        <Typography.Text>
          {t('returns.approvals')}: {r.approvals.map((a) => <span key={a.level}>{label(a.level, locale)} <Person id={a.by} /> ({formatDateTime(a.at, locale)}) </span>)}
        </Typography.Text>
      )}
      {r.decisionNote && <Typography.Text type="danger">{r.decisionNote}</Typography.Text>}
      {r.investigation && (
        <Typography.Text>
          {t('returns.findings')}: {r.investigation.findings} · {t('returns.credit')} {formatFen(r.investigation.creditFen)} · {t('returns.claimYuan')} {formatFen(r.investigation.claimFen)}
        </Typography.Text>
      )}
      {r.creditNoteNumber && <Typography.Text>{t('returns.creditNote')}: {r.creditNoteNumber} · {t('returns.refund')} {formatFen(r.refundFen ?? 0)}</Typography.Text>}
    </Space>
  );
}

type RequestForm = { order: string; reason: (typeof REASONS)[number]; faulty: boolean; note?: string; lines: Array<{ sku?: string; quantity?: number }> };

/** Asks to take goods of a shipped order back; the API checks what is left to return, line by line. */
function RequestReturnDialog() {
  const { t, locale } = useI18n();
  const idempotency = useIdempotencyKey();
  const skus = useSkus();
  const required = [{ required: true, message: t('common.required') }];
  const submit = async (values: RequestForm) => {
    const orderId = (await orderIdOf(values.order)) ?? values.order.trim();
    await answer(api.POST('/api/v1/sales/returns', {
      body: {
        orderId, reason: values.reason, faulty: !!values.faulty, ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        lines: (values.lines ?? []).map((l) => ({ sku: l.sku ?? '', quantity: l.quantity ?? 0 })),
      },
      headers: idempotency.headers(),
    }));
    idempotency.renew();
  };
  return (
    <FormDialog<RequestForm>
      trigger={t('returns.request')} title={t('returns.request')} width={760} submit={submit} rename={{ orderId: 'order' }}
      initialValues={{ reason: 'quality_problem', faulty: true, lines: [{ quantity: 1 }] }} testId="request-return"
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('returns.requestHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={10}>
              <Form.Item name="order" label={t('returns.order')} rules={[{ required: true, whitespace: true, message: t('common.required') }]} extra={t('returns.orderHint')}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="reason" label={t('returns.reason')} rules={required}>
                <Select options={REASONS.map((r) => ({ value: r, label: label(`rma.${r}`, locale) }))} />
              </Form.Item>
            </Col>
            <Col span={6}>
              <Form.Item name="faulty" valuePropName="checked" label=" ">
                <Checkbox>{t('returns.faulty')}</Checkbox>
              </Form.Item>
            </Col>
          </Row>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col span={14}>
                      <Form.Item name={[field.name, 'sku']} label={t('order.sku')} rules={required}>
                        {skus.options.length ? <Select showSearch={{ optionFilterProp: 'label' }} loading={skus.loading} options={skus.options} /> : <Input />}
                      </Form.Item>
                    </Col>
                    <Col span={6}>
                      <Form.Item name={[field.name, 'quantity']} label={t('returns.quantity')} rules={required}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      {fields.length > 1 && (
                        <Form.Item label=" ">
                          <Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('returns.removeLine')} />
                        </Form.Item>
                      )}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>{t('returns.addLine')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="note" label={t('returns.note')} style={{ marginTop: 16 }}>
            <Input.TextArea rows={2} maxLength={1000} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

type InvestigationForm = { findings: string; claim: string };

/** The sales manager's findings and the claim on a carrier or supplier; finance then credits the accepted goods. */
function InvestigationDialog({ rma: r }: { rma: Return }) {
  const { t } = useI18n();
  const yuan = useYuanRule();
  const submit = (values: InvestigationForm) =>
    answer(api.POST('/api/v1/sales/returns/{id}/investigation', { params: { path: { id: r.id } }, body: { findings: values.findings.trim(), claimFen: yuanToFen(values.claim || '0') ?? -1 } }));
  return (
    <FormDialog<InvestigationForm>
      trigger={t('returns.investigate')} title={`${t('returns.investigate')} ${r.number}`} submit={submit} rename={{ claimFen: 'claim' }}
      initialValues={{ claim: '0' }} size="small" testId={`investigate-${r.number}`}
    >
      {() => (
        <>
          <Form.Item name="findings" label={t('returns.findings')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="claim" label={t('returns.claimYuan')} rules={[yuan]} extra={t('returns.claimHint')}>
            <Input />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

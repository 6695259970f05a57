import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Col, Form, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { useSkus } from '../kit/skus';
import { DateText, Person, useYuanRule } from './common';

type PriceHold = components['schemas']['PriceHoldView'];
type RecordPriceHold = components['schemas']['RecordPriceHoldRequest'];
/** The form holds amounts as typed, in yuan; the API takes fen. */
export type PriceHoldForm = Omit<RecordPriceHold, 'lines' | 'depositFen'> & { deposit: string; lines: Array<{ sku: string; agreedPrice: string }> };

const STATUSES = ['active', 'expired', 'used', 'cancelled'] as const;
const STATUS_COLOR: Record<string, string> = { active: 'green', expired: 'orange', used: 'blue', cancelled: 'default' };
const MAX_LINES = 200;
const RENAME: Record<string, string> = {
  depositFen: 'deposit',
  ...Object.fromEntries(Array.from({ length: MAX_LINES }, (_, i) => [`lines[${i}].agreedUnitPriceFen`, `lines[${i}].agreedPrice`])),
};

export function toPriceHoldBody({ deposit, lines, ...rest }: PriceHoldForm): RecordPriceHold {
  return { ...rest, depositFen: yuanToFen(deposit)!, lines: lines.map((l) => ({ sku: l.sku, agreedUnitPriceFen: yuanToFen(l.agreedPrice)! })) };
}

/** Price holds (定金锁价): a deposit holds the agreed prices until a date; a manager may re-approve them to a later one. */
export function PriceHolds() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayReapprove = session.may('POST /api/v1/sales/price-holds/{id}/reapprove');
  const mayCancel = session.may('POST /api/v1/sales/price-holds/{id}/cancel');
  return (
    <DataList<PriceHold>
      title="nav.priceHolds"
      queryKey="price-holds"
      csvPath="/api/v1/sales/price-holds"
      read={(query) => answer(api.GET('/api/v1/sales/price-holds', { params: { query: query as never } }))}
      filters={[{ name: 'status', label: 'hold.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(`hold.status.${s}` as MessageKey) })) }]}
      toolbar={session.may('POST /api/v1/sales/price-holds') && <RecordPriceHoldDialog />}
      expandable={{ expandedRowRender: (h) => <HoldDetails hold={h} />, columnTitle: t('common.details') }}
      columns={[
        { title: t('hold.number'), dataIndex: 'number' },
        { title: t('hold.customer'), dataIndex: 'customerName' },
        { title: t('hold.holdUntil'), dataIndex: 'holdUntil' },
        { title: t('hold.deposit'), dataIndex: 'depositFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('hold.depositReference'), dataIndex: 'depositReference' },
        { title: t('hold.status'), dataIndex: 'status', render: (s: string, h) => <Tag color={STATUS_COLOR[s]} data-testid={`status-${h.number}`}>{t(`hold.status.${s}` as MessageKey)}</Tag> },
        { title: t('hold.usedBy'), key: 'used', render: (_, h) => (h.usedByOrderNumber ? <>{h.usedByOrderNumber} · {formatDateTime(h.usedAt, locale)}</> : '—') },
        { title: t('promo.createdBy'), key: 'created', render: (_, h) => <Person id={h.createdBy} /> },
        ...(mayReapprove || mayCancel ? [{
          title: t('common.actions'), key: 'actions', fixed: 'right' as const,
          render: (_: unknown, h: PriceHold) => (h.status === 'active' || h.status === 'expired') && (
            <Space>
              {mayReapprove && <ReapproveDialog hold={h} />}
              {mayCancel && (
                <ActionButton danger reason={t('hold.cancel')} testId={`cancel-${h.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/price-holds/{id}/cancel', { params: { path: { id: h.id } }, body: { reason } }))}>
                  {t('hold.cancel')}
                </ActionButton>
              )}
            </Space>
          ),
        }] : []),
      ]}
    />
  );
}

function HoldDetails({ hold }: { hold: PriceHold }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Table
        size="small" rowKey="sku" dataSource={hold.lines} pagination={false} style={{ maxWidth: 640 }}
        columns={[
          { title: t('order.sku'), dataIndex: 'sku' },
          { title: t('hold.agreedPrice'), dataIndex: 'agreedUnitPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
          { title: t('promo.listPrice'), dataIndex: 'listPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        ]}
      />
      {hold.reapprovals.length > 0 && (
        <>
          <Typography.Text strong>{t('hold.reapprovals')}</Typography.Text>
          {hold.reapprovals.map((r) => (
            <Typography.Text key={r.at} data-testid="reapproval">
              <Person id={r.by} /> · {formatDateTime(r.at, locale)} · {r.previousHoldUntil} → {r.holdUntil} · {r.reason}
            </Typography.Text>
          ))}
        </>
      )}
    </Space>
  );
}

function ReapproveDialog({ hold }: { hold: PriceHold }) {
  const { t } = useI18n();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<{ holdUntil: string; reason: string }>
      trigger={t('hold.reapprove')} title={`${t('hold.reapprove')} ${hold.number}`} size="small" testId={`reapprove-${hold.number}`}
      initialValues={{ holdUntil: businessDate() }}
      submit={(body) => answer(api.POST('/api/v1/sales/price-holds/{id}/reapprove', { params: { path: { id: hold.id } }, body }))}
    >
      {() => (
        <>
          <Form.Item name="holdUntil" label={t('hold.holdUntil')} rules={required}><DateText /></Form.Item>
          <Form.Item name="reason" label={t('hold.reapproveReason')} rules={required}><Input.TextArea rows={2} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** A customer's agreed prices, held by a deposit until the agreed date. */
export function RecordPriceHoldDialog() {
  const { t } = useI18n();
  const key = useIdempotencyKey();
  const yuan = useYuanRule();
  const skus = useSkus();
  const customers = useQuery({ queryKey: ['customers'], queryFn: () => answer(api.GET('/api/v1/sales/customers', { params: { query: { pageSize: 100 } } })) });
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<PriceHoldForm>
      trigger={t('hold.record')} title={t('hold.record')} width={760} testId="record-price-hold" rename={RENAME}
      initialValues={{ holdUntil: businessDate(), lines: [{ sku: '', agreedPrice: '' }] }}
      submit={async (values) => {
        await answer(api.POST('/api/v1/sales/price-holds', { body: toPriceHoldBody(values), headers: key.headers() }));
        key.renew();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('hold.recordHint')}</Typography.Paragraph>
          <Form.Item name="customerId" label={t('hold.customer')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch={{ optionFilterProp: 'label' }} loading={customers.isLoading} options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}><Form.Item name="holdUntil" label={t('hold.holdUntil')} rules={required}><DateText /></Form.Item></Col>
            <Col span={8}><Form.Item name="deposit" label={t('hold.deposit')} rules={[...required, yuan]}><Input placeholder="5000.00" /></Form.Item></Col>
            <Col span={8}><Form.Item name="depositReference" label={t('hold.depositReference')} rules={required}><Input placeholder="RC-2026-000123" /></Form.Item></Col>
          </Row>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col span={12}>
                      <Form.Item name={[field.name, 'sku']} label={`${t('order.sku')} ${index + 1}`} rules={required}>
                        {skus.allowed ? <Select showSearch={{ optionFilterProp: 'label' }} loading={skus.loading} options={skus.options} /> : <Input placeholder="SKU-TEA-001" />}
                      </Form.Item>
                    </Col>
                    <Col span={8}>
                      <Form.Item name={[field.name, 'agreedPrice']} label={t('hold.agreedPrice')} rules={[...required, yuan]}><Input placeholder="128.00" /></Form.Item>
                    </Col>
                    <Col span={4} style={{ paddingTop: 30 }}>
                      {fields.length > 1 && <Button type="text" aria-label="remove line" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />}
                    </Col>
                  </Row>
                ))}
                {fields.length < MAX_LINES && <Button icon={<PlusOutlined />} onClick={() => add({ sku: '', agreedPrice: '' })}>{t('newOrder.addLine')}</Button>}
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { label } from '../labels';
import { DateText, Person, useYuanRule } from './common';
import { useSkus } from '../kit/skus';
import { useIdempotencyKey } from '../kit/idempotency';

type PriceList = components['schemas']['PriceListView'];
type CreatePriceList = components['schemas']['CreatePriceListRequest'];
/** The form holds prices as typed, in yuan; the API takes fen. */
export type PriceListForm = Omit<CreatePriceList, 'lines'> & { lines: Array<{ sku: string; listPrice: string; floorPrice: string }> };

const MAX_LINES = 200;
/** The API names a line's price in fen (lines[2].listPriceFen); the form's field is the yuan one (lines[2].listPrice). */
const RENAME: Record<string, string> = Object.fromEntries(
  Array.from({ length: MAX_LINES }, (_, i) => [[`lines[${i}].listPriceFen`, `lines[${i}].listPrice`], [`lines[${i}].floorPriceFen`, `lines[${i}].floorPrice`]]).flat(),
);

export function toPriceListBody({ lines, validTo, ...rest }: PriceListForm): CreatePriceList {
  return {
    ...rest,
    ...(validTo ? { validTo } : {}),
    lines: lines.map((l) => ({ sku: l.sku, listPriceFen: yuanToFen(l.listPrice)!, floorPriceFen: yuanToFen(l.floorPrice)! })),
  };
}

/** Price lists: drafts and approved ones with their lines; draft a new one; approve a draft. */
export function PriceLists() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayApprove = session.may('POST /api/v1/sales/price-lists/{id}/approve');
  return (
    <DataList<PriceList>
      title="nav.priceLists"
      queryKey="price-lists"
      csvPath="/api/v1/sales/price-lists"
      read={(query) => answer(api.GET('/api/v1/sales/price-lists', { params: { query: query as never } }))}
      filters={[
        { name: 'status', label: 'orders.filterStatus', kind: 'select', options: (['draft', 'approved'] as const).map((s) => ({ value: s, label: label(s, locale) })) },
        { name: 'sku', label: 'order.sku', kind: 'text' },
        { name: 'validOn', label: 'sales.price.validOn', kind: 'date' },
      ]}
      toolbar={session.may('POST /api/v1/sales/price-lists') && <CreatePriceListDialog />}
      expandable={{ expandedRowRender: (p) => <PriceLines list={p} />, columnTitle: t('common.details') }}
      columns={[
        { title: t('sales.price.number'), dataIndex: 'number' },
        { title: t('sales.price.name'), dataIndex: 'name' },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'approved' ? 'green' : 'orange'}>{label(s, locale)}</Tag> },
        { title: t('sales.price.validFrom'), dataIndex: 'validFrom' },
        { title: t('sales.price.validTo'), dataIndex: 'validTo', render: (d: string | null) => d ?? t('sales.price.openEnded') },
        { title: t('sales.price.lineCount'), key: 'lines', align: 'right', render: (_, p) => p.lines.length },
        { title: t('sales.price.createdBy'), key: 'created', render: (_, p) => <><Person id={p.createdBy} /> · {formatDateTime(p.createdAt, locale)}</> },
        { title: t('sales.price.approvedBy'), key: 'approved', render: (_, p) => (p.approvedBy ? <><Person id={p.approvedBy} /> · {formatDateTime(p.approvedAt, locale)}</> : '—') },
        ...(mayApprove ? [{
          title: t('common.actions'), key: 'actions', fixed: 'right' as const,
          render: (_: unknown, p: PriceList) => p.status === 'draft' && (
            <ActionButton primary confirm={t('sales.price.approveConfirm')} testId={`approve-${p.number}`}
              run={() => answer(api.POST('/api/v1/sales/price-lists/{id}/approve', { params: { path: { id: p.id } } }))}>
              {t('approval.approve')}
            </ActionButton>
          ),
        }] : []),
      ]}
    />
  );
}

function PriceLines({ list }: { list: PriceList }) {
  const { t } = useI18n();
  return (
    <Table
      size="small"
      rowKey="sku"
      dataSource={list.lines}
      pagination={false}
      style={{ maxWidth: 640 }}
      columns={[
        { title: t('order.sku'), dataIndex: 'sku' },
        { title: t('newOrder.listPrice'), dataIndex: 'listPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('sales.price.floor'), dataIndex: 'floorPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        {
          title: t('sales.price.maxDiscount'), key: 'discount', align: 'right',
          render: (_, l) => (l.listPriceFen > 0 ? `${(((l.listPriceFen - l.floorPriceFen) * 100) / l.listPriceFen).toFixed(1)}%` : '—'),
        },
      ]}
    />
  );
}

/** A draft price list with its lines; it prices nothing until someone else approves it. */
export function CreatePriceListDialog() {
  const { t } = useI18n();
  const key = useIdempotencyKey();
  const yuan = useYuanRule();
  const skus = useSkus();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<PriceListForm>
      trigger={t('sales.price.create')}
      title={t('sales.price.create')}
      width={820}
      testId="create-price-list"
      rename={RENAME}
      initialValues={{ validFrom: businessDate(), lines: [{ sku: '', listPrice: '', floorPrice: '' }] }}
      submit={async (values) => {
        await answer(api.POST('/api/v1/sales/price-lists', { body: toPriceListBody(values), headers: key.headers() }));
        key.renew();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('sales.price.createHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="name" label={t('sales.price.name')} rules={required}><Input /></Form.Item></Col>
            <Col span={6}><Form.Item name="validFrom" label={t('sales.price.validFrom')} rules={[{ required: true, message: t('common.required') }]}><DateText /></Form.Item></Col>
            <Col span={6}><Form.Item name="validTo" label={t('sales.price.validTo')} tooltip={t('sales.price.validToHint')}><DateText /></Form.Item></Col>
          </Row>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col span={10}>
                      <Form.Item name={[field.name, 'sku']} label={`${t('order.sku')} ${index + 1}`} rules={required}>
                        {skus.allowed
                          ? <Select showSearch={{ optionFilterProp: 'label' }} loading={skus.loading} options={skus.options} />
                          : <Input placeholder="SKU-TEA-001" />}
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'listPrice']} label={t('sales.price.listYuan')} rules={[...required, yuan]}>
                        <Input placeholder="128.00" />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[field.name, 'floorPrice']} label={t('sales.price.floorYuan')} rules={[...required, yuan]}>
                        <Input placeholder="115.00" />
                      </Form.Item>
                    </Col>
                    <Col span={4} style={{ paddingTop: 30 }}>
                      {fields.length > 1 && <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)}>{t('sales.price.removeLine')}</Button>}
                    </Col>
                  </Row>
                ))}
                {fields.length < MAX_LINES && (
                  <Button icon={<PlusOutlined />} onClick={() => add({ sku: '', listPrice: '', floorPrice: '' })}>{t('newOrder.addLine')}</Button>
                )}
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

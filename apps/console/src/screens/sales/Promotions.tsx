import { Col, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { businessDate, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { useSkus } from '../kit/skus';
import { DateText, Person, useYuanRule } from './common';

type Promotion = components['schemas']['PromotionView'];
type CreatePromotion = components['schemas']['CreatePromotionRequest'];
/** The form holds a promotional price as typed, in yuan; the API takes fen. */
export type PromotionForm = Omit<CreatePromotion, 'promoPriceFen'> & { promoPrice?: string };

const STATUSES = ['draft', 'approved', 'rejected', 'ended', 'cancelled'] as const;
const STATUS_COLOR: Record<string, string> = { draft: 'orange', approved: 'green', rejected: 'red', ended: 'default', cancelled: 'default' };

export function toPromotionBody({ promoPrice, percentOff, ...rest }: PromotionForm): CreatePromotion {
  return rest.kind === 'price' ? { ...rest, promoPriceFen: promoPrice ? (yuanToFen(promoPrice) ?? undefined) : undefined } : { ...rest, percentOff };
}

/** What a promotion offers, in words: "¥118.00" or "10% off". */
function Offer({ p }: { p: Promotion }) {
  const { t } = useI18n();
  return <>{p.kind === 'price' ? formatFen(p.promoPriceFen) : `${p.percentOff}%`} · {t(`promo.kind.${p.kind}` as MessageKey)}</>;
}

/** Promotions (sales/promotions): drafts, approval within the discount authority, the window, stopping one early. */
export function Promotions() {
  const { t } = useI18n();
  const session = useSession();
  const mayApprove = session.may('POST /api/v1/sales/promotions/{id}/approve');
  const mayEnd = session.may('POST /api/v1/sales/promotions/{id}/end');
  return (
    <DataList<Promotion>
      title="nav.promotions"
      queryKey="promotions"
      csvPath="/api/v1/sales/promotions"
      read={(query) => answer(api.GET('/api/v1/sales/promotions', { params: { query: query as never } }))}
      filters={[
        { name: 'status', label: 'promo.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(`promo.status.${s}` as MessageKey) })) },
        { name: 'sku', label: 'order.sku', kind: 'text' },
        { name: 'on', label: 'promo.window', kind: 'date' },
      ]}
      toolbar={session.may('POST /api/v1/sales/promotions') && <CreatePromotionDialog />}
      expandable={{ expandedRowRender: (p) => <PromotionLines p={p} />, columnTitle: t('common.details') }}
      columns={[
        { title: t('promo.code'), dataIndex: 'code' },
        { title: t('promo.name'), dataIndex: 'name' },
        { title: t('promo.terms'), key: 'offer', render: (_, p) => <span data-testid={`offer-${p.code}`}><Offer p={p} /></span> },
        { title: t('promo.window'), key: 'window', render: (_, p) => `${p.startsOn} ~ ${p.endsOn}` },
        { title: t('promo.skus'), key: 'skus', render: (_, p) => p.skus.join(', ') },
        { title: t('promo.requiredLevel'), dataIndex: 'requiredLevel', render: (l: string) => t(`promo.level.${l}` as MessageKey) },
        {
          title: t('promo.status'), key: 'status',
          render: (_, p) => (
            <Space size={4}>
              <Tag color={STATUS_COLOR[p.status]} data-testid={`status-${p.code}`}>{t(`promo.status.${p.status}` as MessageKey)}</Tag>
              {p.inForce && <Tag color="blue">{t('promo.inForce')}</Tag>}
            </Space>
          ),
        },
        { title: t('promo.createdBy'), key: 'created', render: (_, p) => <Person id={p.createdBy} /> },
        { title: t('promo.decidedBy'), key: 'decided', render: (_, p) => (p.decidedBy ? <Person id={p.decidedBy} /> : '—') },
        ...(mayApprove || mayEnd ? [{
          title: t('common.actions'), key: 'actions', fixed: 'right' as const,
          render: (_: unknown, p: Promotion) => (
            <Space>
              {mayApprove && p.status === 'draft' && (
                <>
                  <ActionButton primary confirm={t('promo.approveConfirm')} testId={`approve-${p.code}`}
                    run={() => answer(api.POST('/api/v1/sales/promotions/{id}/approve', { params: { path: { id: p.id } }, body: {} }))}>
                    {t('approval.approve')}
                  </ActionButton>
                  <ActionButton danger reason={t('promo.reject')} testId={`reject-${p.code}`}
                    run={(reason) => answer(api.POST('/api/v1/sales/promotions/{id}/reject', { params: { path: { id: p.id } }, body: { reason } }))}>
                    {t('promo.reject')}
                  </ActionButton>
                </>
              )}
              {mayEnd && p.status === 'approved' && (
                <ActionButton danger reason={t('promo.endReason')} testId={`end-${p.code}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/promotions/{id}/end', { params: { path: { id: p.id } }, body: { reason } }))}>
                  {t('promo.end')}
                </ActionButton>
              )}
            </Space>
          ),
        }] : []),
      ]}
    />
  );
}

function PromotionLines({ p }: { p: Promotion }) {
  const { t } = useI18n();
  return (
    <Table
      size="small" rowKey="sku" dataSource={p.lines} pagination={false} style={{ maxWidth: 720 }}
      columns={[
        { title: t('order.sku'), dataIndex: 'sku' },
        { title: t('promo.listPrice'), dataIndex: 'listPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('promo.floorPrice'), dataIndex: 'floorPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('promo.promoPriceCol'), dataIndex: 'promoPriceFen', align: 'right', render: (fen: number) => formatFen(fen) },
        { title: t('promo.requiredLevel'), dataIndex: 'level', render: (l: string) => t(`promo.level.${l}` as MessageKey) },
      ]}
    />
  );
}

/** A draft promotion on listed SKUs; someone within the discount authority (not its creator) approves it. */
export function CreatePromotionDialog() {
  const { t } = useI18n();
  const key = useIdempotencyKey();
  const yuan = useYuanRule();
  const skus = useSkus();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormDialog<PromotionForm>
      trigger={t('promo.create')}
      title={t('promo.create')}
      width={720}
      testId="create-promotion"
      rename={{ promoPriceFen: 'promoPrice' }}
      initialValues={{ kind: 'percent', startsOn: businessDate(), endsOn: businessDate(), skus: [] }}
      submit={async (values) => {
        await answer(api.POST('/api/v1/sales/promotions', { body: toPromotionBody(values), headers: key.headers() }));
        key.renew();
      }}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('promo.createHint')}</Typography.Paragraph>
          <Form.Item name="name" label={t('promo.name')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}><Input /></Form.Item>
          <Form.Item name="kind" label={t('promo.kind')} rules={required}>
            <Radio.Group options={(['percent', 'price'] as const).map((k) => ({ value: k, label: t(`promo.kind.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
            {() => (form.getFieldValue('kind') === 'price'
              ? <Form.Item name="promoPrice" label={t('promo.promoPrice')} rules={[...required, yuan]}><Input placeholder="118.00" /></Form.Item>
              : <Form.Item name="percentOff" label={t('promo.percentOff')} rules={required}><InputNumber min={0.01} max={99.99} step={0.5} addonAfter="%" /></Form.Item>)}
          </Form.Item>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="startsOn" label={t('promo.startsOn')} rules={required}><DateText /></Form.Item></Col>
            <Col span={12}><Form.Item name="endsOn" label={t('promo.endsOn')} rules={required}><DateText /></Form.Item></Col>
          </Row>
          <Form.Item name="skus" label={t('promo.skus')} rules={required}>
            {skus.allowed
              ? <Select mode="multiple" showSearch={{ optionFilterProp: 'label' }} loading={skus.loading} options={skus.options} />
              : <Select mode="tags" tokenSeparators={[',', ' ']} />}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

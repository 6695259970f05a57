import { useQuery } from '@tanstack/react-query';
import { Button, Col, Drawer, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';

type Listing = components['schemas']['ListingView'];
type Category = components['schemas']['ListingCategoryView'];
type Change = components['schemas']['ListingChangeView'];
export type ListingStatus = Listing['status'];

export const LISTING_STATUSES: readonly ListingStatus[] = ['draft', 'in_review', 'published', 'unlisted'];
const STATUS_COLOURS: Record<ListingStatus, string> = { draft: 'default', in_review: 'gold', published: 'green', unlisted: 'orange' };

type ListingForm = {
  sku: string; titleZh: string; titleEn: string; descriptionZh: string; descriptionEn: string; price: string; quantityOffered: number; categoryCode: string;
  images?: string; specs?: Array<{ name: string; value: string }>;
};

const yuan = (fen: number) => (fen / 100).toFixed(2);
/** The form's fields as the API's body (the price typed in yuan, the images one a line). */
const bodyOf = (v: ListingForm) => ({
  titleZh: v.titleZh, titleEn: v.titleEn, descriptionZh: v.descriptionZh, descriptionEn: v.descriptionEn, priceFen: yuanToFen(v.price) ?? -1, quantityOffered: v.quantityOffered,
  categoryCode: v.categoryCode, images: (v.images ?? '').split('\n').map((s) => s.trim()).filter(Boolean), specs: (v.specs ?? []).filter((s) => s?.name && s?.value),
});

function useCategories() {
  return useQuery({
    queryKey: ['listing-categories'],
    queryFn: async () => {
      const tree: unknown = await answer(api.GET('/api/v1/sales/listing-categories'));
      return (Array.isArray(tree) ? tree : []) as Category[];
    },
  });
}

/**
 * The online catalogue (网店): an operator drafts a listing per SKU and sends it for review; another operator or a
 * sales manager approves it (which lists it) or rejects it with a reason (the API refuses the author's own review);
 * listed ones are unlisted and listed again, their price and quantity changed; each listing's history in a drawer.
 * What is on sale follows the warehouse's stock; nothing on sale shows sold out.
 */
export function Listings() {
  const { t, locale } = useI18n();
  const session = useSession();
  const categories = useCategories();
  const [historyOf, setHistoryOf] = useState<Listing>();
  const may = {
    create: session.may('POST /api/v1/sales/listings'),
    category: session.may('POST /api/v1/sales/listing-categories'),
    edit: session.may('PUT /api/v1/sales/listings/{id}'),
    submit: session.may('POST /api/v1/sales/listings/{id}/submit'),
    review: session.may('POST /api/v1/sales/listings/{id}/approve'),
    list: session.may('POST /api/v1/sales/listings/{id}/list'),
    unlist: session.may('POST /api/v1/sales/listings/{id}/unlist'),
    price: session.may('POST /api/v1/sales/listings/{id}/price'),
    quantity: session.may('POST /api/v1/sales/listings/{id}/quantity'),
  };
  const categoryName = (code: string) => {
    const c = categories.data?.find((x) => x.code === code);
    return c ? (locale === 'zh' ? c.nameZh : c.nameEn) : code;
  };
  const path = (id: string) => ({ params: { path: { id } } });
  return (
    <>
      <DataList<Listing>
        title="nav.listings"
        queryKey="sales-listings"
        csvPath="/api/v1/sales/listings"
        read={(query) => answer(api.GET('/api/v1/sales/listings', { params: { query: query as never } }))}
        filters={[
          { name: 'status', label: 'listing.status', kind: 'select', options: LISTING_STATUSES.map((s) => ({ value: s, label: t(`listing.status.${s}`) })) },
          { name: 'categoryCode', label: 'listing.category', kind: 'select', options: (categories.data ?? []).map((c) => ({ value: c.code, label: `${'· '.repeat(c.path.length - 1)}${locale === 'zh' ? c.nameZh : c.nameEn}` })) },
          { name: 'q', label: 'listing.search', kind: 'text' },
          { name: 'soldOut', label: 'listing.soldOutFilter', kind: 'select', options: [{ value: 'true', label: t('listing.yes') }, { value: 'false', label: t('listing.no') }] },
        ]}
        toolbar={<Space>{may.create && <ListingDialog categories={categories.data ?? []} />}{may.category && <CategoryDialog categories={categories.data ?? []} />}</Space>}
        columns={[
          { title: t('listing.sku'), dataIndex: 'sku' },
          { title: t('listing.title'), key: 'title', render: (_, l) => (locale === 'zh' ? l.titleZh : l.titleEn) },
          { title: t('listing.category'), dataIndex: 'categoryCode', render: (code: string) => categoryName(code) },
          { title: t('listing.price'), dataIndex: 'priceFen', align: 'right', render: (fen: number) => formatFen(fen) },
          {
            title: t('listing.onSale'), key: 'onSale', align: 'right',
            render: (_, l) => (
              <Space>
                <span data-testid={`on-sale-${l.sku}`}>{l.quantityOnSale} / {l.quantityOffered}</span>
                {l.soldOut && <Tag color="red" data-testid={`sold-out-${l.sku}`}>{t('listing.soldOut')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('listing.status'), dataIndex: 'status',
            render: (s: ListingStatus, l) => (
              <Space orientation="vertical" size={0}>
                <Tag color={STATUS_COLOURS[s]} data-testid={`status-${l.sku}`}>{t(`listing.status.${s}`)}</Tag>
                {s === 'draft' && l.rejectReason && <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('listing.rejected')}{l.rejectReason}</Typography.Text>}
              </Space>
            ),
          },
          {
            title: t('common.actions'), key: 'actions',
            render: (_, l) => (
              <Space wrap>
                {l.status === 'draft' && may.edit && <ListingDialog categories={categories.data ?? []} listing={l} />}
                {l.status === 'draft' && may.submit && <ActionButton primary testId={`submit-${l.sku}`} run={() => answer(api.POST('/api/v1/sales/listings/{id}/submit', path(l.id)))}>{t('listing.submit')}</ActionButton>}
                {l.status === 'in_review' && may.review && (
                  <>
                    <ActionButton primary confirm={t('listing.reviewNote')} testId={`approve-${l.sku}`} run={() => answer(api.POST('/api/v1/sales/listings/{id}/approve', path(l.id)))}>{t('listing.approve')}</ActionButton>
                    <ActionButton danger reason={t('listing.rejectReason')} testId={`reject-${l.sku}`} run={(reason) => answer(api.POST('/api/v1/sales/listings/{id}/reject', { ...path(l.id), body: { reason } }))}>{t('listing.reject')}</ActionButton>
                  </>
                )}
                {l.status === 'published' && may.unlist && <ActionButton danger testId={`unlist-${l.sku}`} run={() => answer(api.POST('/api/v1/sales/listings/{id}/unlist', path(l.id)))}>{t('listing.unlist')}</ActionButton>}
                {l.status === 'unlisted' && may.list && <ActionButton primary testId={`list-${l.sku}`} run={() => answer(api.POST('/api/v1/sales/listings/{id}/list', path(l.id)))}>{t('listing.list')}</ActionButton>}
                {(l.status === 'published' || l.status === 'unlisted') && may.price && <PriceDialog listing={l} />}
                {l.status !== 'in_review' && may.quantity && <QuantityDialog listing={l} />}
                <Button size="small" onClick={() => setHistoryOf(l)} data-testid={`history-${l.sku}`}>{t('listing.history')}</Button>
              </Space>
            ),
          },
        ]}
      />
      <HistoryDrawer listing={historyOf} onClose={() => setHistoryOf(undefined)} />
    </>
  );
}

function ListingDialog({ categories, listing }: { categories: Category[]; listing?: Listing }) {
  const { t, locale } = useI18n();
  const initial: Partial<ListingForm> = listing
    ? {
      sku: listing.sku, titleZh: listing.titleZh, titleEn: listing.titleEn, descriptionZh: listing.descriptionZh, descriptionEn: listing.descriptionEn, price: yuan(listing.priceFen),
      quantityOffered: listing.quantityOffered, categoryCode: listing.categoryCode, images: listing.images.join('\n'), specs: listing.specs,
    }
    : { quantityOffered: 1, specs: [] };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<ListingForm>
      trigger={listing ? t('listing.edit') : t('listing.new')}
      title={listing ? `${t('listing.edit')} ${listing.sku}` : t('listing.new')}
      testId={listing ? `edit-${listing.sku}` : 'new-listing'}
      primary={!listing}
      size={listing ? 'small' : 'middle'}
      width={720}
      initialValues={initial}
      rename={{ priceFen: 'price' }}
      submit={(v) => (listing
        ? answer(api.PUT('/api/v1/sales/listings/{id}', { params: { path: { id: listing.id } }, body: bodyOf(v) }))
        : answer(api.POST('/api/v1/sales/listings', { body: { sku: v.sku.trim(), ...bodyOf(v) } })))}
    >
      {() => (
        <>
          <Row gutter={8}>
            <Col span={8}><Form.Item name="sku" label={t('listing.sku')} rules={required}><Input maxLength={64} disabled={!!listing} data-testid="listing-sku" /></Form.Item></Col>
            <Col span={8}><Form.Item name="categoryCode" label={t('listing.category')} rules={[{ required: true, message: t('common.required') }]}>
              <Select data-testid="listing-category" options={categories.map((c) => ({ value: c.code, label: `${c.path.join(' / ')} ${locale === 'zh' ? c.nameZh : c.nameEn}` }))} />
            </Form.Item></Col>
            <Col span={4}><Form.Item name="price" label={t('listing.price')} rules={[...required, { validator: (_, v) => (!v || yuanToFen(String(v)) !== null ? Promise.resolve() : Promise.reject(new Error(t('listing.notAmount')))) }]}><Input data-testid="listing-price" /></Form.Item></Col>
            <Col span={4}><Form.Item name="quantityOffered" label={t('listing.quantityOffered')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Row gutter={8}>
            <Col span={12}><Form.Item name="titleZh" label={t('listing.titleZh')} rules={required}><Input maxLength={200} data-testid="listing-title-zh" /></Form.Item></Col>
            <Col span={12}><Form.Item name="titleEn" label={t('listing.titleEn')} rules={required}><Input maxLength={200} data-testid="listing-title-en" /></Form.Item></Col>
          </Row>
          <Row gutter={8}>
            <Col span={12}><Form.Item name="descriptionZh" label={t('listing.descriptionZh')} rules={required}><Input.TextArea rows={3} maxLength={5000} data-testid="listing-description-zh" /></Form.Item></Col>
            <Col span={12}><Form.Item name="descriptionEn" label={t('listing.descriptionEn')} rules={required}><Input.TextArea rows={3} maxLength={5000} data-testid="listing-description-en" /></Form.Item></Col>
          </Row>
          <Typography.Text strong>{t('listing.specs')}</Typography.Text>
          <Form.List name="specs">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Row gutter={8} key={f.key}>
                    <Col span={10}><Form.Item name={[f.name, 'name']} label={t('listing.specName')}><Input maxLength={60} /></Form.Item></Col>
                    <Col span={12}><Form.Item name={[f.name, 'value']} label={t('listing.specValue')}><Input maxLength={200} /></Form.Item></Col>
                    <Col span={2}><Button style={{ marginTop: 30 }} onClick={() => remove(f.name)}>×</Button></Col>
                  </Row>
                ))}
                <Button onClick={() => add({ name: '', value: '' })} style={{ marginBottom: 12 }}>{t('listing.addSpec')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item name="images" label={t('listing.images')}><Input.TextArea rows={2} data-testid="listing-images" /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function CategoryDialog({ categories }: { categories: Category[] }) {
  const { t, locale } = useI18n();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<{ code: string; nameZh: string; nameEn: string; parentCode?: string }>
      trigger={t('listing.newCategory')} title={t('listing.newCategory')} primary={false} testId="new-category"
      submit={(v) => answer(api.POST('/api/v1/sales/listing-categories', { body: { code: v.code.trim().toUpperCase(), nameZh: v.nameZh, nameEn: v.nameEn, ...(v.parentCode ? { parentCode: v.parentCode } : {}) } }))}
    >
      {() => (
        <>
          <Form.Item name="code" label={t('listing.categoryCode')} rules={required}><Input maxLength={32} /></Form.Item>
          <Form.Item name="nameZh" label={t('listing.categoryNameZh')} rules={required}><Input maxLength={100} /></Form.Item>
          <Form.Item name="nameEn" label={t('listing.categoryNameEn')} rules={required}><Input maxLength={100} /></Form.Item>
          <Form.Item name="parentCode" label={t('listing.parentCategory')}>
            <Select allowClear options={categories.map((c) => ({ value: c.code, label: `${c.path.join(' / ')} ${locale === 'zh' ? c.nameZh : c.nameEn}` }))} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

function PriceDialog({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  return (
    <FormDialog<{ price: string }>
      trigger={t('listing.changePrice')} title={`${t('listing.changePrice')} ${listing.sku}`} primary={false} size="small" testId={`price-${listing.sku}`}
      initialValues={{ price: yuan(listing.priceFen) }} rename={{ priceFen: 'price' }}
      submit={(v) => answer(api.POST('/api/v1/sales/listings/{id}/price', { params: { path: { id: listing.id } }, body: { priceFen: yuanToFen(v.price) ?? -1 } }))}
    >
      {() => (
        <Form.Item name="price" label={t('listing.price')} rules={[{ required: true, message: t('common.required') }, { validator: (_, v) => (!v || yuanToFen(String(v)) !== null ? Promise.resolve() : Promise.reject(new Error(t('listing.notAmount')))) }]}>
          <Input data-testid="new-price" />
        </Form.Item>
      )}
    </FormDialog>
  );
}

function QuantityDialog({ listing }: { listing: Listing }) {
  const { t } = useI18n();
  return (
    <FormDialog<{ quantityOffered: number }>
      trigger={t('listing.setQuantity')} title={`${t('listing.setQuantity')} ${listing.sku}`} primary={false} size="small" testId={`quantity-${listing.sku}`}
      initialValues={{ quantityOffered: listing.quantityOffered }}
      submit={(v) => answer(api.POST('/api/v1/sales/listings/{id}/quantity', { params: { path: { id: listing.id } }, body: { quantityOffered: v.quantityOffered } }))}
    >
      {() => <Form.Item name="quantityOffered" label={t('listing.quantityOffered')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>}
    </FormDialog>
  );
}

const shown = (field: string, value: unknown) => {
  if (value === null || value === undefined) return '—';
  if (field === 'priceFen' && typeof value === 'number') return formatFen(value);
  return typeof value === 'string' ? value : JSON.stringify(value);
};

/** Every change of a listing, oldest first: who, when, which field, before and after. */
function HistoryDrawer({ listing, onClose }: { listing?: Listing; onClose: () => void }) {
  const { t, locale } = useI18n();
  const history = useQuery({
    queryKey: ['listing-history', listing?.id],
    enabled: !!listing,
    queryFn: () => answer(api.GET('/api/v1/sales/listings/{id}/history', { params: { path: { id: listing!.id } } })) as Promise<Change[]>,
  });
  return (
    <Drawer open={!!listing} onClose={onClose} size="large" title={listing ? `${t('listing.history')} ${listing.sku}` : ''} destroyOnHidden>
      <ProblemAlert error={history.error} />
      <Table<Change>
        rowKey="id" size="small" pagination={false} loading={history.isLoading} dataSource={history.data ?? []} data-testid="listing-history"
        columns={[
          { title: t('listing.changedAt'), dataIndex: 'changedAt', render: (at: string) => formatDateTime(at, locale) },
          { title: t('listing.changedBy'), dataIndex: 'changedBy' },
          { title: t('listing.field'), dataIndex: 'field' },
          { title: t('listing.before'), key: 'before', render: (_, c) => shown(c.field, c.before) },
          { title: t('listing.after'), key: 'after', render: (_, c) => <span data-testid={`change-${c.id}`}>{shown(c.field, c.after)}</span> },
        ]}
      />
    </Drawer>
  );
}

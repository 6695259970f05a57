import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Card, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';
import { useSkus } from '../kit/skus';
import { OPS, production } from './api';

type Supply = components['schemas']['SkuSupplyView'];
type SupplyBody = components['schemas']['PutSkuSupplyBody'];

type SupplyForm = {
  madeToOrder: boolean;
  leadDays: number;
  steps?: Array<{ name?: string }>;
  materials?: Array<{ sku?: string; quantityPerUnit?: number }>;
};

/** What the form says, as the API takes it: empty rows dropped, codes trimmed. */
export function supplyBody(v: SupplyForm): SupplyBody {
  return {
    madeToOrder: v.madeToOrder,
    leadDays: v.leadDays ?? 0,
    steps: (v.steps ?? []).filter((s) => s?.name?.trim()).map((s) => ({ name: s.name!.trim() })),
    materials: (v.materials ?? []).filter((m) => m?.sku?.trim()).map((m) => ({ sku: m.sku!.trim(), quantityPerUnit: m.quantityPerUnit ?? 1 })),
  };
}

/**
 * A SKU's supply (定制供应规格): stocked, or made to order — with the lead days production needs, its process steps in
 * order and the materials one unit takes. Saving replaces the whole spec; sales marks new order lines of a
 * made-to-order SKU, and production orders issued later take the steps and materials in force then.
 */
export function SkuSupply() {
  const { t, locale } = useI18n();
  const session = useSession();
  const skus = useSkus();
  const [sku, setSku] = useState<string>();
  const supply = useQuery({ queryKey: ['sku-supply', sku], enabled: !!sku, retry: false, queryFn: () => production.supply(sku!) });
  const s = supply.data;
  // The made-to-order SKUs there are, to pick one from without knowing its code.
  const list = useQuery({ queryKey: ['sku-supplies'], queryFn: () => production.supplies() });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.skuSupply')}</Typography.Title>
      <Space wrap>
        {skus.allowed && skus.options.length > 0
          ? <Select showSearch optionFilterProp="label" aria-label={t('supply.sku')} placeholder={t('supply.sku')} style={{ minWidth: 280 }} options={skus.options} value={sku} onChange={setSku} data-testid="supply-sku" />
          : <Input.Search aria-label={t('supply.sku')} placeholder={t('supply.sku')} style={{ width: 280 }} onSearch={(v) => setSku(v.trim() || undefined)} enterButton={t('common.search')} data-testid="supply-sku" />}
      </Space>
      <ProblemAlert error={supply.error} />
      {s && (
        <Card
          size="small"
          title={<Space>{s.sku}{skus.nameOf(s.sku) ? <Typography.Text type="secondary">{skus.nameOf(s.sku)}</Typography.Text> : null}</Space>}
          extra={session.may(OPS.putSupply) && <SupplyDialog supply={s} />}
        >
          <Descriptions size="small" column={3}>
            <Descriptions.Item label={t('supply.kind')}>
              <Tag color={s.madeToOrder ? 'purple' : 'default'} data-testid="supply-kind">{t(s.madeToOrder ? 'supply.madeToOrder' : 'supply.stocked')}</Tag>
            </Descriptions.Item>
            <Descriptions.Item label={t('supply.leadDays')}><span data-testid="supply-lead-days">{s.leadDays}</span></Descriptions.Item>
            <Descriptions.Item label={t('supply.revision')}>{s.revision}{s.updatedAt ? <> · <Person id={s.updatedBy} /> {formatDateTime(s.updatedAt, locale)}</> : null}</Descriptions.Item>
          </Descriptions>
          <Row gutter={16}>
            <Col xs={24} md={10}>
              <Table
                rowKey="stepNo" size="small" pagination={false} dataSource={s.steps} title={() => t('supply.steps')} data-testid="supply-steps"
                columns={[{ title: t('production.stepNo'), dataIndex: 'stepNo', width: 60 }, { title: t('production.stepName'), dataIndex: 'name' }]}
              />
            </Col>
            <Col xs={24} md={14}>
              <Table
                rowKey="sku" size="small" pagination={false} dataSource={s.materials} title={() => t('supply.materials')} data-testid="supply-materials"
                columns={[
                  { title: t('production.sku'), dataIndex: 'sku', render: (code: string) => `${code}${skus.nameOf(code) ? ` ${skus.nameOf(code)}` : ''}` },
                  { title: t('production.perUnit'), dataIndex: 'quantityPerUnit', align: 'right' },
                ]}
              />
            </Col>
          </Row>
        </Card>
      )}
      <Table<Supply>
        rowKey="sku" size="small" loading={list.isLoading} dataSource={list.data?.items ?? []} title={() => t('supply.list')} data-testid="supply-list"
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        columns={[
          { title: t('production.sku'), dataIndex: 'sku', render: (code: string) => <Button type="link" size="small" onClick={() => setSku(code)}>{code}</Button> },
          { title: t('production.skuName'), key: 'name', render: (_, row) => skus.nameOf(row.sku) ?? '' },
          { title: t('supply.leadDays'), dataIndex: 'leadDays', align: 'right' },
          { title: t('supply.steps'), key: 'steps', render: (_, row) => row.steps.map((st) => st.name).join(' → ') },
          { title: t('supply.materials'), key: 'materials', render: (_, row) => row.materials.map((m) => `${m.sku} × ${m.quantityPerUnit}`).join(', ') },
        ]}
      />
    </Space>
  );
}

/** Edits the whole spec: made to order or stocked, lead days, the steps in order and the materials per unit. */
function SupplyDialog({ supply }: { supply: Supply }) {
  const { t } = useI18n();
  const skus = useSkus();
  const initial: SupplyForm = {
    madeToOrder: supply.madeToOrder,
    leadDays: supply.leadDays,
    steps: supply.steps.length ? supply.steps.map((s) => ({ name: s.name })) : [{ name: '' }],
    materials: supply.materials.map((m) => ({ sku: m.sku, quantityPerUnit: m.quantityPerUnit })),
  };
  return (
    <FormDialog<SupplyForm>
      trigger={t('supply.edit')} title={`${t('supply.edit')} ${supply.sku}`} width={760} testId="supply-edit" initialValues={initial}
      submit={(v) => production.putSupply(supply.sku, supplyBody(v))}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('supply.hint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={14}>
              <Form.Item name="madeToOrder" label={t('supply.kind')} rules={[{ required: true, message: t('common.required') }]}>
                <Radio.Group options={[{ value: true, label: t('supply.madeToOrder') }, { value: false, label: t('supply.stocked') }]} data-testid="supply-made-to-order" />
              </Form.Item>
            </Col>
            <Col span={10}>
              <Form.Item name="leadDays" label={t('supply.leadDays')} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} data-testid="supply-lead-days-input" />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text strong>{t('supply.steps')}</Typography.Text>
          <Form.List name="steps">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key} align="top">
                    <Col span={2}><Typography.Text style={{ lineHeight: '32px' }}>{i + 1}.</Typography.Text></Col>
                    <Col span={20}>
                      <Form.Item name={[f.name, 'name']}>
                        <Input maxLength={100} aria-label={`${t('production.stepName')} ${i + 1}`} placeholder={t('production.stepName')} data-testid={`supply-step-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}><Button type="text" aria-label={`${t('supply.removeStep')} ${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} /></Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ name: '' })} style={{ marginBottom: 16, display: 'block' }} data-testid="supply-add-step">{t('supply.addStep')}</Button>
              </>
            )}
          </Form.List>
          <Typography.Text strong>{t('supply.materials')}</Typography.Text>
          <Form.List name="materials">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Row gutter={8} key={f.key} align="top">
                    <Col span={15}>
                      <Form.Item name={[f.name, 'sku']}>
                        <AutoComplete options={skus.options} filterOption={(input, option) => String(option?.label ?? '').toLowerCase().includes(input.toLowerCase())} aria-label={`${t('supply.material')} ${i + 1}`} placeholder={t('supply.material')} data-testid={`supply-material-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col span={7}>
                      <Form.Item name={[f.name, 'quantityPerUnit']}>
                        <InputNumber min={1} precision={0} style={{ width: '100%' }} aria-label={`${t('production.perUnit')} ${i + 1}`} placeholder={t('production.perUnit')} data-testid={`supply-material-qty-${i}`} />
                      </Form.Item>
                    </Col>
                    <Col span={2}><Button type="text" aria-label={`${t('supply.removeMaterial')} ${i + 1}`} icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} /></Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ sku: '', quantityPerUnit: 1 })} data-testid="supply-add-material">{t('supply.addMaterial')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

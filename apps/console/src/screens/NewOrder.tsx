import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { answer, api } from '../api/client';
import type { components } from '../api/schema';
import { useSession } from '../auth/Session';
import { useI18n } from '../i18n/I18n';
import { businessDate, formatFen, yuanToFen } from '../lib/money';
import { ApiProblem, fieldErrors, unplacedErrors } from '../lib/problem';
import { useSkus } from './kit/skus';
import { ProblemAlert } from './ProblemAlert';

type PlaceOrder = components['schemas']['PlaceOrderRequest'];
/** The form holds a price as the person typed it, in yuan; the API takes fen. */
type OrderForm = Omit<PlaceOrder, 'lines'> & { lines: Array<{ sku: string; quantity: number; unitPrice?: string }> };

/** The list price of one SKU today, as the order will take it (422 no-list-price when there is none). */
function LinePrice({ sku, quantity, unitPrice }: { sku?: string; quantity?: number; unitPrice?: string }) {
  const { t } = useI18n();
  const price = useQuery({
    queryKey: ['price', sku],
    enabled: !!sku,
    retry: false,
    queryFn: () => answer(api.GET('/api/v1/sales/prices/{sku}', { params: { path: { sku: sku! } } })),
  });
  if (!sku) return null;
  if (price.isError) return <Typography.Text type="danger">{t('newOrder.noPrice')}</Typography.Text>;
  if (!price.data) return null;
  const asked = unitPrice ? yuanToFen(unitPrice) : null;
  const each = asked ?? price.data.listPriceFen;
  // The discount the approval depends on (up to 3 % a sales manager, more the VP, below the floor the GM).
  const discount = asked !== null && asked < price.data.listPriceFen ? ((price.data.listPriceFen - asked) * 100) / price.data.listPriceFen : 0;
  return (
    <Space orientation="vertical" size={0}>
      <Typography.Text data-testid="line-price">
        {t('newOrder.listPrice')} {formatFen(price.data.listPriceFen)} · {formatFen(each)} × {quantity ?? 0} = {formatFen(each * (quantity ?? 0))}
      </Typography.Text>
      {discount > 0 && (
        <Typography.Text type={asked! < price.data.floorPriceFen ? 'danger' : 'warning'} data-testid="line-discount">
          {t('newOrder.discount')} {discount.toFixed(2)}%{asked! < price.data.floorPriceFen ? ` · ${t('newOrder.belowFloor')}` : ''}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The customer's price holds an order may take (active or expired: an expired one prices at today's price, saying so). */
function usePriceHolds(customerId: string | undefined) {
  const session = useSession();
  const allowed = session.may('GET /api/v1/sales/price-holds');
  const holds = useQuery({
    queryKey: ['price-holds', customerId],
    enabled: allowed && !!customerId,
    queryFn: () => answer(api.GET('/api/v1/sales/price-holds', { params: { query: { customerId: customerId!, pageSize: 100 } } })),
  });
  const options = (holds.data?.items ?? [])
    .filter((h) => h.status === 'active' || h.status === 'expired')
    .map((h) => ({ value: h.id, label: `${h.number} · ${h.holdUntil}${h.lines.length ? ` · ${h.lines.map((l) => `${l.sku} ${formatFen(l.agreedUnitPriceFen)}`).join(', ')}` : ''}` }));
  return { allowed, loading: holds.isLoading && !!customerId, options };
}

export function NewOrder() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [form] = Form.useForm<OrderForm>();
  const [error, setError] = useState<unknown>();
  const [extra, setExtra] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  // One key per order being written: a repeated click or a retry after a timeout places it once.
  const idempotencyKey = useMemo(() => crypto.randomUUID(), []);
  const customers = useQuery({ queryKey: ['customers'], queryFn: () => answer(api.GET('/api/v1/sales/customers', { params: { query: { pageSize: 100 } } })) });
  const skus = useSkus();
  const lines = Form.useWatch('lines', form) ?? [];
  const customerId = Form.useWatch('customerId', form);
  const holds = usePriceHolds(customerId);

  const submit = async (values: OrderForm) => {
    setBusy(true);
    setError(undefined);
    setExtra([]);
    const body: PlaceOrder = {
      ...values,
      lines: values.lines.map(({ unitPrice, ...line }) => {
        const unitPriceFen = unitPrice ? yuanToFen(unitPrice) : null;
        return unitPriceFen === null ? line : { ...line, unitPriceFen };
      }),
    };
    try {
      const order = await answer(api.POST('/api/v1/sales/orders', { body, headers: { 'Idempotency-Key': idempotencyKey } }));
      navigate(`/orders/${order.id}`);
    } catch (e) {
      if (e instanceof ApiProblem) {
        const known = (name: Array<string | number>) => form.getFieldInstance(name as never) !== undefined || name.length > 1;
        // The API names the price in fen; the form holds it in yuan.
        const fields = fieldErrors(e.problem, known).map((f) => (f.name[2] === 'unitPriceFen' ? { ...f, name: ['lines', f.name[1], 'unitPrice'] } : f));
        form.setFields(fields as Parameters<typeof form.setFields>[0]);
        setExtra(unplacedErrors(e.problem, known));
      }
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const required = [{ required: true, message: t('common.required') }];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.newOrder')}</Typography.Title>
      <ProblemAlert error={error} extra={extra} />
      <Form
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ paymentTerms: 'prepaid', shippingMethod: 'express', requestedDate: businessDate(), lines: [{ quantity: 1 }] }}
      >
        <Card>
          <Row gutter={16}>
            <Col span={12}>
              <Form.Item name="customerId" label={t('newOrder.customer')} rules={required}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  loading={customers.isLoading}
                  options={(customers.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.code} ${c.name}` }))}
                />
              </Form.Item>
            </Col>
            <Col span={12}>
              <Form.Item name="paymentTerms" label={t('newOrder.terms')} rules={required}>
                <Radio.Group options={[{ value: 'prepaid', label: t('newOrder.prepaid') }, { value: 'credit', label: t('newOrder.credit') }]} />
              </Form.Item>
            </Col>
            <Col span={8}><Form.Item name={['shipTo', 'name']} label={t('newOrder.shipToName')} rules={required}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name={['shipTo', 'phone']} label={t('newOrder.shipToPhone')} rules={required}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name={['shipTo', 'address']} label={t('newOrder.shipToAddress')} rules={required}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="shippingMethod" label={t('newOrder.method')} rules={required}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="requestedDate" label={t('newOrder.requestedDate')} rules={required}><Input placeholder="YYYY-MM-DD" /></Form.Item></Col>
            {holds.allowed && (
              <Col span={12} data-testid="price-hold-field">
                <Form.Item name="priceHoldId" label={t('newOrder.priceHold')}>
                  <Select
                    allowClear
                    placeholder={t('hold.none')}
                    loading={holds.loading}
                    options={holds.options}
                  />
                </Form.Item>
              </Col>
            )}
          </Row>
        </Card>
        <Card title={t('order.lines')} style={{ marginTop: 16 }}>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={16} align="middle">
                    <Col span={9}>
                      <Form.Item name={[field.name, 'sku']} label={t('order.sku')} rules={required}>
                        <Select
                          showSearch={{ optionFilterProp: 'label' }}
                          loading={skus.loading}
                          options={skus.options}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item name={[field.name, 'quantity']} label={t('order.quantity')} rules={required}>
                        <InputNumber style={{ width: '100%' }} />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item
                        name={[field.name, 'unitPrice']}
                        label={t('newOrder.unitPrice')}
                        rules={[{ validator: async (_, value?: string) => { if (value && yuanToFen(value) === null) throw new Error(t('newOrder.notAnAmount')); } }]}
                      >
                        <Input placeholder={t('newOrder.listPrice')} />
                      </Form.Item>
                    </Col>
                    <Col span={7}><LinePrice sku={lines[field.name]?.sku} quantity={lines[field.name]?.quantity} unitPrice={lines[field.name]?.unitPrice} /></Col>
                    <Col span={2}>
                      {fields.length > 1 && <Button type="text" aria-label="remove line" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>{t('newOrder.addLine')}</Button>
              </>
            )}
          </Form.List>
        </Card>
        <Button type="primary" htmlType="submit" loading={busy} style={{ marginTop: 16 }}>{t('newOrder.submit')}</Button>
      </Form>
    </Space>
  );
}

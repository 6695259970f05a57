import { useQuery } from '@tanstack/react-query';
import { Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { OrderLink } from '../kit/links';
import { label } from '../labels';
import {fenToYuanText, Person, useYuanRule } from './common';
import { useIdempotencyKey } from '../kit/idempotency';
import { CreditTerms, GRADES, gradeOptions, GradeTag } from './credit';

type Customer = components['schemas']['CustomerView'];
type RegisterCustomer = components['schemas']['RegisterCustomerRequest'];
type CreditChangeForm = Omit<components['schemas']['RequestCreditChangeBody'], 'creditLimitFen'> & { creditLimit: string };

/** The customer list: find a customer, register one, read their credit and money held, ask for new credit terms. */
export function Customers() {
  const { t } = useI18n();
  const session = useSession();
  const mayRequestCredit = session.may('POST /api/v1/sales/customers/{customerId}/credit-changes');
  return (
    <DataList<Customer>
      title="nav.customers"
      queryKey="customers"
      csvPath="/api/v1/sales/customers"
      read={(query) => answer(api.GET('/api/v1/sales/customers', { params: { query } }))}
      filters={[
        { name: 'search', label: 'sales.customer.search', kind: 'text' },
        { name: 'region', label: 'sales.customer.region', kind: 'text' },
        { name: 'assignedRep', label: 'sales.customer.assignedRep', kind: 'text' },
        { name: 'grade', label: 'sales.credit.grade', kind: 'select', options: GRADES.map((g) => ({ value: g, label: g })) },
        { name: 'onHold', label: 'sales.customer.hold', kind: 'select', options: [{ value: 'true', label: t('sales.customer.onHold') }, { value: 'false', label: t('sales.customer.notOnHold') }] },
      ]}
      toolbar={session.may('POST /api/v1/sales/customers') && <RegisterCustomerDialog />}
      expandable={{ expandedRowRender: (c) => <CustomerDetails customer={c} />, columnTitle: t('common.details') }}
      columns={[
        { title: t('sales.customer.code'), dataIndex: 'code' },
        { title: t('sales.customer.name'), dataIndex: 'name' },
        { title: t('sales.customer.region'), dataIndex: 'region', render: (v: string | null) => v ?? '—' },
        { title: t('sales.customer.assignedRep'), dataIndex: 'assignedRep', render: (v: string | null) => v ?? '—' },
        { title: t('sales.credit.grade'), key: 'grade', render: (_, c) => <GradeTag grade={c.credit.grade} /> },
        { title: t('sales.credit.limit'), key: 'limit', align: 'right', render: (_, c) => formatFen(c.credit.creditLimitFen) },
        { title: t('sales.credit.termsDays'), key: 'days', align: 'right', render: (_, c) => c.credit.paymentTermsDays },
        { title: t('sales.credit.openReceivable'), key: 'open', align: 'right', render: (_, c) => formatFen(c.credit.openReceivableFen) },
        { title: t('sales.credit.overdue'), key: 'overdue', align: 'right', render: (_, c) => <Typography.Text type={c.credit.overdueFen > 0 ? 'danger' : undefined}>{formatFen(c.credit.overdueFen)}</Typography.Text> },
        {
          title: t('sales.customer.hold'), key: 'hold',
          render: (_, c) => (c.credit.onHold ? <Tooltip title={c.credit.holdReason}><Tag color="red">{t('sales.customer.onHold')}</Tag></Tooltip> : '—'),
        },
        ...(mayRequestCredit ? [{ title: t('common.actions'), key: 'actions', fixed: 'right' as const, render: (_: unknown, c: Customer) => <CreditChangeDialog customer={c} /> }] : []),
      ]}
    />
  );
}

/** Registers a customer: grade D, no credit, until a credit change is approved. */
export function RegisterCustomerDialog() {
  const { t } = useI18n();
  const key = useIdempotencyKey();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<RegisterCustomer>
      trigger={t('sales.customer.register')}
      title={t('sales.customer.register')}
      testId="register-customer"
      submit={async (values) => {
        const body = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]).filter(([, v]) => v !== undefined && v !== '')) as RegisterCustomer;
        await answer(api.POST('/api/v1/sales/customers', { body, headers: key.headers() }));
        key.renew();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('sales.customer.registerHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={10}><Form.Item name="code" label={t('sales.customer.code')} rules={required}><Input placeholder="C-0004" /></Form.Item></Col>
            <Col span={14}><Form.Item name="name" label={t('sales.customer.name')} rules={required}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="region" label={t('sales.customer.region')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="assignedRep" label={t('sales.customer.assignedRep')} tooltip={t('sales.customer.assignedRepHint')}><Input placeholder="sales_rep" /></Form.Item></Col>
            <Col span={12}><Form.Item name="contactName" label={t('sales.customer.contact')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="phone" label={t('sales.customer.phone')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="taxId" label={t('sales.customer.taxId')} tooltip={t('sales.customer.taxIdHint')}><Input placeholder="91310000MA1FL8XQ30" maxLength={18} /></Form.Item></Col>
          </Row>
        </>
      )}
    </FormDialog>
  );
}

/** Asks for new credit terms for one customer; they apply once a sales manager and then the sales VP approve. */
export function CreditChangeDialog({ customer }: { customer: Customer }) {
  const { t } = useI18n();
  const key = useIdempotencyKey();
  const yuan = useYuanRule();
  const required = [{ required: true, message: t('common.required') }];
  return (
    <FormDialog<CreditChangeForm>
      trigger={t('sales.credit.request')}
      title={`${t('sales.credit.request')} · ${customer.code} ${customer.name}`}
      primary={false}
      testId={`credit-change-${customer.code}`}
      rename={{ creditLimitFen: 'creditLimit' }}
      initialValues={{ grade: customer.credit.grade, creditLimit: fenToYuanText(customer.credit.creditLimitFen), paymentTermsDays: customer.credit.paymentTermsDays }}
      submit={async ({ creditLimit, ...values }) => {
        const body = { ...values, creditLimitFen: yuanToFen(creditLimit)! };
        await answer(api.POST('/api/v1/sales/customers/{customerId}/credit-changes', { params: { path: { customerId: customer.id } }, body, headers: key.headers() }));
        key.renew();
      }}
    >
      {() => (
        <>
          <Typography.Paragraph>{t('sales.credit.now')}<CreditTerms terms={customer.credit} /></Typography.Paragraph>
          <Typography.Paragraph type="secondary">{t('sales.credit.requestHint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="grade" label={t('sales.credit.grade')} rules={required}>
                <Select options={gradeOptions(t)} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="creditLimit" label={t('sales.credit.limitYuan')} rules={[...required, yuan]}>
                <Input />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="paymentTermsDays" label={t('sales.credit.termsDays')} rules={required}>
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="reason" label={t('sales.credit.reason')} rules={[{ required: true, whitespace: true, message: t('common.required') }]}>
            <Input.TextArea rows={3} maxLength={500} />
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** One customer in full: contact, credit terms and exposure, money held for them, their credit requests. */
function CustomerDetails({ customer }: { customer: Customer }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const full = useQuery({
    queryKey: ['customer', customer.id],
    queryFn: () => answer(api.GET('/api/v1/sales/customers/{id}', { params: { path: { id: customer.id } } })),
  });
  const mayPrepayment = session.may('GET /api/v1/finance/customers/{customerId}/prepayment');
  const prepayment = useQuery({
    queryKey: ['prepayment', customer.id],
    enabled: mayPrepayment,
    retry: false,
    queryFn: () => answer(api.GET('/api/v1/finance/customers/{customerId}/prepayment', { params: { path: { customerId: customer.id } } })),
  });
  const mayChanges = session.may('GET /api/v1/sales/credit-changes');
  const changes = useQuery({
    queryKey: ['credit-changes', { customerId: customer.id }],
    enabled: mayChanges,
    queryFn: () => answer(api.GET('/api/v1/sales/credit-changes', { params: { query: { customerId: customer.id, pageSize: 10 } } })),
  });
  const c = full.data ?? customer;
  const exposure = full.data?.exposure;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid={`customer-details-${customer.code}`}>
      <ProblemAlert error={full.error} />
      <Descriptions size="small" bordered column={3}>
        <Descriptions.Item label={t('sales.customer.contact')}>{c.contactName ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sales.customer.taxId')}>{c.taxId ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sales.customer.phone')}>{c.phone ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sales.customer.region')}>{c.region ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sales.customer.assignedRep')}>{c.assignedRep ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.grade')}><GradeTag grade={c.credit.grade} /></Descriptions.Item>
        <Descriptions.Item label={t('sales.customer.createdAt')}>{formatDateTime(c.createdAt, locale)}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.limit')}>{formatFen(c.credit.creditLimitFen)}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.termsDays')}>{c.credit.paymentTermsDays}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.openReceivable')}>{formatFen(c.credit.openReceivableFen)}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.overdue')}>{formatFen(c.credit.overdueFen)}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.uninvoiced')}>{formatFen(exposure?.uninvoicedCreditOrdersFen)}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.exposure')}>{formatFen(exposure?.exposureFen)}</Descriptions.Item>
        <Descriptions.Item label={t('sales.credit.available')}>
          <Typography.Text type={(exposure?.availableCreditFen ?? 0) < 0 ? 'danger' : undefined}>{formatFen(exposure?.availableCreditFen)}</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('sales.customer.hold')} span={2}>
          {c.credit.onHold ? <><Tag color="red">{t('sales.customer.onHold')}</Tag>{c.credit.holdReason}</> : t('sales.customer.notOnHold')}
        </Descriptions.Item>
      </Descriptions>
      {mayPrepayment && (
        <Card size="small" title={`${t('sales.prepayment.title')}${formatFen(prepayment.data?.balanceFen)}`}>
          <ProblemAlert error={prepayment.error} />
          <Table
            size="small"
            rowKey={(m) => `${m.at}-${m.kind}-${m.amountFen}`}
            loading={prepayment.isLoading}
            dataSource={prepayment.data?.movements ?? []}
            pagination={false}
            locale={{ emptyText: t('sales.prepayment.none') }}
            columns={[
              { title: t('sales.prepayment.at'), dataIndex: 'at', render: (at: string) => formatDateTime(at, locale) },
              { title: t('sales.prepayment.kind'), dataIndex: 'kind', render: (k: string) => label(k, locale) },
              { title: t('sales.order'), dataIndex: 'orderId', render: (id: string | null) => (id ? <OrderLink id={id} /> : '—') },
              { title: t('sales.prepayment.amount'), dataIndex: 'amountFen', align: 'right', render: (fen: number) => formatFen(fen) },
            ]}
          />
        </Card>
      )}
      {mayChanges && (
        <Card size="small" title={t('sales.credit.history')}>
          <ProblemAlert error={changes.error} />
          <Table
            size="small"
            rowKey="id"
            loading={changes.isLoading}
            dataSource={changes.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('sales.credit.number'), dataIndex: 'number' },
              { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag>{label(s, locale)}</Tag> },
              { title: t('sales.credit.change'), key: 'change', render: (_, ch) => <><CreditTerms terms={ch.previous} /> → <CreditTerms terms={ch.proposed} /></> },
              { title: t('sales.credit.requestedBy'), dataIndex: 'requestedBy', render: (id: string) => <Person id={id} /> },
              { title: t('sales.credit.requestedAt'), dataIndex: 'requestedAt', render: (at: string) => formatDateTime(at, locale) },
            ]}
          />
        </Card>
      )}
    </Space>
  );
}

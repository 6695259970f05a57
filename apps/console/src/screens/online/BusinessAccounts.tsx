import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { useCustomerNames } from '../sales/common';

type Account = components['schemas']['BusinessAccountView'];
type Status = Account['status'];
type Kind = Account['kind'];
const STATUSES: Status[] = ['pending_review', 'approved', 'rejected', 'suspended'];
const KINDS: Kind[] = ['buyer', 'supplier', 'service_provider'];
const STATUS_COLOR: Record<Status, string> = { pending_review: 'orange', approved: 'green', rejected: 'red', suspended: 'volcano' };
/** The unified social credit code's shape (the API checks it again). */
const CREDIT_CODE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const DOCUMENT_KINDS = ['business_licence', 'tax_registration', 'bank_account_proof', 'transport_permit', 'other'];

/**
 * Business accounts of the online store (电商运营): buyers (each a sales customer), suppliers and service providers,
 * registered with their credit code and documents, reviewed by someone other than the registrant, suspended and
 * reinstated with a reason. A buyer's customer may order only while its account is approved.
 */
export function BusinessAccounts() {
  const { t, locale } = useI18n();
  const session = useSession();
  const customers = useCustomerNames();
  const may = session.may;
  const mayApprove = may('POST /api/v1/sales/business-accounts/{id}/approve');
  const mayReject = may('POST /api/v1/sales/business-accounts/{id}/reject');
  const maySuspend = may('POST /api/v1/sales/business-accounts/{id}/suspend');
  const mayReinstate = may('POST /api/v1/sales/business-accounts/{id}/reinstate');
  return (
    <DataList<Account>
      title="nav.businessAccounts"
      queryKey="business-accounts"
      csvPath="/api/v1/sales/business-accounts"
      read={(query) => answer(api.GET('/api/v1/sales/business-accounts', { params: { query: query as never } }))}
      filters={[
        { name: 'status', label: 'orders.filterStatus', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(`ba.status.${s}` as MessageKey) })) },
        { name: 'kind', label: 'ba.kind', kind: 'select', options: KINDS.map((k) => ({ value: k, label: t(`ba.kind.${k}` as MessageKey) })) },
      ]}
      toolbar={may('POST /api/v1/sales/business-accounts') && <RegisterDialog customers={customers.options} />}
      expandable={{ expandedRowRender: (a) => <AccountDetails account={a} /> }}
      columns={[
        {
          title: `${t('ba.number')} / ${t('ba.company')}`, key: 'company',
          render: (_, a) => <Space orientation="vertical" size={0}><Typography.Text strong>{a.number}</Typography.Text><span>{a.companyName}</span></Space>,
        },
        { title: t('ba.kind'), key: 'kind', render: (_, a) => `${t(`ba.kind.${a.kind}` as MessageKey)}${a.subKind ? ` · ${a.subKind}` : ''}` },
        { title: t('ba.creditCode'), dataIndex: 'creditCode' },
        { title: t('orders.status'), dataIndex: 'status', render: (s: Status) => <Tag color={STATUS_COLOR[s]} data-testid="ba-status">{t(`ba.status.${s}` as MessageKey)}</Tag> },
        { title: t('ba.customer'), key: 'customer', render: (_, a) => a.customerName ?? (a.customerId ? customers.name(a.customerId) : '—') },
        { title: t('ba.contact'), key: 'contact', render: (_, a) => `${a.contactName} ${a.contactPhone}` },
        {
          title: t('ba.registeredBy'), key: 'registered',
          render: (_, a) => <Space orientation="vertical" size={0}><span>{a.registeredBy}</span><Typography.Text type="secondary">{formatDateTime(a.registeredAt, locale)}</Typography.Text></Space>,
        },
        { title: t('ba.decisionReason'), dataIndex: 'decisionReason', render: (r: string | null) => r ?? '—' },
        {
          title: t('common.actions'), key: 'actions', fixed: 'right',
          render: (_, a) => (
            <Space wrap>
              {/* The API refuses the registrant's own review (403 self-approval), shown in the screen's problem slot. */}
              {mayApprove && a.status === 'pending_review' && (
                <ActionButton primary confirm={`${t('ba.approve')} ${a.number}?`} testId={`approve-${a.number}`}
                  run={() => answer(api.POST('/api/v1/sales/business-accounts/{id}/approve', { params: { path: { id: a.id } } }))}>
                  {t('ba.approve')}
                </ActionButton>
              )}
              {mayReject && a.status === 'pending_review' && (
                <ActionButton danger reason={t('ba.reason')} testId={`reject-${a.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/business-accounts/{id}/reject', { params: { path: { id: a.id } }, body: { reason } }))}>
                  {t('ba.reject')}
                </ActionButton>
              )}
              {maySuspend && a.status === 'approved' && (
                <ActionButton danger reason={t('ba.reason')} testId={`suspend-${a.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/business-accounts/{id}/suspend', { params: { path: { id: a.id } }, body: { reason } }))}>
                  {t('ba.suspend')}
                </ActionButton>
              )}
              {mayReinstate && a.status === 'suspended' && (
                <ActionButton reason={t('ba.reason')} testId={`reinstate-${a.number}`}
                  run={(reason) => answer(api.POST('/api/v1/sales/business-accounts/{id}/reinstate', { params: { path: { id: a.id } }, body: { reason } }))}>
                  {t('ba.reinstate')}
                </ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function AccountDetails({ account: a }: { account: Account }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical">
      <Typography.Text>{t('ba.documents')}: {a.documents.length ? a.documents.map((d) => `${d.kind} ${d.reference}`).join(' · ') : '—'}</Typography.Text>
      {a.contactEmail && <Typography.Text>{t('ba.contactEmail')}: {a.contactEmail}</Typography.Text>}
      {a.reviewedBy && <Typography.Text>{t('ba.reviewedBy')}: {a.reviewedBy} {formatDateTime(a.reviewedAt, locale)}</Typography.Text>}
    </Space>
  );
}

type RegisterForm = {
  kind: Kind; subKind?: string; companyName: string; creditCode: string; contactName: string; contactPhone: string; contactEmail?: string; customerId?: string;
  documents: Array<{ kind?: string; reference?: string }>;
};

function RegisterDialog({ customers }: { customers: Array<{ value: string; label: string }> }) {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const submit = async (v: RegisterForm) => {
    const optional = (value?: string) => (value?.trim() ? value.trim() : undefined);
    await answer(api.POST('/api/v1/sales/business-accounts', {
      body: {
        kind: v.kind, companyName: v.companyName.trim(), creditCode: v.creditCode.trim().toUpperCase(), contactName: v.contactName.trim(), contactPhone: v.contactPhone.trim(),
        ...(optional(v.subKind) ? { subKind: optional(v.subKind) } : {}), ...(optional(v.contactEmail) ? { contactEmail: optional(v.contactEmail) } : {}),
        ...(v.kind === 'buyer' && v.customerId ? { customerId: v.customerId } : {}),
        documents: (v.documents ?? []).filter((d) => d.kind && d.reference?.trim()).map((d) => ({ kind: d.kind!, reference: d.reference!.trim() })),
      },
      headers: idempotency.headers(),
    }));
    idempotency.renew();
  };
  return (
    <FormDialog<RegisterForm>
      trigger={t('ba.register')} title={t('ba.register')} width={760} submit={submit} testId="register-business-account"
      initialValues={{ kind: 'buyer', documents: [{ kind: 'business_licence' }] }}
    >
      {(form) => (
        <>
          <Row gutter={16}>
            <Col span={8}>
              <Form.Item name="kind" label={t('ba.kind')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={KINDS.map((k) => ({ value: k, label: t(`ba.kind.${k}` as MessageKey) }))} />
              </Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item name="subKind" label={t('ba.subKind')} extra={t('ba.subKindHint')}><Input /></Form.Item>
            </Col>
            <Col span={8}>
              <Form.Item noStyle shouldUpdate={(a, b) => a.kind !== b.kind}>
                {() => form.getFieldValue('kind') === 'buyer' && (
                  <Form.Item name="customerId" label={t('ba.customer')} rules={[{ required: true, message: t('common.required') }]} extra={t('ba.customerHint')}>
                    <Select showSearch={{ optionFilterProp: 'label' }} options={customers} />
                  </Form.Item>
                )}
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="companyName" label={t('ba.company')} rules={required}><Input maxLength={200} /></Form.Item>
          <Form.Item name="creditCode" label={t('ba.creditCode')} extra={t('ba.creditCodeHint')}
            rules={[...required, { validator: async (_: unknown, value?: string) => { if (value && !CREDIT_CODE.test(value.trim().toUpperCase())) throw new Error(t('ba.creditCodeInvalid')); } }]}>
            <Input maxLength={18} />
          </Form.Item>
          <Row gutter={16}>
            <Col span={8}><Form.Item name="contactName" label={t('ba.contact')} rules={required}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="contactPhone" label={t('ba.contactPhone')} rules={required}><Input /></Form.Item></Col>
            <Col span={8}><Form.Item name="contactEmail" label={t('ba.contactEmail')}><Input /></Form.Item></Col>
          </Row>
          <Typography.Text strong>{t('ba.documents')}</Typography.Text>
          <Form.List name="documents">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col span={9}>
                      <Form.Item name={[field.name, 'kind']} label={t('ba.documentKind')}>
                        <Select options={DOCUMENT_KINDS.map((k) => ({ value: k, label: k }))} />
                      </Form.Item>
                    </Col>
                    <Col span={12}>
                      <Form.Item name={[field.name, 'reference']} label={t('ba.documentReference')}><Input /></Form.Item>
                    </Col>
                    <Col span={3}>
                      <Form.Item label=" "><Button icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label="remove" /></Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ kind: 'other' })}>{t('ba.addDocument')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

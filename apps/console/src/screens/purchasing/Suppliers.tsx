import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { label } from '../labels';

type Supplier = components['schemas']['SupplierView'];
type RegisterSupplier = components['schemas']['RegisterSupplierRequest'];
export const SUPPLIER_KINDS = ['goods', 'factory', 'service'] as const;

export type SupplierForm = {
  code: string;
  name: string;
  kind: (typeof SUPPLIER_KINDS)[number];
  taxId?: string;
  paymentTermsDays?: number;
  bankName?: string;
  bankAccount?: string;
  contacts?: Array<{ name?: string; phone?: string; email?: string }>;
};

const blank = (text: string | undefined) => !text?.trim();

/** The supplier as the API takes it: empty optional fields left out, contacts without a name dropped. */
export function supplierBody(values: SupplierForm): RegisterSupplier {
  return {
    code: values.code.trim(),
    name: values.name.trim(),
    kind: values.kind,
    paymentTermsDays: values.paymentTermsDays ?? 0,
    ...(blank(values.taxId) ? {} : { taxId: values.taxId!.trim().toUpperCase() }),
    ...(blank(values.bankName) ? {} : { bankName: values.bankName!.trim() }),
    ...(blank(values.bankAccount) ? {} : { bankAccount: values.bankAccount!.trim() }),
    contacts: (values.contacts ?? []).filter((c) => !blank(c.name)).map((c) => ({
      name: c.name!.trim(), ...(blank(c.phone) ? {} : { phone: c.phone!.trim() }), ...(blank(c.email) ? {} : { email: c.email!.trim() }),
    })),
  };
}

/**
 * Suppliers by code: who goods are bought from, on what terms. Bank accounts are masked in the list; the
 * purchasing manager and finance see one in full on its own page (the API decides). Buyers register and
 * change suppliers; the purchasing manager deactivates one.
 */
export function Suppliers() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayDeactivate = session.may('POST /api/v1/inventory/suppliers/{id}/deactivate');
  const mayChange = session.may('PUT /api/v1/inventory/suppliers/{id}');
  return (
    <DataList<Supplier>
      title="nav.suppliers"
      queryKey="suppliers"
      csvPath="/api/v1/inventory/suppliers"
      read={(query) => answer(api.GET('/api/v1/inventory/suppliers', { params: { query } }))}
      filters={[
        { name: 'q', label: 'purchasing.search', kind: 'text' },
        { name: 'kind', label: 'purchasing.kind', kind: 'select', options: SUPPLIER_KINDS.map((k) => ({ value: k, label: label(`supplier-kind.${k}`, locale) })) },
        { name: 'active', label: 'purchasing.active', kind: 'select', options: [{ value: 'true', label: t('purchasing.activeYes') }, { value: 'false', label: t('purchasing.activeNo') }] },
      ]}
      toolbar={session.may('POST /api/v1/inventory/suppliers') && <SupplierDialog />}
      columns={[
        { title: t('purchasing.code'), dataIndex: 'code' },
        { title: t('purchasing.name'), dataIndex: 'name' },
        { title: t('purchasing.kind'), dataIndex: 'kind', render: (k: string) => label(`supplier-kind.${k}`, locale) },
        { title: t('purchasing.taxId'), dataIndex: 'taxId', render: (v: string | null) => v ?? '—' },
        { title: t('purchasing.paymentTermsDays'), dataIndex: 'paymentTermsDays', align: 'right' },
        { title: t('purchasing.bankAccount'), key: 'bank', render: (_, s) => (s.bankAccount ? `${s.bankName ?? ''} ${s.bankAccount}` : '—') },
        { title: t('purchasing.contacts'), key: 'contacts', render: (_, s) => s.contacts.map((c) => [c.name, c.phone, c.email].filter(Boolean).join(' ')).join('；') || '—' },
        { title: t('purchasing.active'), dataIndex: 'active', render: (a: boolean) => <Tag color={a ? 'green' : 'default'}>{t(a ? 'purchasing.activeYes' : 'purchasing.activeNo')}</Tag> },
        { title: t('purchasing.revision'), dataIndex: 'revision', align: 'right' },
        ...(mayChange || mayDeactivate
          ? [{
            title: t('common.actions'), key: 'actions',
            render: (_: unknown, s: Supplier) => s.active && (
              <Space>
                {mayChange && <SupplierDialog supplier={s} />}
                {mayDeactivate && (
                  <ActionButton danger reason={t('purchasing.deactivateReason')} testId={`deactivate-${s.code}`}
                    run={(reason) => answer(api.POST('/api/v1/inventory/suppliers/{id}/deactivate', { params: { path: { id: s.id } }, body: { reason } }))}>
                    {t('purchasing.deactivate')}
                  </ActionButton>
                )}
              </Space>
            ),
          }]
          : []),
      ]}
    />
  );
}

/** Registers a supplier, or (with `supplier`) changes one: the code stays; the bank account is sent only when typed again in full. */
export function SupplierDialog({ supplier }: { supplier?: Supplier }) {
  const { t, locale } = useI18n();
  const idempotency = useIdempotencyKey();
  const submit = async (values: SupplierForm) => {
    if (!supplier) {
      await answer(api.POST('/api/v1/inventory/suppliers', { body: supplierBody(values), headers: idempotency.headers() }));
      idempotency.renew();
      return;
    }
    const { code: _code, bankAccount, ...rest } = supplierBody({ ...values, code: supplier.code });
    // A masked account shown in the form is not the account: it is sent only when the person typed a new one.
    const account = bankAccount && !bankAccount.includes('*') ? { bankAccount } : {};
    await answer(api.PUT('/api/v1/inventory/suppliers/{id}', { params: { path: { id: supplier.id } }, body: { ...rest, taxId: rest.taxId ?? null, ...account } }));
  };
  const initial: Partial<SupplierForm> = supplier
    ? {
      code: supplier.code, name: supplier.name, kind: supplier.kind as SupplierForm['kind'], taxId: supplier.taxId ?? undefined, paymentTermsDays: supplier.paymentTermsDays,
      bankName: supplier.bankName ?? undefined, contacts: supplier.contacts.map((c) => ({ name: c.name, phone: c.phone ?? undefined, email: c.email ?? undefined })),
    }
    : { kind: 'goods', paymentTermsDays: 30, contacts: [{}] };
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<SupplierForm>
      trigger={supplier ? t('purchasing.editSupplier') : t('purchasing.newSupplier')}
      title={supplier ? `${t('purchasing.editSupplier')} ${supplier.code}` : t('purchasing.newSupplier')}
      width={760}
      primary={!supplier}
      size={supplier ? 'small' : undefined}
      initialValues={initial}
      submit={submit}
      testId={supplier ? `edit-${supplier.code}` : 'new-supplier'}
    >
      {() => (
        <>
          <Row gutter={16}>
            <Col span={8}><Form.Item name="code" label={t('purchasing.code')} rules={required}><Input disabled={!!supplier} /></Form.Item></Col>
            <Col span={10}><Form.Item name="name" label={t('purchasing.name')} rules={required}><Input /></Form.Item></Col>
            <Col span={6}>
              <Form.Item name="kind" label={t('purchasing.kind')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={SUPPLIER_KINDS.map((k) => ({ value: k, label: label(`supplier-kind.${k}`, locale) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="taxId" label={t('purchasing.taxId')}><Input maxLength={18} /></Form.Item></Col>
            <Col span={12}>
              <Form.Item name="paymentTermsDays" label={t('purchasing.paymentTermsDays')} rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber min={0} max={365} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col span={12}><Form.Item name="bankName" label={t('purchasing.bankName')}><Input /></Form.Item></Col>
            <Col span={12}><Form.Item name="bankAccount" label={t('purchasing.bankAccount')} extra={supplier?.bankAccount ?? undefined}><Input /></Form.Item></Col>
          </Row>
          <Typography.Title level={3} style={{ fontSize: 16 }}>{t('purchasing.contacts')}</Typography.Title>
          <Form.List name="contacts">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={12}>
                    <Col span={7}><Form.Item name={[field.name, 'name']} label={t('purchasing.contactName')}><Input /></Form.Item></Col>
                    <Col span={7}><Form.Item name={[field.name, 'phone']} label={t('purchasing.contactPhone')}><Input /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[field.name, 'email']} label={t('purchasing.contactEmail')}><Input /></Form.Item></Col>
                    <Col span={2}>
                      <Form.Item label=" ">
                        <Button type="text" aria-label={t('warehouse.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({})}>{t('purchasing.addContact')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

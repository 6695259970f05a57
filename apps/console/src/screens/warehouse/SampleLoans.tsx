import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Col, Form, Input, InputNumber, Row, Select, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { statusWord, useWarehouseOptions } from './Transfers';

type SampleLoan = components['schemas']['SampleLoanView'];
type LendForm = { name: string; phone: string; organisation: string; expectedReturnDate: string; lines: Array<{ sku: string; quantity: number; warehouseCode: string }> };
type ReturnForm = { lines: Array<{ sku: string; outstanding: number; quantity?: number }> };
const STATUSES = ['out', 'returned', 'written_off'] as const;
const COLOR: Record<string, string> = { out: 'orange', returned: 'green', written_off: 'default' };

/**
 * Samples lent out: they leave stock for ON_LOAN, come back all or in part, and what never comes back is written
 * off once a warehouse manager other than the person who asked approves. Overdue loans are past their date.
 */
export function SampleLoans() {
  const { t } = useI18n();
  const session = useSession();
  const may = {
    lend: session.may('POST /api/v1/inventory/sample-loans'),
    takeBack: session.may('POST /api/v1/inventory/sample-loans/{id}/returns'),
    writeOff: session.may('POST /api/v1/inventory/sample-loans/{id}/write-off'),
    approve: session.may('POST /api/v1/inventory/sample-loans/{id}/write-off/approve'),
  };
  return (
    <DataList<SampleLoan>
      title="nav.sampleLoans"
      queryKey="sample-loans"
      csvPath="/api/v1/inventory/sample-loans"
      read={(query) => answer(api.GET('/api/v1/inventory/sample-loans', { params: { query: query as never } }))}
      filters={[
        { name: 'status', label: 'wops.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(statusWord(s)) })) },
        { name: 'overdue', label: 'wops.onlyOverdue', kind: 'select', options: [{ value: 'true', label: t('wops.overdue') }] },
      ]}
      toolbar={may.lend && <LendDialog />}
      columns={[
        { title: t('wops.number'), dataIndex: 'number' },
        { title: t('wops.borrower'), key: 'borrower', render: (_, r) => `${r.borrower.name} ${r.borrower.phone}` },
        { title: t('wops.organisation'), key: 'organisation', render: (_, r) => r.borrower.organisation },
        { title: t('wops.status'), dataIndex: 'status', render: (s: string, r) => <Space><Tag color={COLOR[s]}>{t(statusWord(s))}</Tag>{r.overdue && <Tag color="red">{t('wops.overdue')}</Tag>}</Space> },
        { title: t('wops.expectedReturnDate'), dataIndex: 'expectedReturnDate' },
        { title: t('wops.outstanding'), key: 'outstanding', align: 'right', render: (_, r) => r.lines.reduce((n, l) => n + l.outstanding, 0) },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, r: SampleLoan) => r.status === 'out' && (
            <Space>
              {may.takeBack && <ReturnSamplesDialog loan={r} />}
              {may.writeOff && !r.writeOffRequestedBy && (
                <ActionButton testId={`write-off-${r.number}`} reason={t('wops.writeOffReason')} run={(reason) => answer(api.POST('/api/v1/inventory/sample-loans/{id}/write-off', { params: { path: { id: r.id } }, body: { reason } }))}>{t('wops.writeOff')}</ActionButton>
              )}
              {may.approve && r.writeOffRequestedBy && (
                <ActionButton testId={`approve-write-off-${r.number}`} danger confirm={r.writeOffReason ?? ''} run={() => answer(api.POST('/api/v1/inventory/sample-loans/{id}/write-off/approve', { params: { path: { id: r.id } } }))}>{t('wops.approveWriteOff')}</ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function LendDialog() {
  const { t } = useI18n();
  const warehouses = useWarehouseOptions();
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  const submit = (v: LendForm) => answer(api.POST('/api/v1/inventory/sample-loans', {
    body: {
      borrower: { name: v.name.trim(), phone: v.phone.trim(), organisation: v.organisation.trim() }, expectedReturnDate: v.expectedReturnDate,
      lines: v.lines.map((l) => ({ sku: l.sku.trim(), quantity: l.quantity, warehouseCode: l.warehouseCode })),
    },
  }));
  return (
    <FormDialog<LendForm>
      trigger={t('wops.lend')} title={t('wops.lend')} width={860} submit={submit} initialValues={{ lines: [{ sku: '', quantity: 1, warehouseCode: 'MAIN' }] }}
      rename={{ 'borrower.name': 'name', 'borrower.phone': 'phone', 'borrower.organisation': 'organisation' }} testId="lend-samples"
    >
      {() => (
        <>
          <Row gutter={16}>
            <Col span={8}><Form.Item name="name" label={t('wops.borrower')} rules={required}><Input maxLength={100} /></Form.Item></Col>
            <Col span={8}><Form.Item name="phone" label={t('wops.phone')} rules={required}><Input maxLength={40} /></Form.Item></Col>
            <Col span={8}><Form.Item name="organisation" label={t('wops.organisation')} rules={required}><Input maxLength={200} /></Form.Item></Col>
          </Row>
          <Form.Item name="expectedReturnDate" label={t('wops.expectedReturnDate')} rules={required}><Input type="date" style={{ width: 200 }} /></Form.Item>
          <Typography.Text strong>{t('warehouse.lines')}</Typography.Text>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field) => (
                  <Row key={field.key} gutter={12} align="top">
                    <Col span={9}><Form.Item name={[field.name, 'sku']} label={t('wops.sku')} rules={required}><Input /></Form.Item></Col>
                    <Col span={5}><Form.Item name={[field.name, 'quantity']} label={t('wops.quantity')} rules={[{ required: true, message: t('common.required') }]}><InputNumber min={1} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[field.name, 'warehouseCode']} label={t('wops.warehouse')} rules={[{ required: true, message: t('common.required') }]}><Select loading={warehouses.loading} options={warehouses.options} /></Form.Item></Col>
                    <Col span={2}>
                      {fields.length > 1 && <Form.Item label=" "><Button type="text" aria-label={t('warehouse.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} /></Form.Item>}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ sku: '', quantity: 1, warehouseCode: 'MAIN' })}>{t('wops.addLine')}</Button>
              </>
            )}
          </Form.List>
        </>
      )}
    </FormDialog>
  );
}

/** What came back, per line still out; a line left empty sends nothing. */
function ReturnSamplesDialog({ loan }: { loan: SampleLoan }) {
  const { t } = useI18n();
  const submit = (v: ReturnForm) => answer(api.POST('/api/v1/inventory/sample-loans/{id}/returns', {
    params: { path: { id: loan.id } },
    body: { lines: v.lines.filter((l) => (l.quantity ?? 0) > 0).map((l) => ({ sku: l.sku, quantity: l.quantity! })) },
  }));
  return (
    <FormDialog<ReturnForm>
      trigger={t('wops.returnSamples')} title={`${t('wops.returnSamples')} ${loan.number}`} size="small" primary={false} submit={submit}
      initialValues={{ lines: loan.lines.filter((l) => l.outstanding > 0).map((l) => ({ sku: l.sku, outstanding: l.outstanding, quantity: l.outstanding })) }}
      testId={`return-${loan.number}`}
    >
      {() => (
        <Form.List name="lines">
          {(fields) => fields.map((field) => (
            <Row key={field.key} gutter={12}>
              <Col span={10}><Form.Item name={[field.name, 'sku']} label={t('wops.sku')}><Input disabled /></Form.Item></Col>
              <Col span={7}><Form.Item name={[field.name, 'outstanding']} label={t('wops.outstanding')}><InputNumber disabled style={{ width: '100%' }} /></Form.Item></Col>
              <Col span={7}><Form.Item name={[field.name, 'quantity']} label={t('wops.quantity')}><InputNumber min={0} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
            </Row>
          ))}
        </Form.List>
      )}
    </FormDialog>
  );
}

import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Col, Form, Input, InputNumber, Row, Space, Table, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';
import { accountName, fen, JournalLink, type QueryOf } from './shared';

type Voucher = components['schemas']['VoucherView'];
type Status = 'draft' | 'submitted' | 'posted' | 'rejected';
const STATUSES: readonly Status[] = ['draft', 'submitted', 'posted', 'rejected'];
const STATUS_COLOURS: Record<Status, string> = { draft: 'default', submitted: 'gold', posted: 'green', rejected: 'red' };

/**
 * Vouchers (记账凭证): an accountant drafts a journal entry by hand, submits it, and another accountant reviews it —
 * approved, it posts to the journal; rejected, its preparer fixes it. A posted voucher is corrected by reversing it.
 */
export function Vouchers() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayDraft = session.may('POST /api/v1/finance/vouchers');
  const mine = (v: Voucher) => v.preparedBy === session.userId;
  return (
    <DataList<Voucher>
      title="nav.vouchers"
      queryKey="finance-vouchers"
      csvPath="/api/v1/finance/vouchers"
      read={(query) => answer(api.GET('/api/v1/finance/vouchers', { params: { query: query as QueryOf<'/api/v1/finance/vouchers'> } }))}
      filters={[
        { name: 'status', label: 'orders.status', kind: 'select', options: STATUSES.map((s) => ({ value: s, label: t(`vouchers.status.${s}`) })) },
        { name: 'month', label: 'vouchers.month', kind: 'text' },
      ]}
      toolbar={mayDraft && <VoucherDialog />}
      expandable={{ expandedRowRender: (v: Voucher) => <VoucherLines voucher={v} /> }}
      columns={[
        { title: t('vouchers.number'), dataIndex: 'number' },
        { title: t('vouchers.entryDate'), dataIndex: 'entryDate' },
        {
          title: t('vouchers.memo'), dataIndex: 'memo',
          render: (memo: string, v: Voucher) => (
            <Space orientation="vertical" size={0}>
              <span>{memo}</span>
              {v.attachmentCount > 0 && <Typography.Text type="secondary">{t('vouchers.attachments')} {v.attachmentCount}{v.attachmentRefs.length ? `: ${v.attachmentRefs.join('; ')}` : ''}</Typography.Text>}
            </Space>
          ),
        },
        { title: t('vouchers.total'), dataIndex: 'totalFen', align: 'right', render: (v: number) => fen(v) },
        { title: t('vouchers.preparedBy'), key: 'prepared', render: (_: unknown, v: Voucher) => <><Person id={v.preparedBy} /> {formatDateTime(v.preparedAt, locale)}</> },
        { title: t('vouchers.reviewedBy'), key: 'reviewed', render: (_: unknown, v: Voucher) => (v.reviewedBy ? <Person id={v.reviewedBy} /> : '—') },
        {
          title: t('orders.status'), dataIndex: 'status',
          render: (s: Status, v: Voucher) => (
            <Space orientation="vertical" size={0}>
              <Tag color={STATUS_COLOURS[s]} data-testid={`status-${v.number}`}>{t(`vouchers.status.${s}`)}</Tag>
              {v.rejectionReason && s === 'rejected' && <Typography.Text type="danger">{v.rejectionReason}</Typography.Text>}
              {v.journalEntryNumber && <Typography.Text type="secondary">{v.journalEntryNumber} · <JournalLink sourceId={v.id} /></Typography.Text>}
              {v.reversalOf && <Typography.Text type="secondary">{t('vouchers.reversalOf')}</Typography.Text>}
              {v.reversedBy && <Tag>{t('vouchers.reversed')}</Tag>}
            </Space>
          ),
        },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, v: Voucher) => (
            <Space wrap>
              {mayDraft && mine(v) && (v.status === 'draft' || v.status === 'rejected') && <VoucherDialog voucher={v} />}
              {mayDraft && mine(v) && v.status === 'draft' && (
                <ActionButton primary testId={`submit-${v.number}`} run={() => answer(api.POST('/api/v1/finance/vouchers/{voucherId}/submit', { params: { path: { voucherId: v.id } } }))}>
                  {t('vouchers.submit')}
                </ActionButton>
              )}
              {/* The preparer never reviews their own voucher: the buttons are not offered to them. */}
              {mayDraft && !mine(v) && v.status === 'submitted' && (
                <>
                  <ActionButton primary confirm={t('vouchers.approveAsk')} testId={`approve-${v.number}`}
                    run={() => answer(api.POST('/api/v1/finance/vouchers/{voucherId}/approve', { params: { path: { voucherId: v.id } } }))}>
                    {t('vouchers.approve')}
                  </ActionButton>
                  <ActionButton danger reason={t('vouchers.rejectReason')} testId={`reject-${v.number}`}
                    run={(reason) => answer(api.POST('/api/v1/finance/vouchers/{voucherId}/reject', { params: { path: { voucherId: v.id } }, body: { reason } }))}>
                    {t('vouchers.reject')}
                  </ActionButton>
                </>
              )}
              {mayDraft && v.status === 'posted' && !v.reversedBy && (
                <ActionButton confirm={t('vouchers.reverseAsk')} testId={`reverse-${v.number}`}
                  run={() => answer(api.POST('/api/v1/finance/vouchers/{voucherId}/reverse', { params: { path: { voucherId: v.id } }, body: {} }))}>
                  {t('vouchers.reverse')}
                </ActionButton>
              )}
            </Space>
          ),
        },
      ]}
    />
  );
}

function VoucherLines({ voucher }: { voucher: Voucher }) {
  const { t, locale } = useI18n();
  return (
    <Table
      rowKey={(_, i) => String(i)}
      size="small"
      pagination={false}
      dataSource={voucher.lines}
      style={{ maxWidth: 900 }}
      columns={[
        { title: t('vouchers.account'), dataIndex: 'accountCode', width: 100 },
        { title: t('finance.accountName'), dataIndex: 'accountName', render: (n: string) => accountName(n, locale) },
        { title: t('vouchers.lineMemo'), dataIndex: 'memo', render: (m: string | null) => m ?? '' },
        { title: t('finance.debit'), dataIndex: 'debitFen', align: 'right', render: (v: number) => (v ? fen(v) : '') },
        { title: t('finance.credit'), dataIndex: 'creditFen', align: 'right', render: (v: number) => (v ? fen(v) : '') },
      ]}
    />
  );
}

/** The form's line: the amounts typed in yuan under the API's own field names, so its field errors land on them. */
interface LineForm { accountCode: string; debitFen: string; creditFen: string; memo: string }
interface VoucherForm { entryDate: string; memo: string; attachmentCount: number; attachmentRefs: string; lines: LineForm[] }

const EMPTY_LINE: LineForm = { accountCode: '', debitFen: '', creditFen: '', memo: '' };
const yuan = (fenValue: number) => (fenValue ? (fenValue / 100).toFixed(2) : '');

/** What the form says, as the API takes it. */
export function voucherBody(v: VoucherForm) {
  return {
    entryDate: v.entryDate, memo: v.memo.trim(), attachmentCount: v.attachmentCount ?? 0,
    attachmentRefs: (v.attachmentRefs ?? '').split('\n').map((r) => r.trim()).filter(Boolean),
    lines: (v.lines ?? []).map((l) => ({
      accountCode: (l.accountCode ?? '').trim(),
      ...(l.debitFen?.trim() ? { debitFen: yuanToFen(l.debitFen) ?? -1 } : {}),
      ...(l.creditFen?.trim() ? { creditFen: yuanToFen(l.creditFen) ?? -1 } : {}),
      ...(l.memo?.trim() ? { memo: l.memo.trim() } : {}),
    })),
  };
}

/** Debits and credits of the lines as typed, for the editor's running totals. */
export function totalsOf(lines: readonly Partial<LineForm>[] | undefined): { debitFen: number; creditFen: number } {
  const sum = (pick: (l: Partial<LineForm>) => string | undefined) => (lines ?? []).reduce((s, l) => s + Math.max(yuanToFen(pick(l) ?? '') ?? 0, 0), 0);
  return { debitFen: sum((l) => l.debitFen), creditFen: sum((l) => l.creditFen) };
}

/** Draft a voucher, or fix one (a draft, or a rejected one: it becomes a draft again). The lines' totals show as they are typed. */
function VoucherDialog({ voucher }: { voucher?: Voucher }) {
  const { t, locale } = useI18n();
  const accounts = useQuery({ queryKey: ['finance-trial-balance'], queryFn: () => answer(api.GET('/api/v1/finance/trial-balance')) });
  const options = (accounts.data?.accounts ?? []).map((a) => ({ value: a.account, label: `${a.account} ${accountName(a.name, locale)}` }));
  const initial: VoucherForm = voucher
    ? {
      entryDate: voucher.entryDate, memo: voucher.memo, attachmentCount: voucher.attachmentCount, attachmentRefs: voucher.attachmentRefs.join('\n'),
      lines: voucher.lines.map((l) => ({ accountCode: l.accountCode, debitFen: yuan(l.debitFen), creditFen: yuan(l.creditFen), memo: l.memo ?? '' })),
    }
    : { entryDate: businessDate(), memo: '', attachmentCount: 0, attachmentRefs: '', lines: [EMPTY_LINE, EMPTY_LINE] };
  const submit = (v: VoucherForm) => (voucher
    ? answer(api.PUT('/api/v1/finance/vouchers/{voucherId}', { params: { path: { voucherId: voucher.id } }, body: voucherBody(v) }))
    : answer(api.POST('/api/v1/finance/vouchers', { body: voucherBody(v) })));
  const required = [{ required: true, whitespace: true, message: t('common.required') }];
  return (
    <FormDialog<VoucherForm>
      trigger={voucher ? t('vouchers.edit') : t('vouchers.new')}
      title={voucher ? `${t('vouchers.edit')} ${voucher.number}` : t('vouchers.new')}
      primary={!voucher}
      size={voucher ? 'small' : undefined}
      width={960}
      testId={voucher ? `edit-${voucher.number}` : 'new-voucher'}
      initialValues={initial}
      submit={submit}
    >
      {(form) => (
        <>
          <Typography.Paragraph type="secondary">{t('vouchers.hint')}</Typography.Paragraph>
          <Row gutter={16}>
            <Col span={6}><Form.Item name="entryDate" label={t('vouchers.entryDate')} rules={required}><Input type="date" /></Form.Item></Col>
            <Col span={12}><Form.Item name="memo" label={t('vouchers.memo')} rules={required}><Input maxLength={500} /></Form.Item></Col>
            <Col span={6}><Form.Item name="attachmentCount" label={t('vouchers.attachmentCount')}><InputNumber min={0} max={999} precision={0} style={{ width: '100%' }} /></Form.Item></Col>
          </Row>
          <Form.Item name="attachmentRefs" label={t('vouchers.attachmentRefs')}><Input.TextArea rows={2} /></Form.Item>
          <Form.List name="lines">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <Row key={field.key} gutter={8} align="top">
                    <Col span={6}>
                      <Form.Item name={[field.name, 'accountCode']} label={index === 0 ? t('vouchers.account') : undefined} rules={required}>
                        <AutoComplete options={options} filterOption={(input, option) => String(option?.label ?? '').includes(input)} aria-label={`${t('vouchers.account')} ${index + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col span={4}><Form.Item name={[field.name, 'debitFen']} label={index === 0 ? t('vouchers.debit') : undefined}><Input aria-label={`${t('vouchers.debit')} ${index + 1}`} inputMode="decimal" /></Form.Item></Col>
                    <Col span={4}><Form.Item name={[field.name, 'creditFen']} label={index === 0 ? t('vouchers.credit') : undefined}><Input aria-label={`${t('vouchers.credit')} ${index + 1}`} inputMode="decimal" /></Form.Item></Col>
                    <Col span={8}><Form.Item name={[field.name, 'memo']} label={index === 0 ? t('vouchers.lineMemo') : undefined}><Input maxLength={200} /></Form.Item></Col>
                    <Col span={2}>
                      {fields.length > 2 && <Form.Item label={index === 0 ? ' ' : undefined}><Button type="text" aria-label={t('vouchers.removeLine')} icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} /></Form.Item>}
                    </Col>
                  </Row>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add(EMPTY_LINE)}>{t('vouchers.addLine')}</Button>
              </>
            )}
          </Form.List>
          <Form.Item noStyle shouldUpdate>
            {() => {
              const { debitFen, creditFen } = totalsOf(form.getFieldValue('lines'));
              return (
                <Space style={{ marginTop: 12 }} data-testid="voucher-totals">
                  <span>{t('vouchers.debits')} {fen(debitFen)}</span>
                  <span>{t('vouchers.credits')} {fen(creditFen)}</span>
                  {debitFen === creditFen && debitFen > 0
                    ? <Tag color="green">{t('vouchers.balanced')}</Tag>
                    : <Tag color="red">{t('vouchers.unbalanced')} {fen(debitFen - creditFen)}</Tag>}
                </Space>
              );
            }}
          </Form.Item>
        </>
      )}
    </FormDialog>
  );
}

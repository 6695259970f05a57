import { Col, Form, Input, Row, Space, Tag, Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { FormDialog } from '../kit/FormDialog';
import { Person } from '../kit/people';
import { label } from '../labels';

type CashierDay = components['schemas']['CashierDayView'];
type Method = 'cash' | 'pos' | 'transfer';
const METHODS: Method[] = ['cash', 'pos', 'transfer'];
interface CountForm { businessDate: string; cash: string; pos: string; transfer: string; explanations?: Partial<Record<Method, string>> }

/**
 * The cashiers' days: each cashier counts what they hold by way of payment against the books, explains
 * every difference, and someone else in finance confirms; a closed day never changes.
 */
export function CashierDays() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayConfirm = session.may('POST /api/v1/finance/cashier-days/{dayId}/confirm');
  const line = (day: CashierDay, method: Method) => day.lines.find((l) => l.method === method);
  return (
    <DataList<CashierDay>
      title="nav.cashierDays"
      queryKey="cashier-days"
      csvPath="/api/v1/finance/cashier-days"
      read={(query) => answer(api.GET('/api/v1/finance/cashier-days', { params: { query } }))}
      filters={[
        { name: 'businessDate', label: 'finance.day.date', kind: 'date' },
        { name: 'status', label: 'finance.filterStatus', kind: 'select', options: ['counted', 'closed'].map((s) => ({ value: s, label: t(`finance.day.${s}` as 'finance.day.counted') })) },
      ]}
      toolbar={session.may('POST /api/v1/finance/cashier-days') && <CountDayDialog />}
      expandable={{ expandedRowRender: (day) => <DayLines day={day} /> }}
      columns={[
        { title: t('finance.day.date'), dataIndex: 'businessDate' },
        { title: t('finance.day.cashier'), dataIndex: 'cashierId', render: (id: string) => <Person id={id} /> },
        { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'closed' ? 'green' : 'gold'}>{t(`finance.day.${s}` as 'finance.day.counted')}</Tag> },
        ...METHODS.map((method) => ({
          title: label(method, locale), key: method, align: 'right' as const,
          render: (_: unknown, day: CashierDay) => {
            const l = line(day, method);
            if (!l) return '—';
            return l.differenceFen === 0 ? formatFen(l.countedFen) : <Typography.Text type="danger">{formatFen(l.countedFen)} ({l.differenceFen > 0 ? '+' : ''}{formatFen(l.differenceFen)})</Typography.Text>;
          },
        })),
        { title: t('finance.day.receipts'), dataIndex: 'receiptCount', align: 'right' },
        { title: t('finance.day.explained'), dataIndex: 'explained', render: (ok: boolean) => (ok ? t('finance.day.yes') : <Typography.Text type="danger">{t('finance.day.no')}</Typography.Text>) },
        { title: t('finance.day.confirmedBy'), key: 'confirmed', render: (_: unknown, day: CashierDay) => (day.confirmedBy ? <><Person id={day.confirmedBy} /> {formatDateTime(day.confirmedAt, locale)}</> : '—') },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, day: CashierDay) => mayConfirm && day.status === 'counted' && day.cashierId !== session.userId && (
            <ActionButton primary confirm={t('finance.day.confirmAsk')} run={() => answer(api.POST('/api/v1/finance/cashier-days/{dayId}/confirm', { params: { path: { dayId: day.id } } }))} testId={`confirm-day-${day.businessDate}`}>
              {t('finance.day.confirm')}
            </ActionButton>
          ),
        },
      ]}
    />
  );
}

function DayLines({ day }: { day: CashierDay }) {
  const { t, locale } = useI18n();
  return (
    <Space orientation="vertical">
      {day.lines.map((l) => (
        <div key={l.method}>
          <strong>{label(l.method, locale)}</strong>：{t('finance.day.recorded')} {formatFen(l.recordedFen)} · {t('finance.day.counted')} {formatFen(l.countedFen)} · {t('finance.day.difference')} {formatFen(l.differenceFen)}
          {l.explanation && <> · {l.explanation}</>}
        </div>
      ))}
    </Space>
  );
}

/** The cashier's count of their day: each way of payment in yuan, and why any of them is over or short. */
export function CountDayDialog() {
  const { t, locale } = useI18n();
  const amount = { validator: (_: unknown, v: string) => (yuanToFen(v ?? '') !== null && (yuanToFen(v ?? '') ?? -1) >= 0 ? Promise.resolve() : Promise.reject(new Error(t('newOrder.notAnAmount')))) };
  return (
    <FormDialog<CountForm>
      trigger={t('finance.day.count')}
      title={t('finance.day.count')}
      testId="count-day"
      initialValues={{ businessDate: businessDate(), cash: '0.00', pos: '0.00', transfer: '0.00' }}
      rename={{ cashFen: 'cash', posFen: 'pos', transferFen: 'transfer' }}
      submit={(values) => answer(api.POST('/api/v1/finance/cashier-days', {
        body: {
          businessDate: values.businessDate, cashFen: yuanToFen(values.cash)!, posFen: yuanToFen(values.pos)!, transferFen: yuanToFen(values.transfer)!,
          explanations: Object.fromEntries(Object.entries(values.explanations ?? {}).filter(([, v]) => v?.trim())),
        },
      }))}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('finance.day.countHint')}</Typography.Paragraph>
          <Form.Item name="businessDate" label={t('finance.day.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}><Input /></Form.Item>
          {METHODS.map((method) => (
            <Row gutter={12} key={method}>
              <Col span={8}><Form.Item name={method} label={`${label(method, locale)}（${t('finance.day.yuan')}）`} rules={[amount]}><Input /></Form.Item></Col>
              <Col span={16}><Form.Item name={['explanations', method]} label={t('finance.day.explanation')}><Input /></Form.Item></Col>
            </Row>
          ))}
        </>
      )}
    </FormDialog>
  );
}

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
interface CountForm {
  businessDate: string; cash: string; pos: string; transfer: string; explanations?: Partial<Record<Method, string>>;
  documentExplanations?: Record<string, string>;
}

/**
 * The cashiers' days: each cashier counts what they hold by way of payment against the books, explains
 * every difference, and someone else in finance confirms; a closed day never changes.
 */
export function CashierDays() {
  const { t, locale } = useI18n();
  const session = useSession();
  const mayConfirm = session.may('POST /api/v1/finance/cashier-days/{dayId}/confirm');
  const mayCount = session.may('POST /api/v1/finance/cashier-days');
  const mayHandOver = session.may('POST /api/v1/finance/cashier-days/{dayId}/handover');
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
        { title: t('finance.day.documents'), key: 'documents', align: 'right', render: (_: unknown, day: CashierDay) => (day.documents.length ? <Typography.Text type="warning">{day.documents.length}</Typography.Text> : '—') },
        { title: t('finance.day.handedOver'), dataIndex: 'handedOverFen', align: 'right', render: (fen: number) => (fen ? formatFen(fen) : '—') },
        { title: t('finance.day.explained'), dataIndex: 'explained', render: (ok: boolean) => (ok ? t('finance.day.yes') : <Typography.Text type="danger">{t('finance.day.no')}</Typography.Text>) },
        { title: t('finance.day.confirmedBy'), key: 'confirmed', render: (_: unknown, day: CashierDay) => (day.confirmedBy ? <><Person id={day.confirmedBy} /> {formatDateTime(day.confirmedAt, locale)}</> : '—') },
        {
          title: t('common.actions'), key: 'actions',
          render: (_: unknown, day: CashierDay) => {
            const own = day.cashierId === session.userId;
            const cashLeft = (line(day, 'cash')?.countedFen ?? 0) - day.handedOverFen;
            return (
              <Space wrap>
                {mayConfirm && day.status === 'counted' && !own && (
                  <ActionButton primary confirm={t('finance.day.confirmAsk')} run={() => answer(api.POST('/api/v1/finance/cashier-days/{dayId}/confirm', { params: { path: { dayId: day.id } } }))} testId={`confirm-day-${day.businessDate}`}>
                    {t('finance.day.confirm')}
                  </ActionButton>
                )}
                {mayCount && own && day.status === 'counted' && <CountDayDialog day={day} />}
                {mayHandOver && own && cashLeft > 0 && <HandOverDialog day={day} leftFen={cashLeft} />}
              </Space>
            );
          },
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
      <strong>{t('finance.day.documents')}</strong>
      {day.documents.length === 0 && <Typography.Text type="secondary">{t('finance.day.documentsNone')}</Typography.Text>}
      {day.documents.map((d) => (
        <div key={d.number} data-testid={`day-document-${d.number}`}>
          <Tag color={d.kind === 'receipt' ? 'gold' : 'volcano'}>{t(d.kind === 'receipt' ? 'finance.day.receiptNotInvoiced' : 'finance.day.invoiceNotPaid')}</Tag>
          {d.number} · {t('finance.order')} {d.orderNumber} · {t('finance.amount')} {formatFen(d.amountFen)} · {t('finance.day.unmatched')} {formatFen(d.unmatchedFen)}
          {d.explanation ? <> · {d.explanation}</> : <> · <Typography.Text type="danger">{t('finance.day.no')}</Typography.Text></>}
        </div>
      ))}
      <strong>{t('finance.day.outlets')}</strong>
      {!day.outletShifts?.length && <Typography.Text type="secondary">{t('finance.day.outletsNone')}</Typography.Text>}
      {day.outletShifts?.map((s) => (
        <div key={s.handoverId} data-testid={`day-outlet-shift-${s.handoverId}`}>
          {s.outletCode} · <Person id={s.handedOverBy} /> → <Person id={s.takenOverBy} /> · {t('finance.day.counted')} {formatFen(s.countedCashFen)} · {t('finance.day.difference')}{' '}
          {s.differenceFen === 0 ? formatFen(0) : <Typography.Text type="danger">{s.differenceFen > 0 ? '+' : ''}{formatFen(s.differenceFen)}</Typography.Text>}
          {s.explanation && <> · {s.explanation}</>}
        </div>
      ))}
      {!!day.outletShifts?.length && (
        <Typography.Text>
          {t('finance.day.outletTotals').replace('{cash}', formatFen(day.outletCashFen)).replace('{pos}', formatFen(day.outletPosFen))
            .replace('{transfer}', formatFen(day.outletTransferFen)).replace('{difference}', formatFen(day.outletDifferenceFen))}
        </Typography.Text>
      )}
    </Space>
  );
}

/** The cashier hands counted cash of their day to the treasurer (a finance manager confirms receiving it). */
function HandOverDialog({ day, leftFen }: { day: CashierDay; leftFen: number }) {
  const { t } = useI18n();
  const amount = { validator: (_: unknown, v: string) => ((yuanToFen(v ?? '') ?? 0) > 0 ? Promise.resolve() : Promise.reject(new Error(t('newOrder.notAnAmount')))) };
  return (
    <FormDialog<{ amount: string }>
      trigger={t('finance.handover.hand')}
      title={`${t('finance.handover.hand')} · ${day.businessDate}`}
      size="small"
      primary={false}
      testId={`hand-over-${day.businessDate}`}
      initialValues={{ amount: (leftFen / 100).toFixed(2) }}
      rename={{ amountFen: 'amount' }}
      submit={(values) => answer(api.POST('/api/v1/finance/cashier-days/{dayId}/handover', { params: { path: { dayId: day.id } }, body: { amountFen: yuanToFen(values.amount)! } }))}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('finance.handover.handHint')}</Typography.Paragraph>
          <Form.Item name="amount" label={t('finance.handover.amount')} rules={[amount]}><Input /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

/** The explanations of the day's unmatched documents that were written, by number; none when none was. */
function documentExplanations(values: CountForm): Record<string, string> | undefined {
  const given = Object.entries(values.documentExplanations ?? {}).filter(([, v]) => v?.trim());
  return given.length ? Object.fromEntries(given) : undefined;
}

/**
 * The cashier's count of their day: each way of payment in yuan, and why any of them is over or short. Opened on
 * a counted day, it starts from that count and asks why each receipt not invoiced or invoice not paid is so.
 */
export function CountDayDialog({ day }: { day?: CashierDay } = {}) {
  const { t, locale } = useI18n();
  const counted = (method: Method) => ((day?.lines.find((l) => l.method === method)?.countedFen ?? 0) / 100).toFixed(2);
  const amount = { validator: (_: unknown, v: string) => (yuanToFen(v ?? '') !== null && (yuanToFen(v ?? '') ?? -1) >= 0 ? Promise.resolve() : Promise.reject(new Error(t('newOrder.notAnAmount')))) };
  return (
    <FormDialog<CountForm>
      trigger={day ? t('finance.day.recount') : t('finance.day.count')}
      title={day ? `${t('finance.day.recount')} · ${day.businessDate}` : t('finance.day.count')}
      testId={day ? `recount-day-${day.businessDate}` : 'count-day'}
      size={day ? 'small' : undefined}
      primary={!day}
      width={day?.documents.length ? 720 : undefined}
      initialValues={day
        ? {
          businessDate: day.businessDate, cash: counted('cash'), pos: counted('pos'), transfer: counted('transfer'),
          explanations: Object.fromEntries(day.lines.filter((l) => l.explanation).map((l) => [l.method, l.explanation])),
          documentExplanations: Object.fromEntries(day.documents.map((d) => [d.number, d.explanation ?? ''])),
        }
        : { businessDate: businessDate(), cash: '0.00', pos: '0.00', transfer: '0.00' }}
      rename={{ cashFen: 'cash', posFen: 'pos', transferFen: 'transfer' }}
      submit={(values) => answer(api.POST('/api/v1/finance/cashier-days', {
        body: {
          businessDate: values.businessDate, cashFen: yuanToFen(values.cash)!, posFen: yuanToFen(values.pos)!, transferFen: yuanToFen(values.transfer)!,
          explanations: Object.fromEntries(Object.entries(values.explanations ?? {}).filter(([, v]) => v?.trim())),
          ...(documentExplanations(values) ? { documentExplanations: documentExplanations(values) } : {}),
        },
      }))}
    >
      {() => (
        <>
          <Typography.Paragraph type="secondary">{t('finance.day.countHint')}</Typography.Paragraph>
          <Form.Item name="businessDate" label={t('finance.day.date')} rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: 'YYYY-MM-DD' }]}><Input readOnly={!!day} /></Form.Item>
          {METHODS.map((method) => (
            <Row gutter={12} key={method}>
              <Col span={8}><Form.Item name={method} label={`${label(method, locale)}（${t('finance.day.yuan')}）`} rules={[amount]}><Input /></Form.Item></Col>
              <Col span={16}><Form.Item name={['explanations', method]} label={t('finance.day.explanation')}><Input /></Form.Item></Col>
            </Row>
          ))}
          {day?.documents.map((d) => (
            <Form.Item key={d.number} name={['documentExplanations', d.number]} label={t('finance.day.documentExplanation').replace('{number}', `${d.number} · ${d.orderNumber} · ${formatFen(d.unmatchedFen)}`)}>
              <Input />
            </Form.Item>
          ))}
        </>
      )}
    </FormDialog>
  );
}

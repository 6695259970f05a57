import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Col, Form, Input, InputNumber, Radio, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { businessDate, formatDateTime, formatFen, yuanToFen } from '../../lib/money';
import { ProblemAlert } from '../ProblemAlert';
import { ActionButton } from '../kit/ActionButton';
import { FormDialog } from '../kit/FormDialog';
import { useIdempotencyKey } from '../kit/idempotency';
import { ProblemSlot } from '../kit/Problems';
import { useOutletCode } from './bar-outlet';

type Ticket = components['schemas']['TillTicketView'];
type Price = components['schemas']['OutletPriceView'];
type TenderRequest = components['schemas']['TenderRequest'];
export interface CartLine { sku: string; quantity: number; listPriceFen: number }
export type Method = 'cash' | 'pos' | 'transfer';
export interface TenderForm {
  method: Method;
  /** Cash handed over, as typed (yuan). */
  tendered: string;
  counterfeitChecked: boolean;
  cards: Array<{ last4: string; signed: boolean }>;
  reference: string;
  payer: string;
}

const VOID = 'POST /api/v1/sales/outlets/{code}/tickets/{id}/void' as const;
const OPEN_DAY = 'POST /api/v1/sales/outlets/{code}/opening-checks' as const;
const STATUS_COLOURS: Record<string, string> = { open: 'blue', paid: 'green', voided: 'default' };

export const cartTotal = (cart: readonly CartLine[]) => cart.reduce((sum, l) => sum + l.quantity * l.listPriceFen, 0);

/** The one tender the till takes for the whole ticket, as the API wants it (cash: the change is the API's). */
export function tenderBody(form: TenderForm, totalFen: number): TenderRequest {
  if (form.method === 'cash') return { method: 'cash', amountFen: totalFen, tenderedFen: yuanToFen(form.tendered) ?? totalFen, counterfeitChecked: form.counterfeitChecked };
  if (form.method === 'pos') return { method: 'pos', amountFen: totalFen, cards: form.cards.map((c) => ({ last4: c.last4.trim(), signed: c.signed })) };
  return { method: 'transfer', amountFen: totalFen, reference: form.reference.trim(), payer: form.payer.trim() };
}

/** Adds one of a SKU to the cart (a second scan of the same SKU is one more of it). */
export function addToCart(cart: readonly CartLine[], price: Price): CartLine[] {
  const known = cart.find((l) => l.sku === price.sku);
  return known ? cart.map((l) => (l.sku === price.sku ? { ...l, quantity: l.quantity + 1 } : l)) : [...cart, { sku: price.sku, quantity: 1, listPriceFen: price.listPriceFen }];
}

const EMPTY_TENDER: TenderForm = { method: 'cash', tendered: '', counterfeitChecked: false, cards: [{ last4: '', signed: false }], reference: '', payer: '' };

/**
 * The till (收银台): pick the outlet, ring items up with a tap or a scan, take the money (cash after
 * the counterfeit check with the change shown, one or two signed cards, a transfer), and see the receipt number
 * at once; the day's tickets below, voided by the supervisor with a reason. Nothing sells before the opening check.
 */
export function Till() {
  return <ProblemSlot>{(problem) => <TillScreen actionProblem={problem} />}</ProblemSlot>;
}

function TillScreen({ actionProblem }: { actionProblem: unknown }) {
  const { t, locale } = useI18n();
  const session = useSession();
  const client = useQueryClient();
  const [code, setCode] = useOutletCode();
  const today = businessDate();
  const outlets = useQuery({ queryKey: ['outlets', 'mine'], queryFn: () => answer(api.GET('/api/v1/sales/outlets', { params: { query: { pageSize: 200 } } })) });
  const check = useQuery({
    queryKey: ['opening-check', code, today], enabled: !!code, retry: false,
    queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/opening-check', { params: { path: { code }, query: { date: today } } })).catch(() => null),
  });
  const prices = useQuery({ queryKey: ['outlet-prices', code, today], enabled: !!code, queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/prices', { params: { path: { code }, query: { date: today } } })) });
  const tickets = useQuery({
    queryKey: ['till-tickets', code, today], enabled: !!code,
    queryFn: () => answer(api.GET('/api/v1/sales/outlets/{code}/tickets', { params: { path: { code }, query: { date: today, pageSize: 20 } } })),
  });
  const priceList = useMemo(() => (Array.isArray(prices.data) ? prices.data : []), [prices.data]);
  const bySku = useMemo(() => new Map(priceList.map((p) => [p.sku, p])), [priceList]);
  const [cart, setCart] = useState<CartLine[]>([]);
  const [tender, setTender] = useState<TenderForm>(EMPTY_TENDER);
  const [scan, setScan] = useState('');
  const [scanError, setScanError] = useState<string>();
  const [paid, setPaid] = useState<Ticket>();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const idempotency = useIdempotencyKey();
  const scanRef = useRef<{ focus: () => void } | null>(null);
  const total = cartTotal(cart);
  const tenderedFen = yuanToFen(tender.tendered);
  const changeFen = tender.method === 'cash' && tenderedFen !== null ? tenderedFen - total : null;

  const add = (sku: string) => {
    const price = bySku.get(sku.trim().toUpperCase()) ?? bySku.get(sku.trim());
    if (!price) return setScanError(t('till.unknownSku').replace('{sku}', sku.trim()));
    setScanError(undefined);
    setPaid(undefined);
    setCart((c) => addToCart(c, price));
  };
  const pay = async () => {
    setBusy(true);
    setProblem(undefined);
    try {
      const ticket = await answer(api.POST('/api/v1/sales/outlets/{code}/tickets', {
        params: { path: { code } }, headers: idempotency.headers(),
        body: { lines: cart.map((l) => ({ sku: l.sku, quantity: l.quantity })), tenders: [tenderBody(tender, total)] },
      }));
      idempotency.renew();
      setPaid(ticket);
      setCart([]);
      setTender(EMPTY_TENDER);
      await client.invalidateQueries({ queryKey: ['till-tickets', code] });
      scanRef.current?.focus();
    } catch (error) {
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };
  const mine = outlets.data?.items ?? [];
  // Someone on the staff of one outlet only is at its till at once.
  useEffect(() => { if (!code && mine.length === 1) setCode(mine[0].code); }, [code, mine, setCode]);
  const opened = check.data;
  const tenderReady = cart.length > 0 && !!opened && (
    tender.method === 'cash' ? tender.counterfeitChecked && changeFen !== null && changeFen >= 0
      : tender.method === 'pos' ? tender.cards.every((c) => /^\d{4}$/.test(c.last4) && c.signed)
        : !!tender.reference.trim() && !!tender.payer.trim());

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.till')}</Typography.Title>
      <Space wrap>
        <Select
          aria-label={t('till.outlet')} placeholder={t('till.outlet')} style={{ width: 280 }} value={code || undefined} loading={outlets.isLoading} data-testid="till-outlet"
          options={mine.map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))} onChange={(value: string) => { setCode(value); setCart([]); setPaid(undefined); }}
        />
        {code && !opened && check.isFetched && session.may(OPEN_DAY) && <OpeningCheckDialog code={code} />}
      </Space>
      <ProblemAlert error={outlets.error} />
      {outlets.data && mine.length === 0 && <Typography.Text type="secondary">{t('till.noOutlets')}</Typography.Text>}
      {!code && mine.length > 0 && <Typography.Text type="secondary">{t('till.chooseOutlet')}</Typography.Text>}
      {code && (
        <>
          {check.isFetched && !opened && <Alert type="warning" showIcon message={t('till.notOpened')} data-testid="till-not-opened" />}
          {opened && <Typography.Text type="secondary">{t('till.opened').replace('{float}', formatFen(opened.cashFloatFen)).replace('{by}', opened.checkedBy)}</Typography.Text>}
          <Row gutter={16}>
            <Col xs={24} lg={14}>
              <Card size="small">
                <Input
                  ref={(el) => { scanRef.current = el; }} autoFocus aria-label={t('till.scan')} placeholder={t('till.scan')} value={scan} data-testid="till-scan"
                  onChange={(e) => setScan(e.target.value)} onPressEnter={() => { if (scan.trim()) add(scan); setScan(''); }}
                />
                {scanError && <Typography.Text type="danger">{scanError}</Typography.Text>}
                <Space wrap style={{ marginTop: 12 }}>
                  {priceList.map((p) => (
                    <Button key={p.sku} size="large" onClick={() => add(p.sku)} data-testid={`sku-${p.sku}`}>
                      {p.sku}<br />{formatFen(p.listPriceFen)}
                    </Button>
                  ))}
                </Space>
              </Card>
            </Col>
            <Col xs={24} lg={10}>
              <Card size="small" title={t('till.cart')} extra={cart.length > 0 && <Button size="small" onClick={() => setCart([])}>{t('till.clear')}</Button>}>
                {cart.length === 0 ? <Typography.Text type="secondary">{t('till.empty')}</Typography.Text> : (
                  <Table<CartLine>
                    rowKey="sku" size="small" pagination={false} dataSource={cart}
                    columns={[
                      { title: t('till.sku'), dataIndex: 'sku' },
                      {
                        title: t('till.quantity'), dataIndex: 'quantity',
                        render: (q: number, l) => <InputNumber aria-label={`${t('till.quantity')} ${l.sku}`} size="small" min={1} max={999} precision={0} value={q} onChange={(v) => setCart((c) => c.map((x) => (x.sku === l.sku ? { ...x, quantity: Number(v) || 1 } : x)))} />,
                      },
                      { title: t('till.amount'), key: 'amount', align: 'right', render: (_, l) => formatFen(l.quantity * l.listPriceFen) },
                      { key: 'x', render: (_, l) => <Button size="small" type="text" aria-label={`${t('till.remove')} ${l.sku}`} onClick={() => setCart((c) => c.filter((x) => x.sku !== l.sku))}>×</Button> },
                    ]}
                  />
                )}
                <Typography.Title level={3} style={{ textAlign: 'right', marginTop: 8 }} data-testid="till-total">{t('till.total')} {formatFen(total)}</Typography.Title>
                <TenderFields form={tender} onChange={setTender} changeFen={changeFen} />
                <ProblemAlert error={problem} />
                <Button type="primary" size="large" block disabled={!tenderReady} loading={busy} onClick={pay} data-testid="till-pay" style={{ marginTop: 8 }}>
                  {t('till.pay')} {formatFen(total)}
                </Button>
                {paid && (
                  <Alert
                    style={{ marginTop: 8 }} type="success" showIcon data-testid="till-paid"
                    message={t('till.paid').replace('{number}', paid.number ?? '')}
                    description={paid.changeFen > 0 ? t('till.changeDue').replace('{change}', formatFen(paid.changeFen)) : undefined}
                  />
                )}
              </Card>
            </Col>
          </Row>
          <Card size="small" title={t('till.recent')}>
            <ProblemAlert error={tickets.error ?? actionProblem} />
            <Table<Ticket>
              rowKey="id" size="small" pagination={false} loading={tickets.isLoading} dataSource={tickets.data?.items ?? []}
              columns={[
                { title: t('till.number'), dataIndex: 'number', render: (n: string | null, r) => n ?? (r.tableLabel ? `${t('till.table')} ${r.tableLabel}` : '—') },
                { title: t('till.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{t(`till.status.${s}` as 'till.status.paid')}</Tag> },
                { title: t('till.sku'), key: 'lines', render: (_, r) => r.lines.map((l) => `${l.sku} ×${l.quantity}`).join(', ') },
                { title: t('till.total'), dataIndex: 'totalFen', align: 'right', render: (fen: number) => formatFen(fen) },
                { title: t('till.method'), key: 'tenders', render: (_, r) => r.tenders.map((x) => t(`till.method.${x.method}` as 'till.method.cash')).join(' + ') },
                { title: t('till.cashier'), dataIndex: 'cashier' },
                { title: t('till.paidAt'), dataIndex: 'paidAt', render: (at: string | null) => formatDateTime(at, locale) },
                {
                  title: t('common.actions'), key: 'actions',
                  render: (_, r) => r.status === 'paid' && session.may(VOID) && (
                    <ActionButton danger reason={t('till.voidReason')} testId={`void-${r.number}`}
                      run={(reason) => answer(api.POST('/api/v1/sales/outlets/{code}/tickets/{id}/void', { params: { path: { code, id: r.id } }, body: { reason } }))}>{t('till.void')}</ActionButton>
                  ),
                },
              ]}
            />
          </Card>
        </>
      )}
    </Space>
  );
}

/** How the guest pays: cash (handed over, change, the counterfeit check), one or two signed cards, or a transfer. */
function TenderFields({ form, onChange, changeFen }: { form: TenderForm; onChange: (next: TenderForm) => void; changeFen: number | null }) {
  const { t } = useI18n();
  const set = (patch: Partial<TenderForm>) => onChange({ ...form, ...patch });
  const setCard = (i: number, patch: Partial<TenderForm['cards'][number]>) => set({ cards: form.cards.map((c, j) => (j === i ? { ...c, ...patch } : c)) });
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Radio.Group
        aria-label={t('till.method')} optionType="button" buttonStyle="solid" value={form.method} onChange={(e) => set({ method: e.target.value })}
        options={(['cash', 'pos', 'transfer'] as const).map((m) => ({ value: m, label: t(`till.method.${m}`) }))}
      />
      {form.method === 'cash' && (
        <Space wrap>
          <Input aria-label={t('till.tendered')} placeholder={t('till.tendered')} style={{ width: 180 }} value={form.tendered} onChange={(e) => set({ tendered: e.target.value })} data-testid="till-tendered" />
          <Typography.Text data-testid="till-change">{t('till.change')} {changeFen === null ? '—' : formatFen(changeFen)}</Typography.Text>
          <Checkbox checked={form.counterfeitChecked} onChange={(e) => set({ counterfeitChecked: e.target.checked })} data-testid="till-counterfeit">{t('till.counterfeitChecked')}</Checkbox>
        </Space>
      )}
      {form.method === 'pos' && form.cards.map((card, i) => (
        <Space key={i} wrap>
          <Input aria-label={t('till.card').replace('{n}', String(i + 1))} placeholder={t('till.card').replace('{n}', String(i + 1))} maxLength={4} style={{ width: 200 }} value={card.last4} onChange={(e) => setCard(i, { last4: e.target.value })} />
          <Checkbox checked={card.signed} onChange={(e) => setCard(i, { signed: e.target.checked })}>{t('till.signed')}</Checkbox>
          {i === 0 && form.cards.length === 1 && <Button size="small" onClick={() => set({ cards: [...form.cards, { last4: '', signed: false }] })}>{t('till.addCard')}</Button>}
          {i === 1 && <Button size="small" onClick={() => set({ cards: form.cards.slice(0, 1) })}>{t('till.removeCard')}</Button>}
        </Space>
      ))}
      {form.method === 'transfer' && (
        <Space wrap>
          <Input aria-label={t('till.reference')} placeholder={t('till.reference')} value={form.reference} onChange={(e) => set({ reference: e.target.value })} />
          <Input aria-label={t('till.payer')} placeholder={t('till.payer')} value={form.payer} onChange={(e) => set({ payer: e.target.value })} />
        </Space>
      )}
    </Space>
  );
}

type OpeningForm = { cashFloat: string; equipmentOk: boolean; equipmentNotes?: string; displayStockChecked: boolean; displayNotes?: string };

/** The day's opening check: the float counted, the equipment (notes when something is wrong), the display stock. */
function OpeningCheckDialog({ code }: { code: string }) {
  const { t } = useI18n();
  const idempotency = useIdempotencyKey();
  const submit = async (values: OpeningForm) => {
    await answer(api.POST('/api/v1/sales/outlets/{code}/opening-checks', {
      params: { path: { code } }, headers: idempotency.headers(),
      body: {
        cashFloatFen: yuanToFen(values.cashFloat) ?? -1, equipmentOk: values.equipmentOk, displayStockChecked: values.displayStockChecked,
        ...(values.equipmentNotes?.trim() ? { equipmentNotes: values.equipmentNotes.trim() } : {}), ...(values.displayNotes?.trim() ? { displayNotes: values.displayNotes.trim() } : {}),
      },
    }));
    idempotency.renew();
  };
  return (
    <FormDialog<OpeningForm> trigger={t('till.openDay')} title={t('till.openDay')} submit={submit} initialValues={{ cashFloat: '', equipmentOk: true, displayStockChecked: false }} testId="opening-check"
      rename={{ cashFloatFen: 'cashFloat' }}>
      {() => (
        <>
          <Form.Item name="cashFloat" label={t('till.cashFloat')} rules={[{ required: true, message: t('common.required') }]}><Input style={{ width: 200 }} /></Form.Item>
          <Form.Item name="equipmentOk" valuePropName="checked"><Checkbox>{t('till.equipmentOk')}</Checkbox></Form.Item>
          <Form.Item name="equipmentNotes" label={t('till.equipmentNotes')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
          <Form.Item name="displayStockChecked" valuePropName="checked"><Checkbox>{t('till.displayStockChecked')}</Checkbox></Form.Item>
          <Form.Item name="displayNotes" label={t('till.displayNotes')}><Input.TextArea rows={2} maxLength={500} /></Form.Item>
        </>
      )}
    </FormDialog>
  );
}

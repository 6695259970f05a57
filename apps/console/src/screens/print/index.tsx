import { useQuery } from '@tanstack/react-query';
import { Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { chineseAmount } from '../../lib/chinese-amount';
import { formatDateTime, formatFen } from '../../lib/money';
import { label } from '../labels';
import { ProblemAlert } from '../ProblemAlert';
import './print.css';
import { StatementPrint } from './statements';

type Order = components['schemas']['OrderView'];

/**
 * The printable documents: one A4 sheet each, read from the API like every screen, printed (or saved as
 * PDF) by the browser. Opened at #/print/<kind>/<id> in a tab of their own, without the console's menu.
 */
export function PrintDocument() {
  const { kind = '', id = '' } = useParams();
  const [search] = useSearchParams();
  const { t } = useI18n();
  switch (kind) {
    case 'invoice': return <InvoiceSheet id={id} />;
    case 'receipt': return <ReceiptSheet id={id} />;
    case 'pick-list': return <PickListSheet id={id} />;
    case 'delivery-note': return <DeliveryNoteSheet id={id} />;
    case 'statement': return <StatementSheet customerId={id} from={search.get('from') ?? ''} to={search.get('to') ?? ''} />;
    case 'balance-sheet': case 'income-statement': case 'vat-summary': return <StatementPrint kind={kind} month={id} />;
    default: return <Sheet title={t('print.unknownKind')} loading={false} error={undefined}>{null}</Sheet>;
  }
}

/** The sheet around a document: its title, a print button that does not print, and the problem if any. */
function Sheet({ title, subtitle, loading, error, children }: { title: string; subtitle?: ReactNode; loading: boolean; error: unknown; children: ReactNode }) {
  const { t } = useI18n();
  document.title = title;
  return (
    <>
      <div className="print-bar">
        <Button type="primary" onClick={() => window.print()}>{t('print.print')}</Button>
      </div>
      <main className="print-page" data-testid="print-page">
        <h1>{title}</h1>
        {subtitle && <div className="subtitle">{subtitle}</div>}
        <ProblemAlert error={error} />
        {loading ? <Spin /> : children}
      </main>
    </>
  );
}

function Fact({ label: name, children }: { label: MessageKey; children: ReactNode }) {
  const { t } = useI18n();
  return <div><strong>{t(name)}：</strong>{children}</div>;
}

function Signatures({ who }: { who: MessageKey[] }) {
  const { t } = useI18n();
  return <div className="signatures">{who.map((key) => <div key={key}>{t(key)}</div>)}</div>;
}

/** The order a document belongs to, when the reader may see orders (number, customer, delivery address). */
function useOrder(orderId: string | undefined) {
  const session = useSession();
  return useQuery({
    queryKey: ['order', orderId], enabled: !!orderId && session.may('GET /api/v1/sales/orders/{id}'),
    queryFn: () => answer(api.GET('/api/v1/sales/orders/{id}', { params: { path: { id: orderId! } } })),
  });
}

const orderNumber = (order: Order | undefined, orderId: string) => order?.number ?? orderId;

function InvoiceSheet({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const invoice = useQuery({ queryKey: ['invoice', id], queryFn: () => answer(api.GET('/api/v1/finance/invoices/{invoiceId}', { params: { path: { invoiceId: id } } })) });
  const i = invoice.data;
  return (
    <Sheet title={t('print.invoice')} subtitle={i && <>{t('print.number')}：<span data-testid="invoice-number">{i.number}</span>　{t('print.date')}：{formatDateTime(i.issuedAt, locale)}</>} loading={invoice.isLoading} error={invoice.error}>
      {i && (
        <>
          {i.status === 'voided' && <p><span className="void">{t('print.voided')}</span>　{t('print.voidReason')}：{i.voidReason}（{i.voidedBy}, {formatDateTime(i.voidedAt, locale)}）</p>}
          <div className="parties">
            <table>
              <tbody>
                <tr><th colSpan={2}>{t('print.buyer')}</th></tr>
                <tr><td>{t('print.name')}</td><td>{i.buyer.name}</td></tr>
                <tr><td>{t('print.taxId')}</td><td data-testid="buyer-tax-id">{i.buyer.taxId ?? '—'}</td></tr>
                <tr><td>{t('print.order')}</td><td>{i.orderNumber}</td></tr>
              </tbody>
            </table>
            <table>
              <tbody>
                <tr><th colSpan={2}>{t('print.seller')}</th></tr>
                <tr><td>{t('print.name')}</td><td>{i.seller.name}</td></tr>
                <tr><td>{t('print.taxId')}</td><td data-testid="seller-tax-id">{i.seller.taxId}</td></tr>
                <tr><td>{t('print.address')}</td><td>{i.seller.address}</td></tr>
                <tr><td>{t('print.bank')}</td><td>{i.seller.bankAccount}</td></tr>
              </tbody>
            </table>
          </div>
          <table>
            <thead>
              <tr>
                <th>{t('print.item')}</th><th className="num">{t('print.quantity')}</th><th className="num">{t('print.unitPrice')}</th>
                <th className="num">{t('print.net')}</th><th className="num">{t('print.vatRate')}</th><th className="num">{t('print.vat')}</th><th className="num">{t('print.gross')}</th>
              </tr>
            </thead>
            <tbody>
              {i.lines.length === 0 && <tr><td colSpan={7}>{t('print.noLines')}</td></tr>}
              {i.lines.map((line) => (
                <tr key={line.lineNo} data-testid="invoice-line">
                  <td>{line.sku === 'ADJUSTMENT' ? t('print.adjustment') : line.sku}</td>
                  <td className="num">{line.quantity}</td>
                  <td className="num">{formatFen(line.unitPriceFen)}</td>
                  <td className="num">{formatFen(line.netFen)}</td>
                  <td className="num">{line.vatRatePercent}%</td>
                  <td className="num">{formatFen(line.vatFen)}</td>
                  <td className="num">{formatFen(line.amountFen)}</td>
                </tr>
              ))}
              <tr>
                <th>{t('print.total')}</th><td /><td />
                <td className="num" data-testid="invoice-net">{formatFen(i.netFen)}</td>
                <td className="num">{i.vatRatePercent}%</td>
                <td className="num" data-testid="invoice-vat">{formatFen(i.vatFen)}</td>
                <td className="num" data-testid="invoice-gross">{formatFen(i.amountFen)}</td>
              </tr>
              <tr><th>{t('print.inWords')}</th><td colSpan={6}>{chineseAmount(i.amountFen)}（{formatFen(i.amountFen)}）</td></tr>
            </tbody>
          </table>
          <Signatures who={['print.issuedBy', 'print.cashier', 'print.seller']} />
        </>
      )}
    </Sheet>
  );
}

function ReceiptSheet({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const receipt = useQuery({ queryKey: ['receipt', id], queryFn: () => answer(api.GET('/api/v1/finance/receipts/{receiptId}', { params: { path: { receiptId: id } } })) });
  const r = receipt.data;
  const order = useOrder(r?.orderId);
  return (
    <Sheet title={t('print.receipt')} subtitle={r && <>{t('print.number')}：{r.number}　{t('print.date')}：{formatDateTime(r.recordedAt, locale)}</>} loading={receipt.isLoading} error={receipt.error}>
      {r && (
        <>
          <table>
            <tbody>
              <tr><th>{t('print.customer')}</th><td>{order.data?.customerName ?? '—'}</td><th>{t('print.order')}</th><td>{orderNumber(order.data, r.orderId)}</td></tr>
              <tr><th>{t('print.method')}</th><td>{label(r.method, locale)}</td><th>{t('print.status')}</th><td>{label(r.status, locale)}</td></tr>
              <tr><th>{t('print.amount')}</th><td className="num">{formatFen(r.amountFen)}</td><th>{t('print.amountInWords')}</th><td>{chineseAmount(r.amountFen)}</td></tr>
              <tr><th>{t('print.payer')}</th><td colSpan={3}>{r.payerName ?? '—'}</td></tr>
            </tbody>
          </table>
          <Signatures who={['print.payer', 'print.cashier']} />
        </>
      )}
    </Sheet>
  );
}

function PickListSheet({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const list = useQuery({ queryKey: ['pick-list', id], queryFn: () => answer(api.GET('/api/v1/inventory/pick-lists/{pickListId}', { params: { path: { pickListId: id } } })) });
  const p = list.data;
  const order = useOrder(p?.orderId);
  return (
    <Sheet title={t('print.pickList')} subtitle={p && <>{t('print.number')}：{p.number}　{t('print.date')}：{formatDateTime(p.createdAt, locale)}</>} loading={list.isLoading} error={list.error}>
      {p && (
        <>
          <div className="facts">
            <Fact label="print.order">{orderNumber(order.data, p.orderId)}</Fact>
            <Fact label="print.customer">{order.data?.customerName ?? '—'}</Fact>
            <Fact label="print.status">{label(p.status, locale)}</Fact>
          </div>
          <table>
            <thead><tr><th>SKU</th><th className="num">{t('print.quantity')}</th><th>{t('print.location')}</th><th>{t('print.batch')}</th><th className="num">{t('print.quantity')}</th><th>✓</th></tr></thead>
            <tbody>
              {p.lines.map((line) => {
                const picks = p.picks.filter((pick) => pick.sku === line.sku);
                return (picks.length ? picks : [null]).map((pick, n) => (
                  <tr key={`${line.sku}-${n}`}>
                    {n === 0 && <td rowSpan={Math.max(picks.length, 1)}>{line.sku}</td>}
                    {n === 0 && <td className="num" rowSpan={Math.max(picks.length, 1)}>{line.quantity}</td>}
                    <td>{pick?.location ?? ''}</td><td>{pick?.batch ?? ''}</td><td className="num">{pick?.quantity ?? ''}</td><td style={{ width: 32 }} />
                  </tr>
                ));
              })}
            </tbody>
          </table>
          <Signatures who={['print.picker', 'print.checker', 'print.packer']} />
        </>
      )}
    </Sheet>
  );
}

function DeliveryNoteSheet({ id }: { id: string }) {
  const { t, locale } = useI18n();
  const shipment = useQuery({ queryKey: ['shipment', id], queryFn: () => answer(api.GET('/api/v1/inventory/shipments/{shipmentId}', { params: { path: { shipmentId: id } } })) });
  const s = shipment.data;
  const order = useOrder(s?.orderId);
  const shipTo = order.data?.shipTo;
  return (
    <Sheet title={t('print.deliveryNote')} subtitle={s && <>{t('print.number')}：{s.number}　{t('print.date')}：{formatDateTime(s.shippedAt, locale)}</>} loading={shipment.isLoading} error={shipment.error}>
      {s && (
        <>
          <table>
            <tbody>
              <tr><th>{t('print.customer')}</th><td>{order.data?.customerName ?? '—'}</td><th>{t('print.order')}</th><td>{orderNumber(order.data, s.orderId)}</td></tr>
              <tr><th>{t('print.shipTo')}</th><td>{shipTo?.name ?? '—'}</td><th>{t('print.phone')}</th><td>{shipTo?.phone ?? '—'}</td></tr>
              <tr><th>{t('print.shipAddress')}</th><td colSpan={3}>{shipTo?.address ?? '—'}</td></tr>
              <tr><th>{t('print.carrier')}</th><td>{s.carrier}</td><th>{t('print.tracking')}</th><td>{s.trackingNumber}</td></tr>
              <tr><th>{t('print.pieces')}</th><td colSpan={3}>{s.pieces}</td></tr>
            </tbody>
          </table>
          <table>
            <thead><tr><th>SKU</th><th className="num">{t('print.quantity')}</th><th>{t('print.memo')}</th></tr></thead>
            <tbody>{s.lines.map((line) => <tr key={`${line.sku}-${line.warehouseCode}`}><td>{line.sku}</td><td className="num">{line.quantity}</td><td /></tr>)}</tbody>
          </table>
          <Signatures who={['print.shipper', 'print.driver', 'print.consignee']} />
        </>
      )}
    </Sheet>
  );
}

function StatementSheet({ customerId, from, to }: { customerId: string; from: string; to: string }) {
  const { t } = useI18n();
  const session = useSession();
  const statement = useQuery({
    queryKey: ['statement', customerId, from, to],
    queryFn: () => answer(api.GET('/api/v1/finance/customers/{customerId}/statement', { params: { path: { customerId }, query: { from, to } } })),
  });
  const customer = useQuery({
    queryKey: ['customer', customerId], enabled: session.may('GET /api/v1/sales/customers/{id}'),
    queryFn: () => answer(api.GET('/api/v1/sales/customers/{id}', { params: { path: { id: customerId } } })),
  });
  const s = statement.data;
  return (
    <Sheet title={t('print.statement')} subtitle={<>{t('print.period')}：{from} — {to}</>} loading={statement.isLoading} error={statement.error}>
      {s && (
        <>
          <div className="facts">
            <Fact label="print.customer">{customer.data ? `${customer.data.code} ${customer.data.name}` : customerId}</Fact>
            <Fact label="print.opening">{formatFen(s.openingBalanceFen)}</Fact>
            <Fact label="print.closing">{formatFen(s.closingBalanceFen)}</Fact>
          </div>
          <table>
            <thead>
              <tr><th>{t('print.date')}</th><th>{t('print.document')}</th><th>{t('print.memo')}</th><th className="num">{t('print.debit')}</th><th className="num">{t('print.credit')}</th><th className="num">{t('print.balance')}</th></tr>
            </thead>
            <tbody>
              <tr><td>{from}</td><td /><td>{t('print.opening')}</td><td /><td /><td className="num">{formatFen(s.openingBalanceFen)}</td></tr>
              {s.lines.map((line) => (
                <tr key={line.entryNumber}>
                  <td>{line.date}</td><td>{line.documentNumber}</td><td>{line.memo}</td>
                  <td className="num">{line.debitFen ? formatFen(line.debitFen) : ''}</td><td className="num">{line.creditFen ? formatFen(line.creditFen) : ''}</td>
                  <td className="num">{formatFen(line.balanceFen)}</td>
                </tr>
              ))}
              <tr><th colSpan={3}>{t('print.total')}</th><td className="num">{formatFen(s.totalDebitFen)}</td><td className="num">{formatFen(s.totalCreditFen)}</td><td className="num">{formatFen(s.closingBalanceFen)}</td></tr>
            </tbody>
          </table>
          <Signatures who={['print.preparedBy', 'print.customerConfirms']} />
        </>
      )}
    </Sheet>
  );
}

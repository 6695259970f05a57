import { useQuery } from '@tanstack/react-query';
import { Space, Typography } from 'antd';
import type { ColumnType, ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { answer, api } from '../../api/client';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen } from '../../lib/money';
import { ActionButton } from '../kit/ActionButton';
import { DataList } from '../kit/DataList';
import { PrintLink } from '../kit/links';
import { label } from '../labels';
import {
  CodeTag, JournalLink, OrderFilter, OrderNumberLink, Person, ReceiptDetails, fen, orderParam, present,
  type OrderFilterState, type Receipt,
} from './shared';

/** The roles that accept a deposit below the agreed one for sales management; a finance manager for finance. */
const SALES_SIDE = ['sales_manager', 'sales_vp', 'general_manager'];

/** Which side of a deposit approval this person fills (one holding both fills the sales side, as the API does). */
function useDepositSide(): 'sales' | 'finance' | undefined {
  const { roles } = useSession();
  if (roles.some((r) => SALES_SIDE.includes(r))) return 'sales';
  if (roles.includes('finance_manager')) return 'finance';
  return undefined;
}

const verify = (receiptId: string) => answer(api.POST('/api/v1/finance/receipts/{receiptId}/verify', { params: { path: { receiptId } } }));
const approveDeposit = (receiptId: string) => answer(api.POST('/api/v1/finance/receipts/{receiptId}/approve-deposit', { params: { path: { receiptId } } }));

/** Verify a transfer: for finance, never the one who recorded it (the API refuses; we say why instead). */
function VerifyButton({ receipt }: { receipt: Receipt }) {
  const { t } = useI18n();
  const session = useSession();
  if (receipt.status !== 'pending_verification' || !session.may('POST /api/v1/finance/receipts/{receiptId}/verify')) return null;
  if (receipt.recordedBy === session.userId) return <Typography.Text type="secondary">{t('finance.verifyNotYours')}</Typography.Text>;
  return (
    <ActionButton primary confirm={t('finance.verifyConfirm').replace('{amount}', formatFen(receipt.amountFen))} run={() => verify(receipt.id)} testId={`verify-${receipt.number}`}>
      {t('finance.verify')}
    </ActionButton>
  );
}

/** Accept a first payment below the deposit, for the side this person fills and only while that side is open. */
function ApproveDepositButton({ receipt }: { receipt: Receipt }) {
  const { t } = useI18n();
  const session = useSession();
  const side = useDepositSide();
  if (receipt.status !== 'awaiting_deposit_approval' || !side || !session.may('POST /api/v1/finance/receipts/{receiptId}/approve-deposit')) return null;
  const done = side === 'sales' ? receipt.depositSalesApprovedBy : receipt.depositFinanceApprovedBy;
  if (done) return <Typography.Text type="secondary">{t('finance.depositSideDone')}</Typography.Text>;
  return (
    <ActionButton primary confirm={t('finance.approveDepositConfirm')} run={() => approveDeposit(receipt.id)} testId={`approve-deposit-${receipt.number}`}>
      {t(side === 'sales' ? 'finance.approveDepositSales' : 'finance.approveDepositFinance')}
    </ActionButton>
  );
}

/** Who verified a transfer, or who accepted a low deposit on each side. */
function Checks({ receipt }: { receipt: Receipt }) {
  const { t } = useI18n();
  const lines: React.ReactNode[] = [];
  if (receipt.method === 'transfer') {
    lines.push(<span key="v">{t('finance.verifiedBy')}: {receipt.verifiedBy ? <Person id={receipt.verifiedBy} /> : t('finance.notYet')}</span>);
  }
  if (receipt.status === 'awaiting_deposit_approval' || receipt.depositSalesApprovedBy || receipt.depositFinanceApprovedBy) {
    lines.push(<span key="s">{t('finance.depositSales')}: {receipt.depositSalesApprovedBy ? <Person id={receipt.depositSalesApprovedBy} /> : t('finance.notYet')}</span>);
    lines.push(<span key="f">{t('finance.depositFinance')}: {receipt.depositFinanceApprovedBy ? <Person id={receipt.depositFinanceApprovedBy} /> : t('finance.notYet')}</span>);
  }
  return lines.length ? <Space orientation="vertical" size={0}>{lines}</Space> : <>—</>;
}

function useReceiptColumns(): Record<'number' | 'order' | 'method' | 'amount' | 'payer' | 'details' | 'status' | 'checks' | 'recordedBy' | 'recordedAt', ColumnType<Receipt>> {
  const { t, locale } = useI18n();
  return {
    number: { title: t('receipt.number'), dataIndex: 'number', render: (n: string, r: Receipt) => <PrintLink document={{ kind: 'receipt', id: r.id }}>{n}</PrintLink> },
    order: { title: t('finance.order'), dataIndex: 'orderId', render: (id: string) => <OrderNumberLink id={id} /> },
    method: { title: t('receipt.method'), dataIndex: 'method', render: (m: string) => label(m, locale) },
    amount: { title: t('finance.amount'), dataIndex: 'amountFen', align: 'right', render: fen },
    payer: { title: t('finance.payer'), dataIndex: 'payerName', render: (name: string | null) => name ?? t('finance.payerCustomer') },
    details: { title: t('finance.details'), key: 'details', render: (_: unknown, r: Receipt) => <ReceiptDetails receipt={r} /> },
    status: { title: t('orders.status'), dataIndex: 'status', render: (s: string) => <CodeTag kind="receipt" code={s} /> },
    checks: { title: t('finance.checks'), key: 'checks', render: (_: unknown, r: Receipt) => <Checks receipt={r} /> },
    recordedBy: { title: t('finance.recordedBy'), dataIndex: 'recordedBy', render: (id: string) => <Person id={id} /> },
    recordedAt: { title: t('receipt.recordedAt'), dataIndex: 'recordedAt', render: (at: string) => formatDateTime(at, locale) },
  };
}

/** Every receipt, newest first, by order; each prints as a receipt slip, and waits on its check where it must. */
export function Receipts() {
  const { t } = useI18n();
  const [order, setOrder] = useState<OrderFilterState>({ text: '' });
  const fixed = present({ orderId: orderParam(order) });
  const c = useReceiptColumns();
  return (
    <DataList<Receipt>
      title="nav.receipts"
      queryKey="finance-receipts"
      csvPath="/api/v1/finance/receipts"
      fixed={fixed}
      toolbar={<OrderFilter state={order} onChange={setOrder} />}
      read={(query) => answer(api.GET('/api/v1/finance/receipts', { params: { query } }))}
      columns={[
        c.number, c.order, c.method, c.amount, c.payer, c.details, c.status, c.checks, c.recordedBy, c.recordedAt,
        {
          title: t('common.actions'), key: 'actions', fixed: 'right', render: (_: unknown, r: Receipt) => (
            <Space wrap>
              <PrintLink document={{ kind: 'receipt', id: r.id }}>{t('common.print')}</PrintLink>
              <JournalLink sourceId={r.id} />
              <VerifyButton receipt={r} />
              <ApproveDepositButton receipt={r} />
            </Space>
          ),
        },
      ]}
    />
  );
}

/** The receipts waiting in one state (of one order, when one is chosen). */
function ReceiptQueue({ title, status, columns }: {
  title: 'nav.transfersToVerify' | 'nav.depositsToApprove';
  status: Receipt['status'];
  columns: (c: ReturnType<typeof useReceiptColumns>) => ColumnsType<Receipt>;
}) {
  const [order, setOrder] = useState<OrderFilterState>({ text: '' });
  const fixed = present({ orderId: orderParam(order), status });
  const c = useReceiptColumns();
  return (
    <DataList<Receipt>
      title={title}
      queryKey={`finance-queue-${status}`}
      fixed={fixed}
      toolbar={<OrderFilter state={order} onChange={setOrder} />}
      read={(query) => answer(api.GET('/api/v1/finance/receipts', { params: { query } }))}
      columns={columns(c)}
    />
  );
}

/** Transfers recorded by a cashier, oldest first, for finance to verify once the money is seen in the bank. */
export function TransfersToVerify() {
  const { t } = useI18n();
  return (
    <ReceiptQueue
      title="nav.transfersToVerify"
      status="pending_verification"
      columns={(c) => [
        c.number, c.order, c.amount, c.payer,
        { title: t('finance.remittingBank'), key: 'bank', render: (_: unknown, r: Receipt) => (r.details as { remittingBank?: string }).remittingBank ?? '—' },
        { title: t('finance.transferDate'), key: 'date', render: (_: unknown, r: Receipt) => (r.details as { transferDate?: string }).transferDate ?? '—' },
        c.recordedBy, c.recordedAt,
        { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_: unknown, r: Receipt) => <VerifyButton receipt={r} /> },
      ]}
    />
  );
}

/** What the order's agreement asks as deposit, next to what came in. */
function RequiredDeposit({ orderId }: { orderId: string }) {
  const session = useSession();
  const account = useQuery({
    queryKey: ['finance-order-account', orderId],
    enabled: session.may('GET /api/v1/finance/orders/{orderId}/account'),
    retry: false,
    queryFn: () => answer(api.GET('/api/v1/finance/orders/{orderId}/account', { params: { path: { orderId } } })),
  });
  if (!account.data) return <>—</>;
  return <>{formatFen(account.data.requiredDepositFen)} / {formatFen(account.data.totalFen)}</>;
}

/** First payments below the agreed deposit: each counts once sales management and a finance manager accept it. */
export function DepositsToApprove() {
  const { t } = useI18n();
  return (
    <ReceiptQueue
      title="nav.depositsToApprove"
      status="awaiting_deposit_approval"
      columns={(c) => [
        c.number, c.order, c.method, c.amount,
        { title: t('finance.requiredDeposit'), key: 'deposit', align: 'right', render: (_: unknown, r: Receipt) => <RequiredDeposit orderId={r.orderId} /> },
        c.payer, c.checks, c.recordedBy, c.recordedAt,
        { title: t('common.actions'), key: 'actions', fixed: 'right', render: (_: unknown, r: Receipt) => <ApproveDepositButton receipt={r} /> },
      ]}
    />
  );
}

import { Alert, Button, DatePicker, Form, Space, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useState, type ReactNode } from 'react';
import { currentAccessToken } from '../../api/client';
import { useI18n } from '../../i18n/I18n';
import { downloadCsv } from '../../lib/download';
import { businessDate, formatDateTime } from '../../lib/money';
import { PrintLink } from '../kit/links';
import { ProblemAlert } from '../ProblemAlert';
import { fen } from './shared';
import {
  currentMonth, lineLabel, sourceLabel, statementPath, useBalanceSheet, useIncomeStatement, useVatSummary,
  type BalanceSheet, type IncomeStatement, type StatementKind, type VatSummary,
} from './statements-data';

type SheetLine = BalanceSheet['items'][number];
type IncomeLine = IncomeStatement['items'][number];
type VatLine = VatSummary['items'][number];

/** Subtotals and totals stand out from the account lines. */
const strong = (kind: string, text: ReactNode) => (kind === 'account' ? text : <strong>{text}</strong>);

/**
 * The financial statements of a month: balance sheet, income statement and VAT summary, each marked final (the
 * month is closed) or provisional, with its CSV and its printed page.
 */
export function Statements() {
  const { t } = useI18n();
  const latest = currentMonth(businessDate());
  const [month, setMonth] = useState(latest);
  const [kind, setKind] = useState<StatementKind>('balance-sheet');
  const [exportError, setExportError] = useState<unknown>();
  const exportCsv = () => {
    setExportError(undefined);
    downloadCsv(statementPath(kind, month), {}, currentAccessToken()).catch(setExportError);
  };
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={2}>{t('nav.statements')}</Typography.Title>
      <Form layout="inline">
        <Form.Item label={t('statements.month')} htmlFor="statements-month">
          <DatePicker
            id="statements-month" picker="month" allowClear={false} value={dayjs(`${month}-01`)}
            disabledDate={(d) => d.format('YYYY-MM') > latest}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
        </Form.Item>
        <Form.Item><Button onClick={exportCsv} data-testid="statements-csv">{t('common.exportCsv')}</Button></Form.Item>
        <Form.Item><PrintLink document={{ kind, id: month }}>{t('statements.print')}</PrintLink></Form.Item>
      </Form>
      <ProblemAlert error={exportError} />
      <Tabs
        activeKey={kind}
        onChange={(key) => setKind(key as StatementKind)}
        items={[
          { key: 'balance-sheet', label: t('statements.tab.balanceSheet'), children: <BalanceSheetTab month={month} /> },
          { key: 'income-statement', label: t('statements.tab.incomeStatement'), children: <IncomeStatementTab month={month} /> },
          { key: 'vat-summary', label: t('statements.tab.vatSummary'), children: <VatSummaryTab month={month} /> },
        ]}
      />
    </Space>
  );
}

/** Final when the month is closed (with who closed it and when), provisional otherwise. */
export function Finality({ statement }: { statement: { final: boolean; closedAt: string | null; closedBy: string | null } }) {
  const { t, locale } = useI18n();
  if (statement.final) {
    return (
      <Space data-testid="statement-finality">
        <Tag color="green">{t('statements.final')}</Tag>
        <Typography.Text type="secondary">{t('statements.closedBy').replace('{who}', statement.closedBy ?? '—').replace('{when}', formatDateTime(statement.closedAt, locale))}</Typography.Text>
      </Space>
    );
  }
  return <Alert type="warning" showIcon data-testid="statement-finality" title={t('statements.provisional')} />;
}

function BalanceSheetTab({ month }: { month: string }) {
  const { t, locale } = useI18n();
  const sheet = useBalanceSheet(month);
  const s = sheet.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={sheet.error} />
      {s && (
        <>
          <Finality statement={s} />
          <Space wrap>
            <Typography.Text>{t('statements.asOf').replace('{date}', s.asOf)}</Typography.Text>
            {s.balanced
              ? <Tag color="green" data-testid="statements-balanced">{t('statements.balanced')}</Tag>
              : <Tag color="red" data-testid="statements-balanced">{t('statements.notBalanced').replace('{difference}', fen(s.totals.assetsFen - s.totals.liabilitiesAndEquityFen))}</Tag>}
          </Space>
        </>
      )}
      <Table<SheetLine>
        rowKey="key" size="small" pagination={false} loading={sheet.isLoading} dataSource={s?.items ?? []} style={{ maxWidth: 900 }}
        columns={[
          { title: t('statements.code'), dataIndex: 'code', width: 100, render: (code: string | null) => code ?? '' },
          { title: t('statements.item'), dataIndex: 'label', render: (label: string, l: SheetLine) => strong(l.kind, lineLabel(label, locale)) },
          { title: t('statements.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number, l: SheetLine) => strong(l.kind, <span data-testid={`bs-${l.key}`}>{fen(v)}</span>) },
        ]}
      />
    </Space>
  );
}

function IncomeStatementTab({ month }: { month: string }) {
  const { t, locale } = useI18n();
  const income = useIncomeStatement(month);
  const s = income.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={income.error} />
      {s && (
        <>
          <Finality statement={s} />
          <Typography.Text>{t('statements.period').replace('{from}', s.from).replace('{to}', s.to)}</Typography.Text>
        </>
      )}
      <Table<IncomeLine>
        rowKey="key" size="small" pagination={false} loading={income.isLoading} dataSource={s?.items ?? []} style={{ maxWidth: 900 }}
        columns={[
          { title: t('statements.item'), dataIndex: 'label', render: (label: string, l: IncomeLine) => strong(l.kind, lineLabel(label, locale)) },
          { title: t('statements.month.amount'), dataIndex: 'amountFen', align: 'right', render: (v: number, l: IncomeLine) => strong(l.kind, <span data-testid={`is-${l.key}`}>{fen(v)}</span>) },
          { title: t('statements.yearToDate'), dataIndex: 'yearToDateFen', align: 'right', render: (v: number, l: IncomeLine) => strong(l.kind, fen(v)) },
        ]}
      />
    </Space>
  );
}

function VatSummaryTab({ month }: { month: string }) {
  const { t } = useI18n();
  const vat = useVatSummary(month);
  const s = vat.data;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <ProblemAlert error={vat.error} />
      {s && (
        <>
          <Finality statement={s} />
          <Space wrap size="large">
            <Typography.Text>{t('statements.outputVat')}: <strong>{fen(s.outputVatFen)}</strong></Typography.Text>
            <Typography.Text>{t('statements.inputVat')}: <strong>{fen(s.inputVatFen)}</strong></Typography.Text>
            {s.carriedForwardFen > 0
              ? <Typography.Text>{t('statements.carriedForward')}: <strong data-testid="vat-carried-forward">{fen(s.carriedForwardFen)}</strong></Typography.Text>
              : <Typography.Text>{t('statements.payable')}: <strong data-testid="vat-payable">{fen(s.payableFen)}</strong></Typography.Text>}
          </Space>
        </>
      )}
      <Table<VatLine>
        rowKey="sourceType" size="small" pagination={false} loading={vat.isLoading} dataSource={s?.items ?? []} style={{ maxWidth: 900 }}
        columns={[
          { title: t('statements.source'), dataIndex: 'sourceType', render: (code: string) => strong(code === 'total' ? 'total' : 'account', sourceLabel(code, t)) },
          { title: t('statements.salesNet'), dataIndex: 'salesNetFen', align: 'right', render: (v: number) => fen(v) },
          { title: t('statements.outputVat'), dataIndex: 'outputVatFen', align: 'right', render: (v: number) => fen(v) },
          { title: t('statements.inputVat'), dataIndex: 'inputVatFen', align: 'right', render: (v: number) => fen(v) },
        ]}
      />
    </Space>
  );
}

import { Button, Spin } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime, formatFen } from '../../lib/money';
import { lineLabel, sourceLabel, useBalanceSheet, useIncomeStatement, useVatSummary, type StatementKind } from '../finance/statements-data';
import { ProblemAlert } from '../ProblemAlert';
import './print.css';

interface Company {
  name: string;
  taxId: string;
}
interface Finality {
  month: string;
  final: boolean;
  closedAt: string | null;
  closedBy: string | null;
  company: Company;
}

/** A financial statement of a month on one A4 sheet: the company, the month, final or provisional, the lines, the signatures. */
export function StatementPrint({ kind, month }: { kind: StatementKind; month: string }) {
  switch (kind) {
    case 'balance-sheet': return <BalanceSheetPrint month={month} />;
    case 'income-statement': return <IncomeStatementPrint month={month} />;
    default: return <VatSummaryPrint month={month} />;
  }
}

function StatementSheet({ title, statement, when, loading, error, children }: { title: MessageKey; statement: Finality | undefined; when: ReactNode; loading: boolean; error: unknown; children: ReactNode }) {
  const { t, locale } = useI18n();
  document.title = t(title);
  return (
    <>
      <div className="print-bar">
        <Button type="primary" onClick={() => window.print()}>{t('print.print')}</Button>
      </div>
      <main className="print-page" data-testid="print-page">
        <h1>{t(title)}</h1>
        <div className="subtitle">{when}</div>
        <ProblemAlert error={error} />
        {loading && <Spin />}
        {statement && (
          <>
            <div className="facts">
              <div><strong>{t('statements.company')}：</strong>{statement.company.name}</div>
              <div><strong>{t('statements.taxId')}：</strong>{statement.company.taxId}</div>
              <div data-testid="print-finality">
                {statement.final
                  ? <strong>{t('statements.final')}　{formatDateTime(statement.closedAt, locale)}</strong>
                  : <span className="void" style={{ fontSize: 14 }}>{t('statements.provisional')}</span>}
              </div>
            </div>
            <div style={{ textAlign: 'right' }}>{t('statements.unit')}</div>
            {children}
            <div className="signatures">
              <div>{t('statements.chiefAccountant')}</div>
              <div>{t('statements.preparedBy')}</div>
              <div>{t('print.date')}</div>
            </div>
          </>
        )}
      </main>
    </>
  );
}

const yuan = (fen: number) => formatFen(fen).replace('¥', '');
const Strong = ({ kind, children }: { kind: string; children: ReactNode }) => (kind === 'account' ? <>{children}</> : <strong>{children}</strong>);

function BalanceSheetPrint({ month }: { month: string }) {
  const { t, locale } = useI18n();
  const sheet = useBalanceSheet(month);
  const s = sheet.data;
  return (
    <StatementSheet title="statements.tab.balanceSheet" statement={s} when={t('statements.asOf').replace('{date}', s?.asOf ?? month)} loading={sheet.isLoading} error={sheet.error}>
      {s && (
        <table>
          <thead><tr><th>{t('statements.code')}</th><th>{t('statements.item')}</th><th className="num">{t('statements.amount')}</th></tr></thead>
          <tbody>
            {s.items.map((l) => (
              <tr key={l.key}>
                <td>{l.code ?? ''}</td>
                <td><Strong kind={l.kind}>{lineLabel(l.label, locale)}</Strong></td>
                <td className="num"><Strong kind={l.kind}>{yuan(l.amountFen)}</Strong></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StatementSheet>
  );
}

function IncomeStatementPrint({ month }: { month: string }) {
  const { t, locale } = useI18n();
  const income = useIncomeStatement(month);
  const s = income.data;
  return (
    <StatementSheet title="statements.tab.incomeStatement" statement={s} when={s ? t('statements.period').replace('{from}', s.from).replace('{to}', s.to) : month} loading={income.isLoading} error={income.error}>
      {s && (
        <table>
          <thead><tr><th>{t('statements.item')}</th><th className="num">{t('statements.month.amount')}</th><th className="num">{t('statements.yearToDate')}</th></tr></thead>
          <tbody>
            {s.items.map((l) => (
              <tr key={l.key}>
                <td><Strong kind={l.kind}>{lineLabel(l.label, locale)}</Strong></td>
                <td className="num"><Strong kind={l.kind}>{yuan(l.amountFen)}</Strong></td>
                <td className="num"><Strong kind={l.kind}>{yuan(l.yearToDateFen)}</Strong></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </StatementSheet>
  );
}

function VatSummaryPrint({ month }: { month: string }) {
  const { t } = useI18n();
  const vat = useVatSummary(month);
  const s = vat.data;
  return (
    <StatementSheet title="statements.tab.vatSummary" statement={s} when={s ? t('statements.period').replace('{from}', s.from).replace('{to}', s.to) : month} loading={vat.isLoading} error={vat.error}>
      {s && (
        <>
          <table>
            <thead><tr><th>{t('statements.source')}</th><th className="num">{t('statements.salesNet')}</th><th className="num">{t('statements.outputVat')}</th><th className="num">{t('statements.inputVat')}</th></tr></thead>
            <tbody>
              {s.items.map((l) => (
                <tr key={l.sourceType}>
                  <td><Strong kind={l.sourceType === 'total' ? 'total' : 'account'}>{sourceLabel(l.sourceType, t)}</Strong></td>
                  <td className="num">{yuan(l.salesNetFen)}</td><td className="num">{yuan(l.outputVatFen)}</td><td className="num">{yuan(l.inputVatFen)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <table>
            <tbody>
              <tr><th>{t('statements.payable')}</th><td className="num">{yuan(s.payableFen)}</td><th>{t('statements.carriedForward')}</th><td className="num">{yuan(s.carriedForwardFen)}</td></tr>
            </tbody>
          </table>
        </>
      )}
    </StatementSheet>
  );
}

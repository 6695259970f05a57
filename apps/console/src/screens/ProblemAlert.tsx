import { Alert } from 'antd';
import { useI18n } from '../i18n/I18n';
import { ApiProblem } from '../lib/problem';

/** A server error as the person-readable problem detail, with the request id to quote. */
export function ProblemAlert({ error, extra = [] }: { error: unknown; extra?: string[] }) {
  const { t } = useI18n();
  if (!error) return null;
  const problem = error instanceof ApiProblem ? error.problem : undefined;
  const description = [problem?.detail, ...extra, problem?.requestId ? `${t('common.requestId')}: ${problem.requestId}` : undefined].filter(Boolean);
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={problem ? `${t('common.error')}: ${problem.title}` : t('common.error')}
      description={description.length ? description.map((line) => <div key={line}>{line}</div>) : String((error as Error).message ?? error)}
      style={{ marginBottom: 16 }}
    />
  );
}

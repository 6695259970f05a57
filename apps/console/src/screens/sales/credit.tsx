import { Tag } from 'antd';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatFen } from '../../lib/money';

export type Grade = components['schemas']['CreditTermsView']['grade'];
export const GRADES: Grade[] = ['A', 'B', 'C', 'D'];
const GRADE_COLOR: Record<Grade, string> = { A: 'green', B: 'blue', C: 'gold', D: 'default' };

/** Grades with what they mean, for choosing one. */
export const gradeOptions = (t: (key: MessageKey) => string) => GRADES.map((g) => ({ value: g, label: `${g} · ${t(`sales.grade.${g}`)}` }));

export function GradeTag({ grade }: { grade: Grade }) {
  const { t } = useI18n();
  return <Tag color={GRADE_COLOR[grade]} title={t(`sales.grade.${grade}`)}>{grade}</Tag>;
}

/** Credit terms in one line: grade B · ¥50,000.00 · 30 days. */
export function CreditTerms({ terms }: { terms: { grade: Grade; creditLimitFen: number; paymentTermsDays: number } }) {
  const { t } = useI18n();
  return <span>{terms.grade} · {formatFen(terms.creditLimitFen)} · {terms.paymentTermsDays} {t('sales.credit.days')}</span>;
}

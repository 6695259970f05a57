import { Typography } from 'antd';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';

/** Scaffolding while a desk's screens are written; none may remain when the console ships. */
export function Pending({ title }: { title: MessageKey }) {
  const { t } = useI18n();
  return <Typography.Title level={2}>{t(title)}</Typography.Title>;
}

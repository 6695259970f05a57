import { Tag } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import type { MessageKey } from '../../i18n/messages';
import { formatDateTime } from '../../lib/money';
import { DataList } from '../kit/DataList';
import { label } from '../labels';

type Notification = components['schemas']['SecurityNotificationView'];

const KIND_COLOR: Record<string, string> = { incident_reported: 'orange', incident_escalated: 'red', visitor_arrived: 'blue', escort_requested: 'gold' };

/** What security tells the signed-in person's roles: serious incidents, escalations, visitors, escort requests. */
export function Notifications() {
  const { t, locale } = useI18n();
  return (
    <DataList<Notification>
      title="nav.notifications"
      queryKey="security-notifications"
      read={(query) => answer(api.GET('/api/v1/security/notifications', { params: { query } }))}
      columns={[
        { title: t('notifications.at'), dataIndex: 'createdAt', render: (at: string) => formatDateTime(at, locale) },
        { title: t('notifications.kind'), dataIndex: 'kind', render: (k: string) => <Tag color={KIND_COLOR[k]}>{t(`notifications.kind.${k}` as MessageKey)}</Tag> },
        { title: t('notifications.subject'), dataIndex: 'subject' },
        { title: t('notifications.for'), dataIndex: 'recipientRole', render: (r: string) => label(r, locale) },
      ]}
    />
  );
}

import { Descriptions, Typography } from 'antd';
import type { components } from '../../api/schema';
import { useI18n } from '../../i18n/I18n';
import { formatDateTime, formatFen } from '../../lib/money';

type Account = Pick<components['schemas']['OrderAccountView'], 'madeToOrder' | 'requiredDepositFen' | 'depositConfirmedAt' | 'balanceNotice'>;

/**
 * An order with made-to-order lines on the order's payment card: the agreed deposit and whether finance has
 * confirmed it (production is issued only then), and the balance the customer was told when production finished.
 * Nothing for a stocked order.
 */
export function MadeToOrderMoney({ account }: { account: Account }) {
  const { t, locale } = useI18n();
  if (!account.madeToOrder) return null;
  const notice = account.balanceNotice;
  const told = notice
    ? t(notice.balanceFen > 0 ? 'finance.mto.balanceDue' : 'finance.mto.balancePaid')
      .replace('{balance}', formatFen(notice.balanceFen)).replace('{total}', formatFen(notice.totalFen)).replace('{paid}', formatFen(notice.paidFen))
      .replace('{at}', formatDateTime(notice.issuedAt, locale))
    : null;
  return (
    <Descriptions size="small" column={3} title={t('finance.mto.title')} data-testid="made-to-order-money">
      <Descriptions.Item label={t('finance.mto.deposit')}>{formatFen(account.requiredDepositFen)}</Descriptions.Item>
      <Descriptions.Item label={t('finance.mto.depositConfirmed')}>
        <span data-testid="deposit-confirmed">
          {account.depositConfirmedAt
            ? t('finance.mto.depositConfirmedAt').replace('{at}', formatDateTime(account.depositConfirmedAt, locale))
            : <Typography.Text type="warning">{t('finance.mto.depositWaiting')}</Typography.Text>}
        </span>
      </Descriptions.Item>
      <Descriptions.Item label={t('finance.mto.balance')}>
        <span data-testid="balance-notice">{told ?? <Typography.Text type="secondary">{t('finance.mto.balanceWaiting')}</Typography.Text>}</span>
      </Descriptions.Item>
    </Descriptions>
  );
}

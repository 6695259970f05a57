import { ADMIN_LABELS } from './admin/labels';
import { DASHBOARD_LABELS } from './dashboard/labels';
import { FINANCE_LABELS } from './finance/labels';
import { PRINT_LABELS } from './print/labels';
import { PURCHASING_LABELS } from './purchasing/messages';
import { SALES_LABELS } from './sales/labels';
import { RETURNS_LABELS } from './sales/returns-messages';
import { SECURITY_LABELS } from './security/labels';
import { WAREHOUSE_LABELS } from './warehouse/labels';
import type { Locale } from '../i18n/messages';

/** The words for the API's states, per language (the API sends codes). */
const CORE: Record<string, [string, string]> = {
  draft: ['草稿', 'Draft'],
  pending_approval: ['待审批', 'Awaiting approval'],
  approved: ['已批准', 'Approved'],
  awaiting_payment: ['待付款', 'Awaiting payment'],
  backordered: ['缺货待补', 'Backordered'],
  ready_to_ship: ['待发货', 'Ready to ship'],
  shipped: ['已发货', 'Shipped'],
  delivered: ['已签收', 'Delivered'],
  closed: ['已关闭', 'Closed'],
  cancelled: ['已取消', 'Cancelled'],
  rejected: ['已驳回', 'Rejected'],
  open: ['待拣货', 'Open'],
  picked: ['已拣货', 'Picked'],
  verified: ['已复核', 'Verified'],
  packed: ['已打包', 'Packed'],
  prepaid: ['款到发货', 'Prepaid'],
  credit: ['赊销', 'Credit'],
  cash: ['现金', 'Cash'],
  pos: ['POS 刷卡', 'POS card'],
  transfer: ['转账', 'Transfer'],
  recorded: ['已登记', 'Recorded'],
  confirmed: ['已确认', 'Confirmed'],
};

const STATUS: Record<string, [string, string]> = { ...CORE, ...SALES_LABELS, ...FINANCE_LABELS, ...WAREHOUSE_LABELS, ...SECURITY_LABELS, ...ADMIN_LABELS, ...DASHBOARD_LABELS, ...PRINT_LABELS, ...RETURNS_LABELS, ...PURCHASING_LABELS };

export function label(code: string | null | undefined, locale: Locale): string {
  if (!code) return '—';
  const words = STATUS[code];
  return words ? words[locale === 'zh' ? 0 : 1] : code;
}

export const STATUS_COLOR: Record<string, string> = {
  pending_approval: 'orange', awaiting_payment: 'gold', ready_to_ship: 'blue', shipped: 'green', delivered: 'green', cancelled: 'default', rejected: 'red', backordered: 'purple',
  awaiting_confirmation: 'orange', in_production: 'geekblue',
};

/** Words for the API's codes shown on the dashboard: code → [Chinese, English]. */
export const DASHBOARD_LABELS: Record<string, [string, string]> = {
  not_due: ['未到期', 'Not due'],
  days_1_30: ['逾期 1–30 天', '1–30 days'],
  days_31_60: ['逾期 31–60 天', '31–60 days'],
  days_61_90: ['逾期 61–90 天', '61–90 days'],
  over_90: ['逾期 90 天以上', 'Over 90 days'],
};

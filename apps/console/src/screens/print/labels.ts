/** Words for the API's codes shown on the print screens: code → [Chinese, English]. */
export const PRINT_LABELS: Record<string, [string, string]> = {
  issued: ['已开具', 'Issued'],
  voided: ['已作废', 'Voided'],
  pending_verification: ['待核实', 'Awaiting verification'],
  awaiting_deposit_approval: ['定金待批', 'Deposit awaiting approval'],
  counted: ['已入账', 'Counted'],
};

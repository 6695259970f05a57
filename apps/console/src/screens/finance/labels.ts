/**
 * Words for the API's codes shown on the finance screens: code → [Chinese, English]. Finance's codes (`open`,
 * `due`, `paid`, `invoice`…) mean other things on other desks, so they are kept as `finance:<kind>:<code>` and
 * read through `finLabel` (shared.tsx); the payment methods (cash, pos, transfer) are the shell's own words.
 */
export const FINANCE_LABELS: Record<string, [string, string]> = {
  'finance:receipt:counted': ['已入账', 'Counted'],
  'finance:receipt:pending_verification': ['待核实到账', 'Awaiting verification'],
  'finance:receipt:awaiting_deposit_approval': ['定金待审批', 'Deposit awaiting approval'],
  'finance:invoice:issued': ['已开具', 'Issued'],
  'finance:invoice:voided': ['已作废', 'Voided'],
  'finance:series:INV': ['普通发票 (INV)', 'Standard invoice (INV)'],
  'finance:series:SVAT': ['增值税专用发票 (SVAT)', 'Special VAT invoice (SVAT)'],
  'finance:receivable:open': ['未结清', 'Open'],
  'finance:receivable:settled': ['已结清', 'Settled'],
  'finance:receivable:voided': ['已作废', 'Voided'],
  'finance:stage:current': ['未到催收期', 'Current'],
  'finance:stage:unpaid': ['欠款', 'Unpaid'],
  'finance:stage:dunning': ['催收', 'Dunning'],
  'finance:stage:supply_stopped': ['停止供货', 'Supply stopped'],
  'finance:stage:doubtful': ['呆账', 'Doubtful'],
  'finance:stage:written_off': ['已核销', 'Written off'],
  'finance:receivable:written_off': ['已核销', 'Written off'],
  'finance:source:write_off': ['坏账核销', 'Write-off'],
  'finance:source:write_off_recovery': ['核销收回', 'Write-off recovered'],
  'finance:refund:due': ['待退款', 'Due'],
  'finance:refund:paid': ['已退款', 'Paid'],
  'finance:source:receipt': ['收款', 'Receipt'],
  'finance:source:invoice': ['发票', 'Invoice'],
  'finance:source:invoice_void': ['发票作废', 'Invoice void'],
  'finance:source:refund': ['退款', 'Refund'],
  'finance:source:voucher': ['记账凭证', 'Voucher'],
};

/** Words for the API's codes shown on the sales screens: code → [Chinese, English]. */
export const SALES_LABELS: Record<string, [string, string]> = {
  // Credit change statuses (draft → pending_manager → pending_vp → approved | rejected; approved/rejected are shared words).
  pending_manager: ['待销售经理审批', 'Awaiting sales manager'],
  pending_vp: ['待销售副总审批', 'Awaiting sales VP'],
  // Who must approve (OrderView.approvalLevel; also the next step of a credit change). Same words as the roles.
  none: ['无需审批', 'No approval needed'],
  sales_manager: ['销售经理', 'Sales manager'],
  sales_vp: ['销售副总', 'Sales VP'],
  general_manager: ['总经理', 'General manager'],
  // Shipping notices: the call list's states and how the customer was told.
  due: ['应通知', 'Due'],
  scheduled: ['未到通知日', 'Not yet due'],
  told: ['已通知', 'Told'],
  phone: ['电话', 'Phone'],
  sms: ['短信', 'SMS'],
  email: ['邮件', 'Email'],
  wechat: ['微信', 'WeChat'],
  // Shipping methods (free text in the API; the usual ones).
  express: ['快递', 'Express'],
  // How a customer's prepayment balance moved.
  overpayment: ['多付款转入', 'Overpayment'],
  kept_from_cancellation: ['取消订单留存', 'Kept from a cancelled order'],
  applied_to_order: ['抵用订单', 'Applied to an order'],
  referral_reward: ['老带新奖励转入', 'Referral reward credited'],
  // Made-to-order orders: agreed and waiting for the customer's signed confirmation; placed and being made.
  awaiting_confirmation: ['待客户书面确认', 'Awaiting written confirmation'],
  in_production: ['生产中', 'In production'],
};

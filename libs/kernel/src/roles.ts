/** The people of the business and what the API calls them. `auditor` reads everything and changes nothing. */
export const ROLE_NAMES = [
  'admin', 'general_manager', 'sales_vp', 'sales_manager', 'sales_rep', 'sales_assistant', 'receptionist',
  'cashier', 'accountant', 'finance_manager', 'warehouse_keeper', 'warehouse_manager', 'purchaser',
  'purchasing_manager', 'qc_inspector', 'security_guard', 'security_captain', 'monitoring_operator',
  'security_manager', 'store_manager', 'bar_supervisor', 'store_clerk', 'bar_staff', 'bartender', 'ecommerce_operator', 'customer_service',
  'production_planner', 'quality_manager', 'auditor',
] as const;

export type Role = (typeof ROLE_NAMES)[number];

/** Who works where: the groups that most permissions are written in. */
export const SALES_DESK: readonly Role[] = ['sales_rep', 'sales_assistant', 'sales_manager', 'sales_vp', 'general_manager'];
export const FINANCE: readonly Role[] = ['cashier', 'accountant', 'finance_manager'];
export const WAREHOUSE: readonly Role[] = ['warehouse_keeper', 'warehouse_manager'];
export const PURCHASING: readonly Role[] = ['purchaser', 'purchasing_manager'];
export const SECURITY: readonly Role[] = ['security_guard', 'security_captain', 'monitoring_operator', 'security_manager'];
/** The people of a store (店长, its clerks at the till) and of a bar counter (吧台主管, table staff, bartenders). */
export const OUTLETS: readonly Role[] = ['store_manager', 'bar_supervisor', 'store_clerk', 'bar_staff', 'bartender'];
/** The online store's people: operators keep listings and promotions (电商运营, 网站后台维护); customer service answers inquiries and after-sales tickets (售前/售后客服). */
export const ONLINE_STORE: readonly Role[] = ['ecommerce_operator', 'customer_service'];
/**
 * Made-to-order production (生产跟单): the planner issues production orders in-house or to a contract factory and tracks
 * their process steps; the quality manager decides what happens to a step whose sample failed (rework, scrap, concession).
 * Sample checks themselves are the QC inspectors'.
 */
export const PRODUCTION: readonly Role[] = ['production_planner', 'quality_manager'];
/** Who runs an outlet's day: approves its voids, waste, discounts within a sales manager's authority, and its rota. */
export const OUTLET_SUPERVISORS: readonly Role[] = ['store_manager', 'bar_supervisor'];

export interface Person {
  userId: string;
  roles: readonly string[];
}

/** The people of the business and what the API calls them. `auditor` reads everything and changes nothing. */
export const ROLE_NAMES = [
  'admin', 'general_manager', 'sales_vp', 'sales_manager', 'sales_rep', 'sales_assistant', 'receptionist',
  'cashier', 'accountant', 'finance_manager', 'warehouse_keeper', 'warehouse_manager', 'purchaser',
  'purchasing_manager', 'qc_inspector', 'security_guard', 'security_captain', 'monitoring_operator',
  'security_manager', 'auditor',
] as const;

export type Role = (typeof ROLE_NAMES)[number];

/** Who works where: the groups that most permissions are written in. */
export const SALES_DESK: readonly Role[] = ['sales_rep', 'sales_assistant', 'sales_manager', 'sales_vp', 'general_manager'];
export const FINANCE: readonly Role[] = ['cashier', 'accountant', 'finance_manager'];
export const WAREHOUSE: readonly Role[] = ['warehouse_keeper', 'warehouse_manager'];
export const PURCHASING: readonly Role[] = ['purchaser', 'purchasing_manager'];
export const SECURITY: readonly Role[] = ['security_guard', 'security_captain', 'monitoring_operator', 'security_manager'];

export interface Person {
  userId: string;
  roles: readonly string[];
}

/** The people of the business (DESIGN §9). `auditor` reads everything and changes nothing. */
export const ROLES = [
  'admin', 'general_manager', 'sales_vp', 'sales_manager', 'sales_rep', 'sales_assistant', 'receptionist',
  'cashier', 'accountant', 'finance_manager', 'warehouse_keeper', 'warehouse_manager', 'purchaser',
  'purchasing_manager', 'qc_inspector', 'security_guard', 'security_captain', 'monitoring_operator',
  'security_manager', 'auditor',
] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export const SALES_DESK: Role[] = ['sales_rep', 'sales_assistant', 'sales_manager', 'sales_vp', 'general_manager'];
export const FINANCE: Role[] = ['cashier', 'accountant', 'finance_manager'];
export const WAREHOUSE: Role[] = ['warehouse_keeper', 'warehouse_manager'];
export const PURCHASING: Role[] = ['purchaser', 'purchasing_manager'];
export const SECURITY: Role[] = ['security_guard', 'security_captain', 'monitoring_operator', 'security_manager'];

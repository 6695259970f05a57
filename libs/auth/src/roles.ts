import { ROLE_NAMES } from '@ops/contracts';

/** The people of the business (DESIGN §9). `auditor` reads everything and changes nothing. */
export const ROLES = ROLE_NAMES;
export type Role = (typeof ROLES)[number];

export const SALES_DESK: Role[] = ['sales_rep', 'sales_assistant', 'sales_manager', 'sales_vp', 'general_manager'];
export const FINANCE: Role[] = ['cashier', 'accountant', 'finance_manager'];
export const WAREHOUSE: Role[] = ['warehouse_keeper', 'warehouse_manager'];
export const PURCHASING: Role[] = ['purchaser', 'purchasing_manager'];
export const SECURITY: Role[] = ['security_guard', 'security_captain', 'monitoring_operator', 'security_manager'];

import type { components } from '../../api/schema';

/** A role as the contract names it (CreateUserRequest.roles). */
export type Role = components['schemas']['CreateUserRequest']['roles'][number];

/** Every role of the contract with its words, in the order the forms offer them (the type makes it complete). */
export const ROLE_LABELS: Record<Role, [string, string]> = {
  admin: ['系统管理员', 'Administrator'],
  general_manager: ['总经理', 'General manager'],
  auditor: ['审计员', 'Auditor'],
  sales_vp: ['销售副总', 'Sales VP'],
  sales_manager: ['销售经理', 'Sales manager'],
  sales_rep: ['销售代表', 'Sales rep'],
  sales_assistant: ['销售助理', 'Sales assistant'],
  receptionist: ['前台', 'Receptionist'],
  cashier: ['出纳', 'Cashier'],
  accountant: ['会计', 'Accountant'],
  finance_manager: ['财务经理', 'Finance manager'],
  warehouse_keeper: ['仓管员', 'Warehouse keeper'],
  warehouse_manager: ['仓库经理', 'Warehouse manager'],
  purchaser: ['采购员', 'Purchaser'],
  purchasing_manager: ['采购经理', 'Purchasing manager'],
  qc_inspector: ['质检员', 'QC inspector'],
  security_guard: ['保安', 'Security guard'],
  security_captain: ['保安队长', 'Security captain'],
  monitoring_operator: ['监控员', 'Monitoring operator'],
  security_manager: ['安保经理', 'Security manager'],
  store_manager: ['店长', 'Store manager'],
  bar_supervisor: ['吧台主管', 'Bar supervisor'],
  store_clerk: ['店员', 'Store clerk'],
  bar_staff: ['吧台服务员', 'Bar staff'],
  bartender: ['调酒员', 'Bartender'],
  ecommerce_operator: ['电商运营', 'E-commerce operator'],
  customer_service: ['客服', 'Customer service'],
  production_planner: ['生产计划', 'Production planner'],
  quality_manager: ['品质经理', 'Quality manager'],
};

export const ROLES = Object.keys(ROLE_LABELS) as Role[];

/** Words for the API's codes shown on the admin screens: code → [Chinese, English]. */
export const ADMIN_LABELS: Record<string, [string, string]> = {
  ...ROLE_LABELS,
};

import { AdminRpc, FinanceRpc, InventoryRpc, SalesRpc, SecurityRpc, type ServiceName } from '@ops/contracts';
import { FINANCE, PURCHASING, SALES_DESK, SECURITY, WAREHOUSE, type Role } from './roles.js';

export interface Permission {
  /** Commands change something and are audited; queries only read. */
  kind: 'command' | 'query';
  roles: readonly Role[];
}

const command = (...roles: Role[]): Permission => ({ kind: 'command', roles });
const query = (...roles: Role[]): Permission => ({ kind: 'query', roles: [...new Set<Role>([...roles, 'auditor'])] });

/** Managers who may read a service's audit trail, besides the auditor and the general manager. */
const AUDIT_READERS: Record<ServiceName, Role[]> = {
  sales: ['sales_manager', 'sales_vp'],
  finance: ['finance_manager'],
  inventory: ['warehouse_manager', 'purchasing_manager'],
  security: ['security_manager'],
};

const admin = (service: ServiceName): Record<string, Permission> => ({
  [AdminRpc.listDeadLetters]: query('admin'),
  [AdminRpc.replayDeadLetter]: command('admin'),
  [AdminRpc.listAudit]: query('admin', 'general_manager', ...AUDIT_READERS[service]),
});

/**
 * Who may run each command and query, in one table that the gateway checks for every route and each
 * service checks again for every request it handles. A name missing here is refused everywhere.
 */
export const PERMISSIONS: Record<ServiceName, Record<string, Permission>> = {
  sales: {
    [SalesRpc.registerCustomer]: command(...SALES_DESK),
    [SalesRpc.listCustomers]: query(...SALES_DESK, 'receptionist', ...FINANCE),
    [SalesRpc.placeOrder]: command(...SALES_DESK),
    [SalesRpc.getOrder]: query(...SALES_DESK, ...FINANCE, ...WAREHOUSE),
    [SalesRpc.listOrders]: query(...SALES_DESK, ...FINANCE, ...WAREHOUSE),
    // Who may approve a given order is decided by its level, in the sales domain.
    [SalesRpc.approveOrder]: command('sales_manager', 'sales_vp', 'general_manager'),
    [SalesRpc.rejectOrder]: command('sales_manager', 'sales_vp', 'general_manager'),
    [SalesRpc.cancelOrder]: command(...SALES_DESK),
    [SalesRpc.approveShippingException]: command('sales_vp', 'general_manager'),
    [SalesRpc.getCustomer]: query(...SALES_DESK, 'receptionist', ...FINANCE),
    [SalesRpc.requestCreditChange]: command(...SALES_DESK),
    [SalesRpc.listCreditChanges]: query(...SALES_DESK, 'finance_manager'),
    // Which step an approver may decide (manager, then VP) is a rule of the sales domain.
    [SalesRpc.approveCreditChange]: command('sales_manager', 'sales_vp', 'general_manager'),
    [SalesRpc.rejectCreditChange]: command('sales_manager', 'sales_vp', 'general_manager'),
    [SalesRpc.createPriceList]: command('sales_manager', 'sales_vp', 'finance_manager'),
    [SalesRpc.approvePriceList]: command('finance_manager', 'sales_vp', 'general_manager'),
    [SalesRpc.listPriceLists]: query(...SALES_DESK, ...FINANCE),
    [SalesRpc.getPriceList]: query(...SALES_DESK, ...FINANCE),
    [SalesRpc.getListPrice]: query(...SALES_DESK, ...FINANCE),
    [SalesRpc.listShortages]: query('sales_manager', 'sales_vp', 'general_manager', ...PURCHASING, 'warehouse_manager'),
    [SalesRpc.listShippingNotices]: query(...SALES_DESK),
    [SalesRpc.recordCustomerTold]: command(...SALES_DESK),
    // Each person reads only their own notices (the handler filters by the signed-in user).
    [SalesRpc.listMyNotifications]: query(...SALES_DESK),
    [SalesRpc.markNotificationRead]: command(...SALES_DESK),
    ...admin('sales'),
  },
  finance: {
    [FinanceRpc.recordReceipt]: command('cashier', 'finance_manager'),
    [FinanceRpc.listReceipts]: query(...FINANCE, 'sales_manager', 'sales_vp', 'general_manager'),
    [FinanceRpc.getOrderAccount]: query(...FINANCE, ...SALES_DESK),
    [FinanceRpc.listInvoices]: query(...FINANCE, 'sales_manager', 'sales_vp', 'general_manager'),
    [FinanceRpc.listJournal]: query('accountant', 'finance_manager', 'general_manager'),
    [FinanceRpc.getTrialBalance]: query('accountant', 'finance_manager', 'general_manager'),
    [FinanceRpc.verifyTransfer]: command('accountant', 'finance_manager'),
    // A deposit below the required amount is accepted by sales management, never by its recorder (domain rule).
    [FinanceRpc.approveDeposit]: command('sales_manager', 'sales_vp', 'general_manager'),
    [FinanceRpc.issueInvoice]: command('cashier', 'accountant', 'finance_manager'),
    [FinanceRpc.voidInvoice]: command('finance_manager'),
    [FinanceRpc.listReceivables]: query(...FINANCE, 'sales_manager', 'sales_vp', 'general_manager'),
    [FinanceRpc.getCustomerStatement]: query(...FINANCE, 'sales_manager', 'sales_vp', 'general_manager'),
    [FinanceRpc.getCustomerPrepayment]: query(...FINANCE, ...SALES_DESK),
    [FinanceRpc.placeCreditHold]: command('finance_manager'),
    [FinanceRpc.releaseCreditHold]: command('finance_manager'),
    ...admin('finance'),
  },
  inventory: {
    [InventoryRpc.registerSku]: command('warehouse_manager', ...PURCHASING),
    [InventoryRpc.listSkus]: query(...WAREHOUSE, ...PURCHASING, ...SALES_DESK, 'qc_inspector'),
    [InventoryRpc.receiveStock]: command(...WAREHOUSE),
    [InventoryRpc.listStock]: query(...WAREHOUSE, ...PURCHASING, ...SALES_DESK),
    [InventoryRpc.listReservations]: query(...WAREHOUSE, ...SALES_DESK),
    [InventoryRpc.shipOrder]: command(...WAREHOUSE),
    [InventoryRpc.listShipments]: query(...WAREHOUSE, ...SALES_DESK, 'security_guard', 'security_captain', 'security_manager'),
    [InventoryRpc.listRecountRequests]: query(...WAREHOUSE, 'security_manager'),
    [InventoryRpc.confirmDelivery]: command(...WAREHOUSE),
    [InventoryRpc.createPickList]: command(...WAREHOUSE),
    [InventoryRpc.recordPick]: command(...WAREHOUSE),
    [InventoryRpc.verifyPick]: command(...WAREHOUSE),
    [InventoryRpc.packPickList]: command(...WAREHOUSE),
    [InventoryRpc.listPickLists]: query(...WAREHOUSE, ...SALES_DESK),
    // A goods receipt is audited by a manager who did not record it (the domain refuses the recorder).
    [InventoryRpc.auditStockReceipt]: command('warehouse_manager', 'purchasing_manager'),
    [InventoryRpc.listStockReceipts]: query(...WAREHOUSE, ...PURCHASING, 'accountant', 'finance_manager'),
    [InventoryRpc.listStockLots]: query(...WAREHOUSE, ...PURCHASING, ...SALES_DESK),
    [InventoryRpc.createLocation]: command('warehouse_manager'),
    [InventoryRpc.createWarehouse]: command('warehouse_manager'),
    [InventoryRpc.listWarehouses]: query(...WAREHOUSE, ...PURCHASING, ...SALES_DESK),
    [InventoryRpc.listLocations]: query(...WAREHOUSE, ...PURCHASING),
    [InventoryRpc.listStockMovements]: query(...WAREHOUSE, ...PURCHASING, 'accountant', 'finance_manager'),
    ...admin('inventory'),
  },
  security: {
    [SecurityRpc.reportIncident]: command(...SECURITY, ...WAREHOUSE),
    [SecurityRpc.listIncidents]: query(...SECURITY, 'general_manager'),
    [SecurityRpc.listExpectedExits]: query('security_guard', 'security_captain', 'security_manager'),
    [SecurityRpc.recordGateCheck]: command('security_guard', 'security_captain'),
    [SecurityRpc.listGateChecks]: query('security_guard', 'security_captain', 'security_manager'),
    ...admin('security'),
  },
};

export type Decision = { allowed: true; permission: Permission } | { allowed: false; reason: string };

export function decide(service: ServiceName, name: string, roles: readonly string[]): Decision {
  const permission = PERMISSIONS[service]?.[name];
  if (!permission) return { allowed: false, reason: `${service} ${name} is not open to anyone` };
  if (!roles.some((role) => (permission.roles as readonly string[]).includes(role))) {
    return { allowed: false, reason: `${name.replace(/^admin\./, '').replace(/-/g, ' ')} needs one of the roles ${permission.roles.join(', ')}` };
  }
  return { allowed: true, permission };
}

/** What the gateway itself owns: people and their sign-ins. */
export const IdentityCommands = {
  createUser: 'create-user',
  listUsers: 'list-users',
  setRoles: 'set-roles',
  deactivateUser: 'deactivate-user',
  listAudit: AdminRpc.listAudit,
} as const;

export const IDENTITY_PERMISSIONS: Record<string, Permission> = {
  [IdentityCommands.createUser]: command('admin'),
  [IdentityCommands.listUsers]: query('admin'),
  [IdentityCommands.setRoles]: command('admin'),
  [IdentityCommands.deactivateUser]: command('admin'),
  [IdentityCommands.listAudit]: query('admin', 'general_manager'),
};

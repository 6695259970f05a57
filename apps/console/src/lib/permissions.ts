/**
 * Who may do what, read from the OpenAPI document the gateway serves: each operation lists the roles that may
 * call it under `x-permission`. The console shows a screen or a button only when one of the person's roles may
 * call the operation behind it, so it never offers what the API would refuse with 403.
 */
export type Operation = `${'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'} /api/v1/${string}`;
export type Permissions = ReadonlyMap<string, readonly string[]>;

interface OpenApiLike {
  paths: Record<string, Record<string, { 'x-permission'?: { roles: string[] } }>>;
}

export function permissionsFrom(document: OpenApiLike): Permissions {
  const map = new Map<string, string[]>();
  for (const [path, operations] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      const roles = operation['x-permission']?.roles;
      if (roles) map.set(`${method.toUpperCase()} ${path}`, roles);
    }
  }
  return map;
}

export function may(permissions: Permissions, roles: readonly string[], operation: Operation): boolean {
  return (permissions.get(operation) ?? []).some((role) => roles.includes(role));
}

/** The desks the menu groups screens into. */
export type NavGroup = 'overview' | 'sales' | 'online' | 'outlets' | 'finance' | 'production' | 'warehouse' | 'purchasing' | 'security' | 'admin';

export interface NavItem {
  key: string;
  path: string;
  group: NavGroup;
  /** The operation the screen cannot work without; with several, any one of them opens it. */
  needs: Operation | readonly Operation[];
}

export const NAVIGATION: readonly NavItem[] = [
  { key: 'dashboard', path: '/dashboard', group: 'overview', needs: ['GET /api/v1/sales/reports/daily', 'GET /api/v1/finance/receivables/aging', 'GET /api/v1/inventory/stock/low', 'GET /api/v1/security/incidents/summary'] },
  { key: 'orders', path: '/orders', group: 'sales', needs: 'GET /api/v1/sales/orders' },
  { key: 'newOrder', path: '/orders/new', group: 'sales', needs: 'POST /api/v1/sales/orders' },
  { key: 'approvals', path: '/approvals', group: 'sales', needs: 'POST /api/v1/sales/orders/{id}/approve' },
  { key: 'customers', path: '/customers', group: 'sales', needs: 'GET /api/v1/sales/customers' },
  { key: 'creditChanges', path: '/credit-changes', group: 'sales', needs: 'GET /api/v1/sales/credit-changes' },
  { key: 'priceLists', path: '/price-lists', group: 'sales', needs: 'GET /api/v1/sales/price-lists' },
  { key: 'priceHolds', path: '/price-holds', group: 'sales', needs: 'GET /api/v1/sales/price-holds' },
  { key: 'shortages', path: '/shortages', group: 'sales', needs: 'GET /api/v1/sales/shortages' },
  { key: 'shippingNotices', path: '/shipping-notices', group: 'sales', needs: 'GET /api/v1/sales/shipping-notices' },
  { key: 'returns', path: '/returns', group: 'sales', needs: ['POST /api/v1/sales/returns', 'POST /api/v1/sales/returns/{id}/approve'] },
  { key: 'reception', path: '/reception', group: 'sales', needs: ['POST /api/v1/sales/receptions', 'GET /api/v1/sales/receptions'] },
  { key: 'dutyRoster', path: '/duty-roster', group: 'sales', needs: 'GET /api/v1/sales/duty-roster/{date}' },
  { key: 'leads', path: '/leads', group: 'sales', needs: 'GET /api/v1/sales/leads' },
  { key: 'targets', path: '/targets', group: 'sales', needs: 'GET /api/v1/sales/targets' },
  { key: 'salesPerformance', path: '/sales-performance', group: 'sales', needs: 'GET /api/v1/sales/reports/performance' },
  { key: 'referralRewards', path: '/referral-rewards', group: 'sales', needs: 'GET /api/v1/sales/referral-rewards' },
  // The online catalogue: operators draft and keep the listings, another operator or a sales manager reviews them.
  { key: 'listings', path: '/listings', group: 'online', needs: ['POST /api/v1/sales/listings', 'POST /api/v1/sales/listings/{id}/approve'] },
  // The online store's promotions: drafted by operators or sales staff, approved within the discount authority.
  { key: 'promotions', path: '/promotions', group: 'online', needs: 'GET /api/v1/sales/promotions' },
  // The online store's registry of business accounts (its operator, reviewed by another) and the after-sales tickets customer service works.
  { key: 'businessAccounts', path: '/business-accounts', group: 'online', needs: 'GET /api/v1/sales/business-accounts' },
  { key: 'serviceTickets', path: '/service-tickets', group: 'online', needs: 'GET /api/v1/sales/service-tickets' },
  // The bar's people: table staff write and serve slips, bartenders make them, the supervisor runs both; readers of the board alone do not get it.
  // Whoever rings up at an outlet's till (its clerks, the supervisor, the bar's people).
  { key: 'till', path: '/till', group: 'outlets', needs: 'POST /api/v1/sales/outlets/{code}/tickets' },
  { key: 'barBoard', path: '/bar', group: 'outlets', needs: ['POST /api/v1/sales/outlets/{code}/drinks-slips', 'POST /api/v1/sales/outlets/{code}/drinks-slips/{id}/make'] },
  { key: 'shiftHandovers', path: '/shift-handovers', group: 'outlets', needs: 'POST /api/v1/sales/outlets/{code}/handovers' },
  // An outlet's records: its people and the sales and finance management read them; its supervisor plans and decides.
  { key: 'outletRota', path: '/outlet-rota', group: 'outlets', needs: 'GET /api/v1/sales/outlets/{code}/rota' },
  { key: 'outletWaste', path: '/outlet-waste', group: 'outlets', needs: 'GET /api/v1/sales/outlets/{code}/waste' },
  { key: 'outletTargets', path: '/outlet-targets', group: 'outlets', needs: 'GET /api/v1/sales/outlets/{code}/targets/attainment' },
  { key: 'outletComplaints', path: '/outlet-complaints', group: 'outlets', needs: 'GET /api/v1/sales/outlets/{code}/complaints' },
  { key: 'replenishments', path: '/replenishments', group: 'outlets', needs: 'GET /api/v1/sales/outlets/{code}/replenishments' },
  // The registry of outlets: the sales management (and the administrator) registers them and keeps their staff.
  { key: 'outlets', path: '/outlets', group: 'outlets', needs: 'POST /api/v1/sales/outlets' },
  { key: 'receipts', path: '/receipts', group: 'finance', needs: 'GET /api/v1/finance/receipts' },
  { key: 'transfersToVerify', path: '/transfers-to-verify', group: 'finance', needs: 'POST /api/v1/finance/receipts/{receiptId}/verify' },
  { key: 'depositsToApprove', path: '/deposits-to-approve', group: 'finance', needs: 'POST /api/v1/finance/receipts/{receiptId}/approve-deposit' },
  { key: 'refunds', path: '/refunds', group: 'finance', needs: 'GET /api/v1/finance/refunds' },
  { key: 'creditNotes', path: '/credit-notes', group: 'finance', needs: 'GET /api/v1/finance/credit-notes' },
  { key: 'cashierDays', path: '/cashier-days', group: 'finance', needs: ['GET /api/v1/finance/cashier-days', 'POST /api/v1/finance/cashier-days'] },
  { key: 'cashHandovers', path: '/cash-handovers', group: 'finance', needs: 'GET /api/v1/finance/cash-handovers' },
  { key: 'bankDeposits', path: '/bank-deposits', group: 'finance', needs: 'GET /api/v1/finance/bank-deposits' },
  { key: 'invoices', path: '/invoices', group: 'finance', needs: 'GET /api/v1/finance/invoices' },
  { key: 'receivables', path: '/receivables', group: 'finance', needs: 'GET /api/v1/finance/receivables' },
  { key: 'agingGroups', path: '/aging', group: 'finance', needs: 'GET /api/v1/finance/receivables/aging/groups' },
  { key: 'commissions', path: '/commissions', group: 'finance', needs: 'GET /api/v1/finance/commissions' },
  { key: 'statement', path: '/statement', group: 'finance', needs: 'GET /api/v1/finance/customers/{customerId}/statement' },
  { key: 'journal', path: '/journal', group: 'finance', needs: 'GET /api/v1/finance/journal' },
  { key: 'trialBalance', path: '/trial-balance', group: 'finance', needs: 'GET /api/v1/finance/trial-balance' },
  { key: 'vouchers', path: '/vouchers', group: 'finance', needs: 'GET /api/v1/finance/vouchers' },
  { key: 'periodClose', path: '/period-close', group: 'finance', needs: 'GET /api/v1/finance/periods' },
  { key: 'statements', path: '/statements', group: 'finance', needs: 'GET /api/v1/finance/statements/{month}/balance-sheet' },
  { key: 'payables', path: '/payables', group: 'finance', needs: 'GET /api/v1/finance/payables' },
  { key: 'paymentRequests', path: '/payment-requests', group: 'finance', needs: 'GET /api/v1/finance/payment-requests' },
  { key: 'referralRewardsFinance', path: '/referral-rewards-to-pay', group: 'finance', needs: 'GET /api/v1/finance/referral-rewards' },
  // Made to order: the planners and quality, the warehouse, purchasing and the order desk (跟单) follow production
  // orders and late steps; the supply spec is kept by whoever may change it (planner, warehouse and purchasing managers).
  { key: 'productionOrders', path: '/production-orders', group: 'production', needs: 'GET /api/v1/inventory/production-orders' },
  { key: 'lateSteps', path: '/late-steps', group: 'production', needs: 'GET /api/v1/inventory/production-orders/late-steps' },
  { key: 'skuSupply', path: '/sku-supply', group: 'production', needs: 'PUT /api/v1/inventory/skus/{sku}/supply' },
  { key: 'pickLists', path: '/pick-lists', group: 'warehouse', needs: 'GET /api/v1/inventory/pick-lists' },
  { key: 'shipments', path: '/shipments', group: 'warehouse', needs: 'GET /api/v1/inventory/shipments' },
  { key: 'goodsReceipts', path: '/goods-receipts', group: 'warehouse', needs: 'GET /api/v1/inventory/stock-receipts' },
  { key: 'stock', path: '/stock', group: 'warehouse', needs: 'GET /api/v1/inventory/stock' },
  { key: 'returnsToReceive', path: '/returns-to-receive', group: 'warehouse', needs: 'POST /api/v1/inventory/returns/{returnId}/receive' },
  { key: 'transfers', path: '/transfers', group: 'warehouse', needs: 'GET /api/v1/inventory/transfers' },
  { key: 'stocktakes', path: '/stocktakes', group: 'warehouse', needs: 'GET /api/v1/inventory/stocktakes' },
  { key: 'sampleLoans', path: '/sample-loans', group: 'warehouse', needs: 'GET /api/v1/inventory/sample-loans' },
  // Buyers and their managers; keepers read suppliers and orders only through the goods receipt form.
  { key: 'suppliers', path: '/suppliers', group: 'purchasing', needs: ['POST /api/v1/inventory/suppliers', 'POST /api/v1/inventory/suppliers/{id}/deactivate'] },
  { key: 'purchaseOrders', path: '/purchase-orders', group: 'purchasing', needs: ['POST /api/v1/inventory/purchase-orders', 'POST /api/v1/inventory/purchase-orders/{id}/approve'] },
  // Keepers too: they ship the approved returns.
  { key: 'purchaseReturns', path: '/purchase-returns', group: 'purchasing', needs: ['POST /api/v1/inventory/purchase-returns', 'POST /api/v1/inventory/purchase-returns/{id}/ship'] },
  { key: 'purchaseSuggestions', path: '/purchase-suggestions', group: 'purchasing', needs: ['PUT /api/v1/inventory/stock-thresholds', 'POST /api/v1/inventory/purchase-orders'] },
  { key: 'supplierEvaluation', path: '/supplier-evaluation', group: 'purchasing', needs: 'POST /api/v1/inventory/purchase-orders' },
  // What released production orders need bought: purchasing's screen (planners see them on the production order).
  { key: 'materialRequests', path: '/material-requests', group: 'purchasing', needs: 'POST /api/v1/inventory/material-requests/purchase-order' },
  { key: 'gateChecks', path: '/gate-checks', group: 'security', needs: 'GET /api/v1/security/gate-checks' },
  // Keepers may report an incident without reading the others: the screen then offers only the report.
  { key: 'incidents', path: '/incidents', group: 'security', needs: ['GET /api/v1/security/incidents', 'POST /api/v1/security/incidents'] },
  { key: 'posts', path: '/posts', group: 'security', needs: 'GET /api/v1/security/shifts' },
  { key: 'patrols', path: '/patrols', group: 'security', needs: 'GET /api/v1/security/patrol-routes' },
  { key: 'securityExceptions', path: '/security-exceptions', group: 'security', needs: 'GET /api/v1/security/exceptions' },
  { key: 'patrolCompliance', path: '/patrol-compliance', group: 'security', needs: 'GET /api/v1/security/patrols/compliance' },
  { key: 'notifications', path: '/notifications', group: 'security', needs: 'GET /api/v1/security/notifications' },
  { key: 'monitoringRoom', path: '/monitoring-room', group: 'security', needs: 'GET /api/v1/security/duty-log' },
  { key: 'visitors', path: '/visitors', group: 'security', needs: ['GET /api/v1/security/visitors', 'POST /api/v1/security/visitors'] },
  { key: 'escorts', path: '/escorts', group: 'security', needs: 'GET /api/v1/security/escorts' },
  { key: 'users', path: '/users', group: 'admin', needs: 'GET /api/v1/identity/users' },
  { key: 'audit', path: '/audit', group: 'admin', needs: ['GET /api/v1/audit/sales', 'GET /api/v1/audit/finance', 'GET /api/v1/audit/inventory', 'GET /api/v1/audit/security', 'GET /api/v1/audit/identity'] },
];

export function mayAny(permissions: Permissions, roles: readonly string[], needs: NavItem['needs']): boolean {
  return (typeof needs === 'string' ? [needs] : needs).some((operation) => may(permissions, roles, operation));
}

export function navigationFor(permissions: Permissions, roles: readonly string[]): NavItem[] {
  return NAVIGATION.filter((item) => mayAny(permissions, roles, item.needs));
}

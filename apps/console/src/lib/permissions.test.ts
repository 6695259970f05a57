// @vitest-environment node
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { may, navigationFor, permissionsFrom } from './permissions';

// The committed contract (docs/openapi.json), the same document the gateway serves.
const permissions = permissionsFrom(JSON.parse(readFileSync(new URL('../../../../docs/openapi.json', import.meta.url), 'utf8')));
const keys = (roles: string[]) => navigationFor(permissions, roles).map((n) => n.key);

describe('navigation by role, from the API\'s own permission data', () => {
  it('gives each desk its screens and nothing more', () => {
    expect(keys(['sales_rep'])).toEqual(['dashboard', 'orders', 'newOrder', 'customers', 'creditChanges', 'priceLists', 'priceHolds', 'shippingNotices', 'returns', 'reception', 'leads', 'targets', 'referralRewards', 'promotions', 'businessAccounts', 'serviceTickets', 'productionOrders', 'lateSteps', 'pickLists', 'shipments', 'stock']);
    expect(keys(['cashier'])).toEqual(['dashboard', 'orders', 'customers', 'priceLists', 'priceHolds', 'receipts', 'refunds', 'creditNotes', 'cashierDays', 'cashHandovers', 'bankDeposits', 'invoices', 'receivables', 'statement', 'payables', 'paymentRequests', 'referralRewardsFinance']);
    expect(keys(['warehouse_keeper'])).toEqual(['dashboard', 'orders', 'productionOrders', 'lateSteps', 'pickLists', 'shipments', 'goodsReceipts', 'stock', 'returnsToReceive', 'transfers', 'stocktakes', 'sampleLoans', 'purchaseReturns', 'incidents']);
    expect(keys(['security_guard'])).toEqual(['shipments', 'gateChecks', 'incidents', 'posts', 'patrols', 'notifications', 'visitors', 'escorts']);
    expect(keys(['sales_manager'])).toEqual([
      'dashboard', 'orders', 'newOrder', 'approvals', 'customers', 'creditChanges', 'priceLists', 'priceHolds', 'shortages', 'shippingNotices', 'returns', 'reception', 'dutyRoster', 'leads', 'targets', 'salesPerformance',
      'referralRewards', 'listings', 'promotions', 'businessAccounts', 'serviceTickets', 'outletRota', 'outletWaste', 'outletTargets', 'outletComplaints', 'replenishments', 'outlets',
      'receipts', 'depositsToApprove', 'refunds', 'creditNotes', 'invoices', 'receivables', 'agingGroups', 'commissions', 'statement', 'productionOrders', 'lateSteps', 'pickLists', 'shipments', 'stock', 'transfers', 'sampleLoans', 'audit',
    ]);
    expect(keys(['admin'])).toEqual(['users', 'audit']);
    expect(keys([])).toEqual([]);
  });

  it('gives the online store its desk: operators the listings, customer service the tickets, the accountants the books', () => {
    expect(keys(['ecommerce_operator'])).toEqual(['customers', 'listings', 'promotions', 'businessAccounts', 'serviceTickets']);
    expect(keys(['customer_service'])).toEqual(['customers', 'promotions', 'businessAccounts', 'serviceTickets', 'productionOrders', 'lateSteps']);
    expect(keys(['accountant'])).toEqual(expect.arrayContaining(['vouchers', 'periodClose', 'statements', 'referralRewardsFinance', 'businessAccounts']));
    expect(keys(['cashier'])).not.toContain('vouchers');
    expect(may(permissions, ['accountant'], 'POST /api/v1/finance/periods/{month}/close')).toBe(false);
    expect(may(permissions, ['finance_manager'], 'POST /api/v1/finance/periods/{month}/close')).toBe(true);
  });

  it('adds up several roles, in the menu\'s order', () => {
    expect(keys(['cashier', 'warehouse_keeper'])).toEqual([
      'dashboard', 'orders', 'customers', 'priceLists', 'priceHolds', 'receipts', 'refunds', 'creditNotes', 'cashierDays', 'cashHandovers', 'bankDeposits', 'invoices', 'receivables', 'statement', 'payables', 'paymentRequests', 'referralRewardsFinance', 'productionOrders', 'lateSteps', 'pickLists', 'shipments', 'goodsReceipts', 'stock', 'returnsToReceive', 'transfers', 'stocktakes', 'sampleLoans', 'purchaseReturns', 'incidents',
    ]);
  });

  it('gives production its desk: the planner the orders, late steps and supply specs; quality the orders; the order desk follows them', () => {
    expect(keys(['production_planner'])).toEqual(expect.arrayContaining(['productionOrders', 'lateSteps', 'skuSupply']));
    expect(keys(['quality_manager'])).toEqual(expect.arrayContaining(['productionOrders', 'lateSteps']));
    expect(keys(['qc_inspector'])).toContain('productionOrders');
    expect(keys(['sales_rep'])).not.toContain('skuSupply');
    expect(may(permissions, ['quality_manager'], 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/decision')).toBe(true);
    expect(may(permissions, ['qc_inspector'], 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/decision')).toBe(false);
    expect(may(permissions, ['production_planner'], 'POST /api/v1/inventory/production-orders/{id}/release')).toBe(true);
  });

  it('gives purchasing its desk: buyers and their managers, and the general manager for approvals, not the warehouse', () => {
    expect(keys(['purchaser'])).toEqual(expect.arrayContaining(['suppliers', 'purchaseOrders']));
    expect(keys(['purchasing_manager'])).toEqual(expect.arrayContaining(['suppliers', 'purchaseOrders']));
    expect(keys(['general_manager'])).toContain('purchaseOrders');
    expect(keys(['warehouse_keeper'])).not.toContain('suppliers');
    expect(keys(['warehouse_keeper'])).not.toContain('purchaseOrders');
    expect(may(permissions, ['purchasing_manager'], 'POST /api/v1/inventory/suppliers/{id}/deactivate')).toBe(true);
    expect(may(permissions, ['purchaser'], 'POST /api/v1/inventory/suppliers/{id}/deactivate')).toBe(false);
  });

  it('opens a screen that needs any one of several operations for whoever may call one of them', () => {
    expect(keys(['security_guard'])).toContain('incidents');
    expect(keys(['warehouse_keeper'])).toContain('incidents'); // may report, not read the others
    expect(keys(['auditor'])).toContain('audit');
  });

  it('gives the bar its board and the till its handover: table staff and bartenders the board, whoever works the till the handover', () => {
    expect(keys(['bar_staff'])).toEqual(expect.arrayContaining(['barBoard', 'shiftHandovers']));
    expect(keys(['bartender'])).toContain('barBoard');
    expect(keys(['bartender'])).not.toContain('shiftHandovers');
    expect(keys(['bar_supervisor'])).toEqual(expect.arrayContaining(['barBoard', 'shiftHandovers']));
    expect(keys(['store_clerk'])).toContain('shiftHandovers');
    expect(keys(['store_clerk'])).not.toContain('barBoard');
    expect(may(permissions, ['bartender'], 'POST /api/v1/sales/outlets/{code}/drinks-slips')).toBe(false);
    expect(may(permissions, ['bar_staff'], 'POST /api/v1/sales/outlets/{code}/drinks-slips/{id}/make')).toBe(false);
    expect(may(permissions, ['bartender'], 'POST /api/v1/sales/outlets/{code}/handovers')).toBe(false);
  });

  it('gives the till to whoever rings up at an outlet, and its void to the supervisors only', () => {
    for (const role of ['store_manager', 'bar_supervisor', 'store_clerk', 'bar_staff', 'bartender', 'general_manager']) expect(keys([role])).toContain('till');
    for (const role of ['sales_rep', 'sales_manager', 'cashier', 'admin', 'auditor']) expect(keys([role])).not.toContain('till');
    expect(keys(['store_clerk']).slice(0, 1)).toEqual(['till']); // first in the outlets' group
    expect(may(permissions, ['store_clerk'], 'POST /api/v1/sales/outlets/{code}/tickets/{id}/void')).toBe(false);
    expect(may(permissions, ['store_manager'], 'POST /api/v1/sales/outlets/{code}/tickets/{id}/void')).toBe(true);
    expect(may(permissions, ['bar_supervisor'], 'POST /api/v1/sales/outlets/{code}/tickets/{id}/void')).toBe(true);
    expect(may(permissions, ['sales_manager'], 'POST /api/v1/sales/outlets')).toBe(true);
    expect(may(permissions, ['store_clerk'], 'POST /api/v1/sales/outlets')).toBe(false);
  });

  it('gives the outlets registry to the sales management, not to the outlets\' own people nor the administrator', () => {
    for (const role of ['sales_manager', 'sales_vp', 'general_manager']) expect(keys([role])).toContain('outlets');
    for (const role of ['store_manager', 'bar_supervisor', 'store_clerk', 'bar_staff', 'bartender', 'sales_rep', 'auditor', 'admin']) expect(keys([role])).not.toContain('outlets');
  });

  it('gives an outlet\'s records to its people and the sales management: the rota, waste, targets, complaints, replenishment', () => {
    const records = ['outletRota', 'outletWaste', 'outletTargets', 'outletComplaints', 'replenishments'];
    for (const role of ['store_manager', 'bar_supervisor', 'store_clerk', 'bar_staff', 'bartender', 'sales_manager', 'general_manager']) expect(keys([role])).toEqual(expect.arrayContaining(records));
    for (const role of ['sales_rep', 'cashier', 'admin', 'warehouse_keeper']) for (const key of records) expect(keys([role])).not.toContain(key);
    expect(may(permissions, ['store_manager'], 'POST /api/v1/sales/outlets/{code}/rota')).toBe(true);
    expect(may(permissions, ['store_clerk'], 'POST /api/v1/sales/outlets/{code}/rota')).toBe(false);
    expect(may(permissions, ['bar_staff'], 'POST /api/v1/sales/outlets/{code}/waste')).toBe(true);
    expect(may(permissions, ['bar_staff'], 'POST /api/v1/sales/outlets/{code}/waste/{id}/approve')).toBe(false);
    expect(may(permissions, ['bar_supervisor'], 'POST /api/v1/sales/outlets/{code}/waste/{id}/approve')).toBe(true);
    expect(may(permissions, ['sales_manager'], 'PUT /api/v1/sales/outlets/{code}/targets')).toBe(true);
    expect(may(permissions, ['store_clerk'], 'POST /api/v1/sales/outlets/{code}/replenishments')).toBe(false);
  });

  it('answers for single operations as the gateway would', () => {
    expect(may(permissions, ['cashier'], 'POST /api/v1/finance/receipts')).toBe(true);
    expect(may(permissions, ['sales_rep'], 'POST /api/v1/finance/receipts')).toBe(false);
    expect(may(permissions, ['sales_rep'], 'POST /api/v1/sales/orders/{id}/approve')).toBe(false);
    expect(may(permissions, ['sales_manager'], 'POST /api/v1/sales/orders/{id}/approve')).toBe(true);
  });
});

import { PURCHASING, WAREHOUSE, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  CancelPurchaseOrderBody, CancelPurchaseOrderRequest, ChangeSupplierBody, ChangeSupplierRequest, ClosePurchaseOrderBody, ClosePurchaseOrderRequest, CreatePurchaseOrderRequest,
  DeactivateSupplierBody, DeactivateSupplierRequest, ListPurchaseOrdersQuery, ListSuppliersQuery, PurchaseOrderView, RegisterSupplierRequest, SupplierView,
} from './purchasing.js';

/** Who reads purchasing: the buyers, the warehouse that receives, QC, finance that pays, the general manager who approves large orders. */
const PURCHASING_READERS: readonly Role[] = [...PURCHASING, ...WAREHOUSE, 'qc_inspector', 'accountant', 'finance_manager', 'general_manager'];

/** Purchasing in the inventory catalogue: suppliers, purchase orders and the shortages to buy for. Receipts are goods receipts (`inventory/stock-receipts`). */
export const PURCHASING_OPERATIONS = {
  registerSupplier: {
    kind: 'command', roles: PURCHASING, request: RegisterSupplierRequest, creates: true,
    http: { method: 'POST', path: 'inventory/suppliers' },
    answers: SupplierView, summary: 'Register a supplier',
    errors: [{ status: 409, description: 'The code is in use (`supplier-exists`)' }, { status: 422, description: 'Fields to correct, each named (`invalid-supplier`): bank account digits, a contact without phone or email, a bank account without a bank name' }],
    description:
      'Active, at revision 1. Queues `inventory.supplier.saved` with the whole record (the bank account in full) for finance\'s copy. ' +
      'The answer masks the bank account unless the caller is a purchasing manager.',
  },
  changeSupplier: {
    kind: 'command', roles: PURCHASING, request: ChangeSupplierRequest,
    http: { method: 'PUT', path: 'inventory/suppliers/:id', body: ChangeSupplierBody },
    answers: SupplierView, summary: 'Change a supplier\'s details', errors: [404, 422],
    description: 'Fields left out keep their value; the code never changes. The revision grows by one and `inventory.supplier.saved` is queued again.',
  },
  deactivateSupplier: {
    kind: 'command', roles: ['purchasing_manager'], request: DeactivateSupplierRequest,
    http: { method: 'POST', path: 'inventory/suppliers/:id/deactivate', body: DeactivateSupplierBody },
    answers: SupplierView, summary: 'Deactivate a supplier', errors: [404, { status: 409, description: 'Inactive already (`supplier-inactive`)' }],
    description: 'It takes no new purchase orders or receipts; open orders and the history stay. Revision +1, `inventory.supplier.saved` queued with `active: false`.',
  },
  listSuppliers: {
    kind: 'query', roles: [...PURCHASING_READERS, 'production_planner'], request: ListSuppliersQuery,
    http: { method: 'GET', path: 'inventory/suppliers' },
    answers: pageOf(SupplierView), summary: 'List suppliers by code',
    description: 'Filter by `q` (part of code or name), `kind`, `active`. Bank accounts are always masked here (`**** **** 6789`).',
  },
  getSupplier: {
    kind: 'query', roles: PURCHASING_READERS, request: IdRequest,
    http: { method: 'GET', path: 'inventory/suppliers/:id' },
    answers: SupplierView, summary: 'One supplier', errors: [404],
    description: 'The bank account in full for purchasing managers, accountants and finance managers (`bankAccountMasked: false`), masked for everyone else.',
  },
  createPurchaseOrder: {
    kind: 'command', roles: PURCHASING, request: CreatePurchaseOrderRequest, creates: true,
    http: { method: 'POST', path: 'inventory/purchase-orders' },
    answers: PurchaseOrderView, summary: 'Draft a purchase order',
    errors: [{ status: 422, description: 'An unknown or inactive supplier, an unknown SKU or warehouse, a SKU twice for one warehouse, a prepayment above the amount (each field named)' }],
    description:
      'A draft numbered `PO-<year>-nnnnnn`, by hand or filled from `GET inventory/purchase-suggestions`. Prices are fen per unit, VAT included; ' +
      'the amount is Σ quantity × unit price. `requiredApproval` says who must approve it.',
  },
  approvePurchaseOrder: {
    kind: 'command', roles: ['purchasing_manager', 'general_manager'], request: IdRequest,
    rolesNote: 'The level needed follows the amount (thresholds as dated data), and the creator never approves.',
    http: { method: 'POST', path: 'inventory/purchase-orders/:id/approve' },
    answers: PurchaseOrderView, summary: 'Approve a draft purchase order',
    errors: [
      404,
      { status: 403, description: 'The creator (`self-approval`), or an amount from 50,000.00 CNY approved by a purchasing manager (`approval-level`: needs the general manager)' },
      { status: 409, description: 'Not a draft' },
    ],
    description:
      'Below 50,000.00 CNY a purchasing manager approves, from it the general manager (who may approve any). Queues ' +
      '`inventory.purchase-order.approved` with the amount and prepayment, so finance may be asked to pay the prepayment.',
  },
  closePurchaseOrder: {
    kind: 'command', roles: [...PURCHASING, 'general_manager'], request: ClosePurchaseOrderRequest,
    http: { method: 'POST', path: 'inventory/purchase-orders/:id/close', body: ClosePurchaseOrderBody },
    answers: PurchaseOrderView, summary: 'Close a received order, or short-close one whose rest will not come',
    errors: [
      404, 409,
      { status: 403, description: 'Short-closing (goods still to come) by someone other than a purchasing manager (`short-close-needs-manager`)' },
      { status: 422, description: 'Short-closing without a reason (`reason-required`)' },
    ],
    description: 'A received order is closed by anyone in purchasing. An approved or partly received one is short-closed by a purchasing manager with a reason.',
  },
  cancelPurchaseOrder: {
    kind: 'command', roles: [...PURCHASING, 'general_manager'], request: CancelPurchaseOrderRequest,
    http: { method: 'POST', path: 'inventory/purchase-orders/:id/cancel', body: CancelPurchaseOrderBody },
    answers: PurchaseOrderView, summary: 'Cancel a purchase order before any receipt',
    errors: [404, { status: 409, description: 'A goods receipt names the order, saved or audited (`purchase-order-has-receipts`: close it instead), or it is closed or cancelled' }],
  },
  listPurchaseOrders: {
    kind: 'query', roles: PURCHASING_READERS, request: ListPurchaseOrdersQuery,
    http: { method: 'GET', path: 'inventory/purchase-orders' },
    answers: pageOf(PurchaseOrderView), summary: 'List purchase orders, newest first',
    description: 'Filter by `status`, `supplierId`, `sku` (orders with a line of it).',
  },
  getPurchaseOrder: {
    kind: 'query', roles: PURCHASING_READERS, request: IdRequest,
    http: { method: 'GET', path: 'inventory/purchase-orders/:id' },
    answers: PurchaseOrderView, summary: 'One purchase order with its lines and what has been received', errors: [404],
  },
} satisfies Record<string, OperationSpec>;

import { PURCHASING, WAREHOUSE } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  CancelPurchaseReturnBody, CancelPurchaseReturnRequest, CreatePurchaseReturnRequest, ListPurchaseReturnsQuery, ListStockThresholdsQuery, PriceHistoryQuery, PricePointView,
  PurchaseReturnView, PurchaseSuggestionsQuery, PurchaseSuggestionsView, SetStockThresholdRequest, StockThresholdView, SupplierEvaluationQuery, SupplierEvaluationView,
} from './purchase-returns.js';

const READERS = [...PURCHASING, ...WAREHOUSE, 'accountant', 'finance_manager'] as const;

/** Purchase returns, low-stock thresholds, purchase suggestions and supplier evaluation in the inventory catalogue. */
export const INVENTORY_PURCHASE_RETURN_OPERATIONS = {
  createPurchaseReturn: {
    kind: 'command', roles: PURCHASING, request: CreatePurchaseReturnRequest, creates: true,
    http: { method: 'POST', path: 'inventory/purchase-returns' },
    answers: PurchaseReturnView, summary: 'Draft a purchase return (goods back to a supplier)',
    errors: [
      404,
      { status: 422, description: 'Refused line by line (`purchase-return-refused`, naming each field): more than the receipt line brought in less what earlier returns against it took back, a price other than the receipt\'s, no supplier/SKU/price without a receipt, an unknown SKU or warehouse; or the receipt is not audited (`receipt-not-audited`) or has no supplier (`receipt-without-supplier`); or the warehouse does not hold that many free units now (`not-enough-to-return`)' },
    ],
    description:
      'Numbered `PRN-YYYY-NNNNNN`, `draft`. **Against a receipt** (`receiptId`): an audited purchase receipt; each line names the receipt line ' +
      '(`receiptLineNo`, 1-based) and a quantity no larger than that line brought in less what earlier returns against the receipt (not cancelled) ' +
      'take back, counted per place: its accepted goods from the receipt\'s warehouse (the default), its rejected goods from `QUARANTINE`; the ' +
      'supplier is the receipt\'s and the price its line\'s. **Without a receipt**: `supplierId`, and per line `sku`, `unitPriceFen` (VAT included), `warehouseCode` (default `MAIN`). ' +
      'A line may name the lot (`location`, `batch`); otherwise the oldest lots of the SKU in the warehouse go first. Only stock no order holds ' +
      'goes back: drafting checks the warehouse has the free units now, shipping checks again. `amountFen` = Σ quantity × unit price.',
  },
  approvePurchaseReturn: {
    kind: 'command', roles: ['purchasing_manager'], request: IdRequest,
    rolesNote: 'A purchasing manager other than the return\'s author (the domain refuses the author).',
    http: { method: 'POST', path: 'inventory/purchase-returns/:id/approve' },
    answers: PurchaseReturnView, summary: 'Approve a draft purchase return',
    errors: [404, { status: 403, description: 'The author of the return (`self-approval`)' }, { status: 409, description: 'Not a draft' }],
  },
  shipPurchaseReturn: {
    kind: 'command', roles: WAREHOUSE, request: IdRequest,
    http: { method: 'POST', path: 'inventory/purchase-returns/:id/ship' },
    answers: PurchaseReturnView, summary: 'Ship an approved purchase return: its goods leave stock',
    errors: [
      404, { status: 409, description: 'Not approved (a draft, shipped already, or cancelled)' },
      { status: 422, description: 'The stock no longer holds the free units (`not-enough-to-return`, `lot-short`, `not-available`), naming the line' },
    ],
    description:
      'Takes each line\'s goods out of stock through the ledger as `purchase_return` movements under the return\'s number (from the lot named, ' +
      'else oldest lots first; never units held for orders), records where they left from (`lines[].lots`), and publishes ' +
      '`inventory.purchase-return.shipped` with the amount: finance lowers the supplier\'s payable by it.',
  },
  cancelPurchaseReturn: {
    kind: 'command', roles: PURCHASING, request: CancelPurchaseReturnRequest,
    http: { method: 'POST', path: 'inventory/purchase-returns/:id/cancel', body: CancelPurchaseReturnBody },
    answers: PurchaseReturnView, summary: 'Cancel a purchase return before it ships', errors: [404, { status: 409, description: 'Shipped or cancelled already' }],
    description: 'With a reason. Its quantities no longer count against the receipt it names.',
  },
  listPurchaseReturns: {
    kind: 'query', roles: READERS, request: ListPurchaseReturnsQuery,
    http: { method: 'GET', path: 'inventory/purchase-returns' },
    answers: pageOf(PurchaseReturnView), summary: 'Purchase returns, newest first', description: 'Filter by `status`, `supplierId`, `receiptId`.',
  },
  getPurchaseReturn: {
    kind: 'query', roles: READERS, request: IdRequest,
    http: { method: 'GET', path: 'inventory/purchase-returns/:id' },
    answers: PurchaseReturnView, summary: 'One purchase return', errors: [404],
  },
  setStockThreshold: {
    kind: 'command', roles: ['warehouse_manager', 'purchasing_manager'], request: SetStockThresholdRequest,
    http: { method: 'PUT', path: 'inventory/stock-thresholds' },
    answers: StockThresholdView, summary: 'Set the low-stock threshold of a SKU in a warehouse',
    errors: [{ status: 400, description: '`reorderQuantity` below `minQuantity` (`threshold-invalid`)' }, { status: 422, description: 'No such SKU or warehouse (`unknown-sku-or-warehouse`)' }],
    description:
      'Creates or replaces the threshold of (`sku`, `warehouseCode`). Below `minQuantity` available (on hand less reserved) the SKU is low in the ' +
      'warehouse: `inventory.stock.low` is published once per crossing (a check every few seconds), and purchase suggestions refill it to ' +
      '`reorderQuantity`. `minQuantity` 0 never alerts. A changed threshold is checked afresh. Independent of the SKU\'s reorder point over all ' +
      'warehouses (`GET inventory/stock/low`).',
  },
  listStockThresholds: {
    kind: 'query', roles: READERS, request: ListStockThresholdsQuery,
    http: { method: 'GET', path: 'inventory/stock-thresholds' },
    answers: pageOf(StockThresholdView), summary: 'Low-stock thresholds per SKU and warehouse, with available stock now', description: 'By SKU, then warehouse. `low=true` for those below their minimum now.',
  },
  listPurchaseSuggestions: {
    kind: 'query', roles: READERS, request: PurchaseSuggestionsQuery,
    http: { method: 'GET', path: 'inventory/purchase-suggestions' },
    answers: PurchaseSuggestionsView, summary: 'What to buy, per SKU and warehouse: the shortage register and the thresholds in one answer',
    description:
      'Per SKU and warehouse, the stock left once the waiting backorders are served is available − backordered (backorders count against `MAIN`, ' +
      'where orders are reserved first). Below 0, that many units are missing (`shortfallQuantity`); with a threshold and below its `minQuantity`, ' +
      'the shortfall refills to `reorderQuantity` (reorder − (available − backordered)). Less what is on order (approved or partly received purchase ' +
      'order lines: ordered less received) it is `suggestedQuantity`. Only positions with something to buy, by SKU then warehouse, with the supplier ' +
      'and unit price of the SKU\'s latest audited purchase receipt when there is one. The console drafts a purchase order from it.',
  },
  listSupplierEvaluation: {
    kind: 'query', roles: READERS, request: SupplierEvaluationQuery,
    http: { method: 'GET', path: 'inventory/supplier-evaluation' },
    answers: pageOf(SupplierEvaluationView), summary: 'How suppliers delivered in a month or period (CSV too)',
    errors: [{ status: 400, description: 'A period that ends before it starts or is longer than 92 days (`bad-period`, `period-too-long`)' }],
    description:
      'Per supplier with audited purchase receipts or shipped purchase returns in the period (`month=YYYY-MM`, or `from`/`to`; the current month ' +
      'by default), by arrival business date (Asia/Shanghai; the audit\'s when the arrival is not recorded): **on time** = receipt lines against a ' +
      'purchase order line that arrived on or before its promised date / lines with a promised date; **pass rate** = lines that passed inspection / ' +
      'lines inspected; **returns** shipped in the period. Below threshold (data, dated: on time < 90 % or pass rate < 95 %; a rate with nothing to ' +
      'measure never is) with `reasons`. `belowThreshold=true` lists only those. Worst on time first. `Accept: text/csv` for the table.',
  },
  listPriceHistory: {
    kind: 'query', roles: READERS, request: PriceHistoryQuery,
    http: { method: 'GET', path: 'inventory/purchase-prices' },
    answers: pageOf(PricePointView), summary: 'A SKU\'s purchase prices over time (CSV too)',
    description: 'Every priced line of audited purchase receipts of the SKU, oldest first: date of arrival, supplier, receipt, quantity, unit price and the change from the price before. Filter by `supplierId`, `from`, `to`.',
  },
} satisfies Record<string, OperationSpec>;

import { FINANCE, ONLINE_STORE, PURCHASING, SALES_DESK, WAREHOUSE } from '@ops/kernel';
import { adminOperations } from '../admin/operations.js';
import { defineCatalog, pageOf } from '../catalog.js';
import { IdRequest } from '../common.js';
import { SALES_PERFORMANCE_OPERATIONS } from './performance-catalog.js';
import { SALES_RETURN_OPERATIONS } from './returns-catalog.js';
import { SALES_RECEPTION_OPERATIONS } from './reception-catalog.js';
import { SALES_OUTLET_OPERATIONS } from './outlets-catalog.js';
import { SALES_OUTLET_DAY_OPERATIONS } from './outlet-day-catalog.js';
import { SALES_OUTLET_RECORDS_OPERATIONS } from './outlet-records-catalog.js';
import { SALES_PROMOTION_OPERATIONS } from './promotions-catalog.js';
import { SALES_LISTING_OPERATIONS } from './listings-catalog.js';
import { SALES_ONLINE_SERVICE_OPERATIONS } from './online-service-catalog.js';
import { SALES_REFERRAL_REWARD_OPERATIONS } from './referral-rewards-catalog.js';
import { SALES_MADE_TO_ORDER_OPERATIONS } from './made-to-order-catalog.js';
import {
  CancelOrderBody, CancelOrderRequest, CreatePriceListRequest, GetListPriceRequest, ListCreditChangesQuery, ListCustomersQuery, ListNotificationsQuery, ListOrdersQuery,
  ListPriceListsQuery, ListPriceQuery, ListShippingNoticesQuery, ListShortagesQuery, NotificationIdRequest, PlaceOrderRequest, RecordCustomerToldBody, RecordCustomerToldRequest,
  RegisterCustomerRequest, RejectCreditChangeBody, RejectCreditChangeRequest, RejectOrderBody, RejectOrderRequest, RequestCreditChangeBody, RequestCreditChangeRequest,
  SalesDailyReportQuery, ShippingExceptionBody, ShippingExceptionRequest,
} from './requests.js';
import {
  CreditChangeView, CustomerView, ListPriceView, NotificationView, OrderSummaryView, OrderView, PriceListView, SalesDailyReportView, ShippingNoticeTaskView, ShortageView,
} from './views.js';

const SALES_APPROVERS = ['sales_manager', 'sales_vp', 'general_manager'] as const;

/** Everything the sales service answers: customers and credit, price lists, orders, the sales desk's lists. */
export const SalesCatalog = {
  ...defineCatalog('sales', {
    registerCustomer: {
      kind: 'command', roles: SALES_DESK, request: RegisterCustomerRequest, creates: true,
      http: { method: 'POST', path: 'sales/customers' },
      answers: CustomerView, summary: 'Register a customer', errors: [409],
      description: 'A new customer is grade D with no credit (pays before delivery) until a credit change is approved.',
    },
    listCustomers: {
      kind: 'query', roles: [...SALES_DESK, 'receptionist', ...FINANCE, ...ONLINE_STORE], request: ListCustomersQuery,
      http: { method: 'GET', path: 'sales/customers' },
      answers: pageOf(CustomerView), summary: 'List customers, by code',
    },
    getCustomer: {
      kind: 'query', roles: [...SALES_DESK, 'receptionist', ...FINANCE, ...ONLINE_STORE], request: IdRequest,
      http: { method: 'GET', path: 'sales/customers/:id' },
      answers: CustomerView, summary: 'Read a customer with credit terms and exposure', errors: [404],
      description: 'Exposure = open receivable (as finance reports it) + approved credit orders not yet invoiced.',
    },
    requestCreditChange: {
      kind: 'command', roles: SALES_DESK, request: RequestCreditChangeRequest, creates: true,
      http: { method: 'POST', path: 'sales/customers/:customerId/credit-changes', body: RequestCreditChangeBody },
      answers: CreditChangeView, summary: 'Ask to change a customer\'s credit grade, limit or terms', errors: [404, 409],
      description:
        'Takes effect only after a sales manager and then the sales VP approve it (two different people, neither the requester). ' +
        'Grade D must have limit 0 and 0 days; a limit needs at least 1 day of terms. 409 while another change of that customer is pending.',
    },
    listCreditChanges: {
      kind: 'query', roles: [...SALES_DESK, 'finance_manager'], request: ListCreditChangesQuery,
      http: { method: 'GET', path: 'sales/credit-changes' },
      answers: pageOf(CreditChangeView), summary: 'List credit changes, newest first',
    },
    getCreditChange: {
      kind: 'query', roles: [...SALES_DESK, 'finance_manager'], request: IdRequest,
      http: { method: 'GET', path: 'sales/credit-changes/:id' },
      answers: CreditChangeView, summary: 'Read a credit change: the terms asked for and before, and who decided each step', errors: [404],
    },
    approveCreditChange: {
      kind: 'command', roles: SALES_APPROVERS, request: IdRequest, rolesNote: 'Which step an approver may decide (manager, then VP) is a rule of the sales domain.',
      http: { method: 'POST', path: 'sales/credit-changes/:id/approve' },
      answers: CreditChangeView, summary: 'Approve a credit change (sales manager step, then sales VP step)',
      errors: [404, 409, { status: 403, description: 'The requester (`self-approval`), the wrong step\'s role (`approval-level`), or the manager approving again as VP (`same-approver`)' }],
      description: 'The VP step puts the new terms in force at once.',
    },
    rejectCreditChange: {
      kind: 'command', roles: SALES_APPROVERS, request: RejectCreditChangeRequest,
      http: { method: 'POST', path: 'sales/credit-changes/:id/reject', body: RejectCreditChangeBody },
      answers: CreditChangeView, summary: 'Reject a credit change',
      errors: [404, 409, { status: 403, description: 'The requester, or a role below the pending step' }],
    },
    createPriceList: {
      kind: 'command', roles: ['sales_manager', 'sales_vp', 'finance_manager'], request: CreatePriceListRequest, creates: true,
      http: { method: 'POST', path: 'sales/price-lists' },
      answers: PriceListView, summary: 'Draft a price list',
      description: 'A draft prices nothing until a finance manager or the sales VP (not its author) approves it. 400 names each bad line: floor above list, a SKU twice, an end before the start.',
    },
    listPriceLists: {
      kind: 'query', roles: [...SALES_DESK, ...FINANCE], request: ListPriceListsQuery,
      http: { method: 'GET', path: 'sales/price-lists' },
      answers: pageOf(PriceListView), summary: 'List price lists, newest first',
    },
    getPriceList: {
      kind: 'query', roles: [...SALES_DESK, ...FINANCE], request: IdRequest,
      http: { method: 'GET', path: 'sales/price-lists/:id' },
      answers: PriceListView, summary: 'Read a price list with its lines', errors: [404],
    },
    approvePriceList: {
      kind: 'command', roles: ['finance_manager', 'sales_vp', 'general_manager'], request: IdRequest,
      http: { method: 'POST', path: 'sales/price-lists/:id/approve' },
      answers: PriceListView, summary: 'Approve a price list: it prices orders from its first valid day',
      errors: [404, 409, { status: 403, description: 'The author of the list (`self-approval`)' }],
      description: 'When two approved lists price a SKU on the same day, the later approval wins.',
    },
    getListPrice: {
      kind: 'query', roles: [...SALES_DESK, ...FINANCE], request: GetListPriceRequest,
      http: { method: 'GET', path: 'sales/prices/:sku', params: { sku: 'code' }, query: ListPriceQuery },
      answers: ListPriceView, summary: 'The list and floor price of a SKU on a day', errors: [404],
      description: 'What an order line for the SKU is priced at when no unit price is given.',
    },
    placeOrder: {
      kind: 'command', roles: SALES_DESK, request: PlaceOrderRequest, creates: true,
      http: { method: 'POST', path: 'sales/orders' },
      answers: OrderView, summary: 'Record an order', errors: [422],
      description:
        'Prices each line from the approved price list valid today (422 `no-list-price` naming `lines.<i>.sku` when none prices it); a ' +
        '`unitPriceFen` below the list price is a discount. The order waits in `pending_approval` for the highest level any rule asks ' +
        '(`approvalReasons` says which): from 100,000 CNY a sales manager, from 500,000 the sales VP, from 5,000,000 the general manager; ' +
        'a discount up to 3% a sales manager, above 3% the sales VP, below the floor price the general manager; a credit order over the ' +
        'customer\'s limit or for a customer with an overdue credit sale the sales VP. Refused with 422 `credit-refused`: any order for a ' +
        'customer on credit hold, a credit order for grade D. Otherwise it is placed at once (`approved`): inventory reserves its stock ' +
        '(→ `awaiting_payment`, or `ready_to_ship` on credit, or `backordered` when stock is short) and finance opens the amount due.',
    },
    listOrders: {
      kind: 'query', roles: [...SALES_DESK, ...FINANCE, ...WAREHOUSE], request: ListOrdersQuery,
      http: { method: 'GET', path: 'sales/orders' },
      answers: pageOf(OrderSummaryView), summary: 'List orders, newest first',
    },
    getOrder: {
      kind: 'query', roles: [...SALES_DESK, ...FINANCE, ...WAREHOUSE], request: IdRequest,
      http: { method: 'GET', path: 'sales/orders/:id' },
      answers: OrderView, summary: 'Read an order with its lines, history and shipping notices', errors: [404],
    },
    approveOrder: {
      kind: 'command', roles: SALES_APPROVERS, request: IdRequest, rolesNote: 'Who may approve a given order is decided by its level, in the sales domain.',
      http: { method: 'POST', path: 'sales/orders/:id/approve' },
      answers: OrderView, summary: 'Approve a pending order',
      errors: [404, 409, { status: 403, description: 'The creator of the order (`self-approval`), or an approver below its level (`approval-level`)' }],
      description:
        'Orders from 100,000 CNY need a sales manager, from 500,000 the sales VP, from 5,000,000 the general manager; a higher role ' +
        'may approve a lower level, the creator never. Approval places the order (inventory reserves it, finance opens the amount due).',
    },
    rejectOrder: {
      kind: 'command', roles: SALES_APPROVERS, request: RejectOrderRequest,
      http: { method: 'POST', path: 'sales/orders/:id/reject', body: RejectOrderBody },
      answers: OrderView, summary: 'Reject a pending order', description: 'The reason is kept in the order\'s history.',
      errors: [404, 409, { status: 403, description: 'The creator of the order, or an approver below its level' }],
    },
    cancelOrder: {
      kind: 'command', roles: SALES_DESK, request: CancelOrderRequest,
      http: { method: 'POST', path: 'sales/orders/:id/cancel', body: CancelOrderBody },
      answers: OrderView, summary: 'Cancel an order before it ships', errors: [404, 409],
      description: 'Inventory releases the reserved stock; money already paid is refunded or kept as the customer\'s prepayment, as `moneyDisposition` says. 409 once shipped.',
    },
    approveShippingException: {
      kind: 'command', roles: ['sales_vp', 'general_manager'], request: ShippingExceptionRequest,
      http: { method: 'POST', path: 'sales/orders/:id/shipping-exception', body: ShippingExceptionBody },
      answers: OrderView, summary: 'Approve a written shipping exception',
      errors: [404, 409, { status: 403, description: 'Not the sales VP or above, or the order\'s creator (`self-approval`)' }],
      description:
        'The sales VP lets a placed order go to the warehouse before it is paid, or on credit for a customer with an overdue credit sale ' +
        '(which otherwise waits: 422 `customer-overdue` from inventory). The reason is kept on the order and in its history. Once per order, before it ships.',
    },
    listShortages: {
      kind: 'query', roles: [...SALES_APPROVERS, ...PURCHASING, 'warehouse_manager'], request: ListShortagesQuery,
      http: { method: 'GET', path: 'sales/shortages' },
      answers: pageOf(ShortageView), summary: 'The shortage register, oldest first',
      description: 'What backordered orders lack; stock that arrives is reserved for them in this order.',
    },
    listShippingNotices: {
      kind: 'query', roles: SALES_DESK, request: ListShippingNoticesQuery,
      http: { method: 'GET', path: 'sales/shipping-notices' },
      answers: pageOf(ShippingNoticeTaskView), summary: 'Customers to tell about their shipment',
      description: '`status=due`: shipped yesterday or earlier and not yet told: method, carrier, tracking number and pieces.',
    },
    recordCustomerTold: {
      kind: 'command', roles: SALES_DESK, request: RecordCustomerToldRequest,
      http: { method: 'POST', path: 'sales/shipping-notices/:shipmentId/told', body: RecordCustomerToldBody },
      answers: ShippingNoticeTaskView, summary: 'Record that the customer was told about a shipment', errors: [404, 409],
    },
    getDailyReport: {
      kind: 'query', roles: SALES_APPROVERS, request: SalesDailyReportQuery,
      http: { method: 'GET', path: 'sales/reports/daily' },
      answers: SalesDailyReportView, summary: 'Orders placed and cancelled per day, and what waits for approval',
      errors: [{ status: 400, description: 'A bad date, a period that ends before it starts (naming `to`, or `from` when only it was given), or one of more than 92 days' }],
      description:
        'For the sales managers\' dashboard. Every business date (Asia/Shanghai) from `from` to `to` is listed, oldest first, with zeros ' +
        'where nothing happened: `ordersPlaced` and `placedFen` count orders by the date they were placed (approved, at once or by an ' +
        'approver; an order later cancelled still counts on the day it was placed), `ordersCancelled` by the date they were cancelled ' +
        '(by a person or on payment expiry). Without `from` and `to`, the 30 business days ending today; at most 92 days. ' +
        '`pendingApproval` is now, whatever the period: orders in `pending_approval`, credit changes not yet decided, price lists in draft.',
    },
    listMyNotifications: {
      kind: 'query', roles: SALES_DESK, request: ListNotificationsQuery, rolesNote: 'Each person reads only their own notices (the handler filters by the signed-in user).',
      http: { method: 'GET', path: 'sales/notifications' },
      answers: pageOf(NotificationView), summary: 'My notifications, newest first',
      description: 'E.g. `order-expired`: a prepaid order you recorded was not paid in time and was cancelled.',
    },
    markNotificationRead: {
      kind: 'command', roles: SALES_DESK, request: NotificationIdRequest,
      http: { method: 'POST', path: 'sales/notifications/:id/read', params: { id: 'int' } },
      answers: NotificationView, summary: 'Mark one of my notifications read', errors: [404],
    },
  }),
  ...defineCatalog('sales', SALES_RETURN_OPERATIONS),
  ...defineCatalog('sales', SALES_PERFORMANCE_OPERATIONS),
  ...defineCatalog('sales', SALES_RECEPTION_OPERATIONS),
  ...defineCatalog('sales', SALES_OUTLET_OPERATIONS),
  ...defineCatalog('sales', SALES_OUTLET_DAY_OPERATIONS),
  ...defineCatalog('sales', SALES_OUTLET_RECORDS_OPERATIONS),
  ...defineCatalog('sales', SALES_PROMOTION_OPERATIONS),
  ...defineCatalog('sales', SALES_LISTING_OPERATIONS),
  ...defineCatalog('sales', SALES_ONLINE_SERVICE_OPERATIONS),
  ...defineCatalog('sales', SALES_REFERRAL_REWARD_OPERATIONS),
  ...defineCatalog('sales', SALES_MADE_TO_ORDER_OPERATIONS),
  ...defineCatalog('sales', adminOperations('sales', ['sales_manager', 'sales_vp']), 'admin.'),
};

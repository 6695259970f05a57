import { FINANCE, ONLINE_STORE, SALES_DESK, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  ApprovePromotionRequest, CancelPriceHoldBody, CancelPriceHoldRequest, CreatePromotionRequest, ListPriceHoldsQuery, ListPromotionsQuery, PriceHoldView, PromotionNoteBody,
  PromotionReasonBody, PromotionReasonRequest, PromotionView, ReapprovePriceHoldBody, ReapprovePriceHoldRequest, RecordPriceHoldRequest,
} from './promotions.js';

const APPROVERS: readonly Role[] = ['sales_manager', 'sales_vp', 'general_manager'];
const PROMOTERS: readonly Role[] = ['ecommerce_operator', ...SALES_DESK];
const PROMOTION_READERS: readonly Role[] = [...ONLINE_STORE, ...SALES_DESK];
const HOLD_READERS: readonly Role[] = [...SALES_DESK, ...FINANCE];
const LADDER_NOTE =
  'Within the discount authority of §4.3, measured per SKU against the list price in force on the window\'s first day: up to 3% off a sales manager, above 3% the sales VP, ' +
  'below the floor price the general manager (a higher role may approve a lower level). Never the promotion\'s creator.';

/** Promotions and price holds in the sales catalogue (domain.md "Promotions and price holds"). */
export const SALES_PROMOTION_OPERATIONS = {
  createPromotion: {
    kind: 'command', roles: PROMOTERS, request: CreatePromotionRequest, creates: true,
    http: { method: 'POST', path: 'sales/promotions' },
    answers: PromotionView, summary: 'Draft a promotion: a promotional price or a percentage off listed SKUs for a window of business dates',
    errors: [
      { status: 400, description: 'A window that ends before it starts or is over, a price or percent missing for its kind, a SKU named twice (`promotion-invalid`)' },
      { status: 422, description: 'A SKU without a listing (`sku-not-listed`) or without a list price on the first day (`no-list-price`); a promotion that does not lower a price (`promotion-not-lower`)' },
    ],
    description:
      'The window is inclusive on the Asia/Shanghai business calendar: an order placed on `startsOn`, `endsOn` or a day between gets the promoted price. ' +
      'The draft shows the level its depth needs (`requiredLevel`).',
  },
  listPromotions: {
    kind: 'query', roles: PROMOTION_READERS, request: ListPromotionsQuery,
    http: { method: 'GET', path: 'sales/promotions' },
    answers: pageOf(PromotionView), summary: 'Promotions, newest window first', description: 'Filter by `status`, `sku`, and `on` (the window covers that business date).',
  },
  getPromotion: {
    kind: 'query', roles: PROMOTION_READERS, request: IdRequest,
    http: { method: 'GET', path: 'sales/promotions/:id' },
    answers: PromotionView, summary: 'Read a promotion with each SKU\'s depth', errors: [404],
  },
  approvePromotion: {
    kind: 'command', roles: APPROVERS, request: ApprovePromotionRequest,
    http: { method: 'POST', path: 'sales/promotions/:id/approve', body: PromotionNoteBody },
    answers: PromotionView, summary: 'Approve a draft promotion within the discount authority; storefronts hear `sales.promotion.approved`',
    rolesNote: LADDER_NOTE,
    errors: [404, { status: 403, description: 'Below the level its depth needs (`approval-level`, naming who may), or its creator (`self-approval`)' }, { status: 409, description: 'Not a draft (`promotion-transition-refused`)' }],
  },
  rejectPromotion: {
    kind: 'command', roles: APPROVERS, request: PromotionReasonRequest,
    http: { method: 'POST', path: 'sales/promotions/:id/reject', body: PromotionReasonBody },
    answers: PromotionView, summary: 'Reject a draft promotion, with a reason', rolesNote: LADDER_NOTE,
    errors: [404, { status: 403, description: 'Below its level (`approval-level`), or its creator (`self-approval`)' }, { status: 409, description: 'Not a draft (`promotion-transition-refused`)' }],
  },
  endPromotion: {
    kind: 'command', roles: ['ecommerce_operator', ...APPROVERS], request: PromotionReasonRequest,
    http: { method: 'POST', path: 'sales/promotions/:id/end', body: PromotionReasonBody },
    answers: PromotionView, summary: 'Stop an approved promotion: `ended` during its window, `cancelled` before it; storefronts hear `sales.promotion.ended`',
    errors: [404, { status: 409, description: 'Not approved (`promotion-transition-refused`)' }],
    description: 'From today on, orders get no promoted price from it.',
  },
  recordPriceHold: {
    kind: 'command', roles: SALES_DESK, request: RecordPriceHoldRequest, creates: true,
    http: { method: 'POST', path: 'sales/price-holds' },
    answers: PriceHoldView, summary: 'Record a price hold (定金锁价): a deposit holds a customer\'s agreed prices until the agreed date',
    errors: [
      { status: 400, description: 'A date in the past, a SKU twice (`price-hold-invalid`)' },
      { status: 422, description: 'An unknown customer (`unknown-customer`), a SKU without a list price today (`no-list-price`)' },
    ],
    description:
      'An order of the customer that names the hold (`priceHoldId`) and is placed on or before `holdUntil` is priced at the agreed prices and uses the hold up; ' +
      'after it the current price applies (the lines say why) until a sales manager re-approves the hold. An agreed price below the list price of the day it was ' +
      'recorded needs the same approval on the order as any discount (§4.3).',
  },
  listPriceHolds: {
    kind: 'query', roles: HOLD_READERS, request: ListPriceHoldsQuery,
    http: { method: 'GET', path: 'sales/price-holds' },
    answers: pageOf(PriceHoldView), summary: 'Price holds, newest first', description: 'Filter by `status` (`expired`: active but past its date) and `customerId`.',
  },
  getPriceHold: {
    kind: 'query', roles: HOLD_READERS, request: IdRequest,
    http: { method: 'GET', path: 'sales/price-holds/:id' },
    answers: PriceHoldView, summary: 'Read a price hold with its re-approvals', errors: [404],
  },
  reapprovePriceHold: {
    kind: 'command', roles: APPROVERS, request: ReapprovePriceHoldRequest,
    http: { method: 'POST', path: 'sales/price-holds/:id/reapprove', body: ReapprovePriceHoldBody },
    answers: PriceHoldView, summary: 'Re-approve a hold\'s agreed prices to a new date (who, when and why are kept)',
    rolesNote: 'A sales manager or above; never whoever recorded the hold.',
    errors: [
      404,
      { status: 400, description: 'A new date in the past (`price-hold-invalid`)' },
      { status: 403, description: 'Who recorded the hold (`self-approval`)' },
      { status: 409, description: 'Used or cancelled (`price-hold-transition-refused`)' },
    ],
  },
  cancelPriceHold: {
    kind: 'command', roles: SALES_DESK, request: CancelPriceHoldRequest,
    http: { method: 'POST', path: 'sales/price-holds/:id/cancel', body: CancelPriceHoldBody },
    answers: PriceHoldView, summary: 'Cancel an active price hold (the deposit is finance\'s business)',
    errors: [404, { status: 409, description: 'Used or cancelled (`price-hold-transition-refused`)' }],
  },
} satisfies Record<string, OperationSpec>;

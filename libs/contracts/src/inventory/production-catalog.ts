import { PRODUCTION, PURCHASING, SALES_DESK, WAREHOUSE, type Role } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import {
  LateStepsQuery, LateStepView, ListProductionOrdersQuery, ListReferenceSamplesQuery, ListSkuSuppliesQuery, ProductionOrderView, ProductionStepRequest, PutSkuSupplyBody, PutSkuSupplyRequest,
  QualityDecisionBody, QualityDecisionRequest, ReceiveProductionOrderBody, ReceiveProductionOrderRequest, ReferenceSampleBody, ReferenceSampleRequest, ReferenceSampleView,
  ReleaseProductionOrderBody, ReleaseProductionOrderRequest, SampleCheckBody, SampleCheckRequest, SkuCodeRequest, SkuSupplyView,
} from './production.js';

/** Who follows production: the planners and quality, the warehouse that issues and receives, purchasing that buys the materials, the order desk. */
const PRODUCTION_READERS: readonly Role[] = [...PRODUCTION, ...WAREHOUSE, ...PURCHASING, 'qc_inspector', ...SALES_DESK, 'customer_service'];
const SUPPLY_WRITERS: readonly Role[] = ['production_planner', 'warehouse_manager', 'purchasing_manager'];
const STEP_RUNNERS: readonly Role[] = ['production_planner', 'warehouse_manager'];
const SAMPLE_CHECKERS: readonly Role[] = ['qc_inspector', 'quality_manager'];

/** Made-to-order production in the inventory catalogue (domain.md, production). */
export const PRODUCTION_OPERATIONS = {
  putSkuSupply: {
    kind: 'command', roles: SUPPLY_WRITERS, request: PutSkuSupplyRequest,
    http: { method: 'PUT', path: 'inventory/skus/:sku/supply', params: { sku: 'code' }, body: PutSkuSupplyBody },
    answers: SkuSupplyView, summary: 'Say whether a SKU is made to order, and how it is made',
    errors: [
      404,
      { status: 422, description: 'Fields to correct, each named (`invalid-supply`): a made-to-order SKU without steps or with 0 lead days, an unknown material SKU, a material twice or the SKU itself' },
    ],
    description:
      'The whole spec, replacing the one kept: lead days, the process steps in order, the materials one unit takes. The revision grows by one and ' +
      '`inventory.sku.supply-changed` is queued, so sales marks new order lines of a made-to-order SKU: such lines are never reserved from stock, ' +
      'the order waits for the customer\'s written confirmation, and production orders are issued once finance confirms the deposit. ' +
      'Production orders already issued keep the steps and materials they were issued with.',
  },
  getSkuSupply: {
    kind: 'query', roles: PRODUCTION_READERS, request: SkuCodeRequest,
    http: { method: 'GET', path: 'inventory/skus/:sku/supply', params: { sku: 'code' } },
    answers: SkuSupplyView, summary: 'How a SKU is supplied: stocked, or made to order with its steps and materials', errors: [404],
    description: 'A known SKU whose supply was never set is stocked (`madeToOrder: false`, revision 0).',
  },
  listSkuSupplies: {
    kind: 'query', roles: PRODUCTION_READERS, request: ListSkuSuppliesQuery,
    http: { method: 'GET', path: 'inventory/sku-supplies' },
    answers: pageOf(SkuSupplyView), summary: 'The SKUs whose supply was set, by SKU code (CSV too)',
    description: 'Every SKU ever given a supply spec, made to order or set back to stocked; a SKU never set is stocked and not listed.',
  },
  listProductionOrders: {
    kind: 'query', roles: PRODUCTION_READERS, request: ListProductionOrdersQuery,
    http: { method: 'GET', path: 'inventory/production-orders' },
    answers: pageOf(ProductionOrderView), summary: 'List production orders, newest first (CSV too)',
    description: 'Filter by `status`, `orderId` (the customer order), `route`, `customerId`, `sku`. `Accept: text/csv` for the table.',
  },
  listLateProductionSteps: {
    kind: 'query', roles: PRODUCTION_READERS, request: LateStepsQuery,
    http: { method: 'GET', path: 'inventory/production-orders/late-steps' },
    answers: [LateStepView], summary: 'Process steps late on a business day, the latest first',
    description:
      'Every step not completed, of a production order not done, received or cancelled, whose planned finish is before `on` (default: today on the ' +
      'business clock, Asia/Shanghai): a step is listed from the day after its planned finish, with the days it is late. Most days late first, then by number and step.',
  },
  getProductionOrder: {
    kind: 'query', roles: PRODUCTION_READERS, request: IdRequest,
    http: { method: 'GET', path: 'inventory/production-orders/:id' },
    answers: ProductionOrderView, summary: 'One production order: steps with their sample checks and decisions, materials and the requests raised for them', errors: [404],
  },
  releaseProductionOrder: {
    kind: 'command', roles: ['production_planner'], request: ReleaseProductionOrderRequest,
    http: { method: 'POST', path: 'inventory/production-orders/:id/release', body: ReleaseProductionOrderBody },
    answers: ProductionOrderView, summary: 'Release a planned production order, in-house or to a contract factory',
    errors: [
      404,
      { status: 409, description: 'Not planned' },
      { status: 422, description: 'Outsourced without an active supplier of kind factory or without the agreed price, each field named (`invalid-release`)' },
    ],
    description:
      'Raises material requests to purchasing for what its materials (order quantity × quantity per unit) stock does not cover. ' +
      'Outsourced: the factory and the agreed unit price are kept; the receipt of the finished goods becomes the factory\'s payable.',
  },
  startProductionStep: {
    kind: 'command', roles: STEP_RUNNERS, request: ProductionStepRequest,
    http: { method: 'POST', path: 'inventory/production-orders/:id/steps/:stepNo/start', params: { id: 'uuid', stepNo: 'int' } },
    answers: ProductionOrderView, summary: 'Start a process step',
    errors: [
      404,
      { status: 409, description: 'Not released or in progress, the step started already, the step before it not completed (`step-out-of-order`), or the materials not all on hand (`materials-short`, naming each material with what is short)' },
    ],
    description:
      'Steps run in order. The first step\'s start puts the production order in progress and issues its materials from stock ' +
      '(the warehouse of the release, `MAIN`; movements `issue` with the MO number as the document), all or none.',
  },
  recordSampleCheck: {
    kind: 'command', roles: SAMPLE_CHECKERS, request: SampleCheckRequest, creates: true,
    http: { method: 'POST', path: 'inventory/production-orders/:id/steps/:stepNo/sample-checks', params: { id: 'uuid', stepNo: 'int' }, body: SampleCheckBody },
    answers: ProductionOrderView, summary: 'Record a step\'s sample check (the inspector is the caller)',
    errors: [
      404,
      { status: 409, description: 'The step is not in progress (not started, stopped for a decision, or completed)' },
      { status: 422, description: 'A repeat of a customer\'s design without `referenceComparison` (`reference-comparison-required`)' },
    ],
    description:
      'A fail (or a sample that `differs` from the reference sample) stops the step: nothing more happens on it until the quality manager decides. ' +
      'A pass lets the step be completed.',
  },
  decideProductionStep: {
    kind: 'command', roles: ['quality_manager'], request: QualityDecisionRequest,
    http: { method: 'POST', path: 'inventory/production-orders/:id/steps/:stepNo/decision', params: { id: 'uuid', stepNo: 'int' }, body: QualityDecisionBody },
    answers: ProductionOrderView, summary: 'Decide on a stopped step: rework, scrap or accept with a concession',
    errors: [404, { status: 409, description: 'The step is not stopped' }],
    description: 'rework or scrap: the step is in progress again and needs a new passing check; concession: it counts as passed and may be completed.',
  },
  completeProductionStep: {
    kind: 'command', roles: STEP_RUNNERS, request: ProductionStepRequest,
    http: { method: 'POST', path: 'inventory/production-orders/:id/steps/:stepNo/complete', params: { id: 'uuid', stepNo: 'int' } },
    answers: ProductionOrderView, summary: 'Complete a process step',
    errors: [
      404,
      { status: 409, description: 'Not in progress, or no passing check (nor concession) since it last stopped (`sample-check-required`); the last step of a first run without a reference sample (`reference-sample-missing`)' },
    ],
    description: 'The last step completed makes the production order done.',
  },
  registerReferenceSample: {
    kind: 'command', roles: [...PRODUCTION, 'qc_inspector'], request: ReferenceSampleRequest, creates: true,
    http: { method: 'POST', path: 'inventory/production-orders/:id/reference-sample', body: ReferenceSampleBody },
    answers: ProductionOrderView, summary: 'Register the reference sample of a first run',
    errors: [404, { status: 409, description: 'Not a first run, cancelled, or a reference sample already registered for the customer\'s design' }],
    description: 'Kept per customer and SKU: later runs of the design compare each step\'s sample with it.',
  },
  receiveProductionOrder: {
    kind: 'command', roles: WAREHOUSE, request: ReceiveProductionOrderRequest,
    http: { method: 'POST', path: 'inventory/production-orders/:id/receive', body: ReceiveProductionOrderBody },
    answers: ProductionOrderView, summary: 'Receive the finished goods of a done production order into stock',
    errors: [
      404, { status: 409, description: 'Not done' }, { status: 422, description: 'An unknown warehouse or location' },
      { status: 403, description: 'Outsourced, by the planner who released it (`self-approval`): the factory\'s receipt is audited by someone else' },
    ],
    description:
      'In-house: the goods enter the ledger (movement `receipt`, the MO number as the document). Outsourced: a goods receipt (GR-…) from the factory at the ' +
      'agreed price, audited at once, so `inventory.receipt.audited` raises the factory\'s payable. When every production order of the customer order has been ' +
      'received, the whole order is reserved in the same transaction (nobody else reserves a made-to-order SKU), `inventory.stock.reserved` tells sales and ' +
      '`inventory.production.completed` tells finance, which tells the customer the balance. The order ships on the usual release rules.',
  },
  listReferenceSamples: {
    kind: 'query', roles: PRODUCTION_READERS, request: ListReferenceSamplesQuery,
    http: { method: 'GET', path: 'inventory/reference-samples' },
    answers: pageOf(ReferenceSampleView), summary: 'Reference samples of customers\' designs, newest first',
    description: 'Filter by `customerId` and `sku`.',
  },
} satisfies Record<string, OperationSpec>;

import { PRODUCTION, PURCHASING, WAREHOUSE } from '@ops/kernel';
import { pageOf, type OperationSpec } from '../catalog.js';
import { IdRequest } from '../common.js';
import { CancelMaterialRequestBody, CancelMaterialRequestRequest, ListMaterialRequestsQuery, MaterialRequestView, PurchaseMaterialsRequest } from './material-requests.js';
import { PurchaseOrderView } from './purchasing.js';

/** Who reads material requests: purchasing, who buys them; production planning, who raised them; the warehouse, who receives them. */
const READERS = [...PURCHASING, ...PRODUCTION, ...WAREHOUSE, 'general_manager'] as const;

/** Material requests in the inventory catalogue: raised by releasing a production order, bought on purchase orders. */
export const INVENTORY_MATERIAL_REQUEST_OPERATIONS = {
  listMaterialRequests: {
    kind: 'query', roles: READERS, request: ListMaterialRequestsQuery,
    http: { method: 'GET', path: 'inventory/material-requests' },
    answers: pageOf(MaterialRequestView), summary: 'Material requests, oldest first (CSV too)',
    description:
      'Raised when a production order is released (`POST inventory/production-orders/{id}/release`): one per material the stock does not cover, ' +
      'for the shortfall only. Filter by `status`, `productionOrderId`, `purchaseOrderId`, `sku`. `Accept: text/csv` for the whole list.',
  },
  getMaterialRequest: {
    kind: 'query', roles: READERS, request: IdRequest,
    http: { method: 'GET', path: 'inventory/material-requests/:id' },
    answers: MaterialRequestView, summary: 'One material request', errors: [404],
  },
  purchaseMaterials: {
    kind: 'command', roles: PURCHASING, request: PurchaseMaterialsRequest, creates: true,
    http: { method: 'POST', path: 'inventory/material-requests/purchase-order' },
    answers: PurchaseOrderView, summary: 'Draft a purchase order for open material requests',
    errors: [
      { status: 409, description: 'A request is no longer open (ordered, received or cancelled meanwhile)' },
      { status: 422, description: 'Fields to correct, each named (`invalid-material-purchase`): a request named twice or unknown, two prices for one SKU; an unknown or inactive supplier, an unknown warehouse' },
    ],
    description:
      'A draft purchase order as `POST inventory/purchase-orders` makes it (numbered `PO-<year>-nnnnnn`, approved on the same ladder by someone else), ' +
      'one line per SKU with the requests\' quantities added up. The requests become `ordered` and name the order. When goods receipts against it ' +
      'have brought the whole order in, they become `received`; if the order is cancelled they are open again.',
  },
  cancelMaterialRequest: {
    kind: 'command', roles: PURCHASING, request: CancelMaterialRequestRequest,
    http: { method: 'POST', path: 'inventory/material-requests/:id/cancel', body: CancelMaterialRequestBody },
    answers: MaterialRequestView, summary: 'Cancel an open material request',
    errors: [404, { status: 409, description: 'On a purchase order (`material-request-ordered`: cancel the order instead), received or cancelled already' }, 422],
    description: 'With a reason: the material will not be bought for that production order.',
  },
} satisfies Record<string, OperationSpec>;

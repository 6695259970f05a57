import { answer, api } from '../../api/client';
import type { components, operations } from '../../api/schema';
import type { ListQuery } from '../kit/DataList';

/**
 * Production's calls (libs/contracts/src/inventory/production-catalog.ts), shared by its screens: typed by the
 * generated schema, which gives the views and bodies. Only the choices the filters and forms offer are listed here,
 * in the order they are shown, since the schema gives their types but no order.
 */

type Schemas = components['schemas'];
export type ProductionOrderStatus = Schemas['ProductionOrderView']['status'];
export type ProductionRoute = NonNullable<Schemas['ProductionOrderView']['route']>;
export type QualityDecision = Schemas['QualityDecisionBody']['decision'];

export const PRODUCTION_ORDER_STATUSES: readonly ProductionOrderStatus[] = ['planned', 'released', 'in_progress', 'done', 'received', 'cancelled'];
export const PRODUCTION_ROUTES: readonly ProductionRoute[] = ['in_house', 'outsourced'];
export const QUALITY_DECISIONS: readonly QualityDecision[] = ['rework', 'scrap', 'concession'];

// The API defaults the receipt's warehouse and location (MAIN, STOCK), which makes them required in the generated
// type; a field left blank is left out, as the contract allows.
type ReceiveBody = Partial<Schemas['ReceiveProductionOrderBody']>;
// What the list's filters send (status, route, sku, customer), as the list route takes it.
type ListProductionOrders = NonNullable<operations['InventoryController_listProductionOrders']['parameters']['query']>;

const order = (id: string) => ({ params: { path: { id } } });
const step = (id: string, stepNo: number) => ({ params: { path: { id, stepNo } } });

export const production = {
  list: (query: ListQuery) =>
    answer(api.GET('/api/v1/inventory/production-orders', { params: { query: query as ListProductionOrders } })),
  get: (id: string) => answer(api.GET('/api/v1/inventory/production-orders/{id}', order(id))),
  lateSteps: (on?: string) => answer(api.GET('/api/v1/inventory/production-orders/late-steps', { params: { query: on ? { on } : {} } })),
  release: (id: string, body: Schemas['ReleaseProductionOrderBody']) => answer(api.POST('/api/v1/inventory/production-orders/{id}/release', { ...order(id), body })),
  start: (id: string, stepNo: number) => answer(api.POST('/api/v1/inventory/production-orders/{id}/steps/{stepNo}/start', step(id, stepNo))),
  check: (id: string, stepNo: number, body: Schemas['SampleCheckBody']) =>
    answer(api.POST('/api/v1/inventory/production-orders/{id}/steps/{stepNo}/sample-checks', { ...step(id, stepNo), body })),
  decide: (id: string, stepNo: number, body: Schemas['QualityDecisionBody']) =>
    answer(api.POST('/api/v1/inventory/production-orders/{id}/steps/{stepNo}/decision', { ...step(id, stepNo), body })),
  complete: (id: string, stepNo: number) => answer(api.POST('/api/v1/inventory/production-orders/{id}/steps/{stepNo}/complete', step(id, stepNo))),
  referenceSample: (id: string, body: Schemas['ReferenceSampleBody']) => answer(api.POST('/api/v1/inventory/production-orders/{id}/reference-sample', { ...order(id), body })),
  receive: (id: string, body: ReceiveBody) =>
    answer(api.POST('/api/v1/inventory/production-orders/{id}/receive', { ...order(id), body: body as Schemas['ReceiveProductionOrderBody'] })),
  supplies: () => answer(api.GET('/api/v1/inventory/sku-supplies', { params: { query: { madeToOrder: 'true', pageSize: 200 } } })),
  supply: (sku: string) => answer(api.GET('/api/v1/inventory/skus/{sku}/supply', { params: { path: { sku } } })),
  putSupply: (sku: string, body: Schemas['PutSkuSupplyBody']) => answer(api.PUT('/api/v1/inventory/skus/{sku}/supply', { params: { path: { sku } }, body })),
};

/** The operations behind the production screens' buttons, as the permission data names them. */
export const OPS = {
  list: 'GET /api/v1/inventory/production-orders',
  get: 'GET /api/v1/inventory/production-orders/{id}',
  lateSteps: 'GET /api/v1/inventory/production-orders/late-steps',
  release: 'POST /api/v1/inventory/production-orders/{id}/release',
  start: 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/start',
  check: 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/sample-checks',
  decide: 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/decision',
  complete: 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/complete',
  referenceSample: 'POST /api/v1/inventory/production-orders/{id}/reference-sample',
  receive: 'POST /api/v1/inventory/production-orders/{id}/receive',
  getSupply: 'GET /api/v1/inventory/skus/{sku}/supply',
  putSupply: 'PUT /api/v1/inventory/skus/{sku}/supply',
} as const;

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { Navigate, Route as Path, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { LateSteps } from './LateSteps';
import { ProductionOrderDetail } from './ProductionOrderDetail';
import { ProductionOrders } from './ProductionOrders';
import { SkuSupply } from './SkuSupply';

const path = (r: Request) => new URL(r.url).pathname;
const on = (method: string, at: string, body: unknown, status = 200): Route => (r) => (r.method === method && path(r) === at ? { status, body } : undefined);
const page = (items: object[]) => ({ items, page: 1, pageSize: 20, total: items.length });
const ORDERS = '/api/v1/inventory/production-orders';

const step = (stepNo: number, name: string, more: object = {}) => ({
  stepNo, name, status: 'pending', plannedFinish: `2026-12-1${stepNo}`, passed: false, startedBy: null, startedAt: null, completedBy: null, completedAt: null, checks: [], decisions: [], ...more,
});
const productionOrder = (number: string, status: string, more: object = {}) => ({
  id: `id-${number}`, number, status, orderId: 'order-1', orderNumber: 'SO-2026-000042', orderKind: 'sale', serviceTicketNumber: null, customerId: '0193b5c2-0000-7000-8000-00000000c001',
  lineNo: 1, sku: 'SKU-SUIT-01', quantity: 10, requestedDate: '2026-12-20', plannedStart: '2026-12-10', plannedFinish: '2026-12-20', behindRequestedDate: false, firstRun: true,
  route: null, factorySupplierId: null, factorySupplierCode: null, factorySupplierName: null, agreedUnitPriceFen: null,
  materials: [{ sku: 'SKU-FABRIC-01', quantityPerUnit: 2, quantity: 20 }], materialsIssued: false,
  steps: [step(1, '裁剪 Cutting'), step(2, '缝制 Sewing'), step(3, '整烫 Pressing')], materialRequests: [], referenceSample: null,
  warehouseCode: null, receiptId: null, receiptNumber: null, releasedBy: null, releasedAt: null, doneAt: null, receivedBy: null, receivedAt: null, cancelReason: null,
  createdAt: '2026-12-01T02:00:00Z', updatedAt: '2026-12-01T02:00:00Z', ...more,
});
const OPERATIONS = [
  'GET /api/v1/inventory/production-orders', 'GET /api/v1/inventory/production-orders/{id}', 'GET /api/v1/inventory/production-orders/late-steps',
  'POST /api/v1/inventory/production-orders/{id}/release', 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/start',
  'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/sample-checks', 'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/decision',
  'POST /api/v1/inventory/production-orders/{id}/steps/{stepNo}/complete', 'POST /api/v1/inventory/production-orders/{id}/reference-sample',
  'POST /api/v1/inventory/production-orders/{id}/receive', 'GET /api/v1/inventory/skus/{sku}/supply', 'PUT /api/v1/inventory/skus/{sku}/supply',
];
// Each role is granted only the operations the catalogue gives it, so the screen shows it what the API allows.
const PLANNER = OPERATIONS.filter((op) => !/sample-checks|decision|receive/.test(op)).concat('GET /api/v1/inventory/suppliers');
const INSPECTOR = OPERATIONS.filter((op) => op.startsWith('GET') || /sample-checks|reference-sample/.test(op));
const QUALITY_MANAGER = OPERATIONS.filter((op) => op.startsWith('GET') || /sample-checks|decision|reference-sample/.test(op));

/** The detail page as App.tsx routes it, opened on one production order. */
const detailOf = (id: string) => (
  <Routes>
    <Path path="/" element={<Navigate to={`/production-orders/${id}`} />} />
    <Path path="/production-orders/:id" element={<ProductionOrderDetail />} />
  </Routes>
);
const dialog = () => screen.findByRole('dialog');
/** The input a test id names: the element itself, or the input inside an antd wrapper. */
const inputOf = (el: HTMLElement) => (el.tagName === 'INPUT' ? el : el.querySelector('input') ?? el);
const save = async () => fireEvent.click(within(await dialog()).getByRole('button', { name: /保\s*存|Save/ }));

beforeEach(() => fetchMock.mockReset());

describe('the production orders list', () => {
  it('shows each order with its customer order, plan, route and progress, and filters by status', async () => {
    const { sent } = renderSignedIn(fetchMock, <ProductionOrders />, {
      roles: ['production_planner'],
      operations: PLANNER,
      routes: [
        on('GET', ORDERS, page([
          productionOrder('MO-2026-000001', 'planned', { behindRequestedDate: true }),
          productionOrder('MO-2026-000002', 'in_progress', {
            route: 'outsourced', factorySupplierCode: 'SUP-FAB', factorySupplierName: '华美制衣厂', orderKind: 'replacement', serviceTicketNumber: 'CS-2026-000007',
            steps: [step(1, '裁剪 Cutting', { status: 'completed' }), step(2, '缝制 Sewing', { status: 'stopped' }), step(3, '整烫 Pressing')],
          }),
        ])),
      ],
    });
    expect(await screen.findByTestId('open-MO-2026-000001', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByTestId('status-MO-2026-000001').textContent).toBe('已计划');
    expect(screen.getByTestId('behind-MO-2026-000001').textContent).toBe('晚于要求日期');
    expect(screen.queryByTestId('behind-MO-2026-000002')).toBeNull();
    expect(screen.getByTestId('status-MO-2026-000002').textContent).toBe('生产中');
    expect(screen.getByTestId('progress-MO-2026-000002').textContent).toBe('1/3缝制 Sewing已停工待处理');
    expect(screen.getByText('外协加工 · 华美制衣厂')).toBeTruthy();
    expect(screen.getByText('补件 CS-2026-000007')).toBeTruthy();
    expect(screen.getByTestId('open-MO-2026-000002').getAttribute('href')).toBe('/production-orders/id-MO-2026-000002');

    fireEvent.mouseDown(screen.getByRole('combobox', { name: '状态' }));
    fireEvent.click(await screen.findByTitle('已下达'));
    await waitFor(() => expect(sent('GET', ORDERS).some((r) => new URL(r.url).searchParams.get('status') === 'released')).toBe(true));
  }, 40_000);
});

describe('a production order', () => {
  it('is released to a contract factory by the planner, at the agreed price typed in yuan', async () => {
    const id = 'id-MO-2026-000003';
    const { sent } = renderSignedIn(fetchMock, detailOf(id), {
      roles: ['production_planner'],
      operations: PLANNER,
      routes: [
        on('GET', `${ORDERS}/${id}`, productionOrder('MO-2026-000003', 'planned')),
        on('GET', '/api/v1/inventory/suppliers', page([{ id: 'sup-fab', code: 'SUP-FAB', name: '华美制衣厂', kind: 'factory', active: true }])),
        on('POST', `${ORDERS}/${id}/release`, productionOrder('MO-2026-000003', 'released')),
      ],
    });
    expect((await screen.findByTestId('production-status', {}, { timeout: 15_000 })).textContent).toBe('已计划');
    // A planner runs steps but does not check samples, decide on them or receive goods; nothing runs before the release.
    expect(screen.queryByTestId('start-1')).toBeNull();
    expect(screen.queryByTestId('receive')).toBeNull();
    expect(screen.getByTestId('reference-sample-register')).toBeTruthy();
    expect(screen.getByText('首次生产须登记封样后方可完工')).toBeTruthy();

    fireEvent.click(screen.getByTestId('release'));
    const form = await dialog();
    fireEvent.click(within(form).getByLabelText('外协加工'));
    fireEvent.mouseDown(await within(form).findByRole('combobox', { name: '外协工厂' }));
    fireEvent.click(await screen.findByTitle('SUP-FAB 华美制衣厂'));
    fireEvent.change(within(form).getByTestId('release-price'), { target: { value: '450.00' } });
    await save();
    await waitFor(() => expect(sent('POST', `${ORDERS}/${id}/release`)).toHaveLength(1));
    expect(await sent('POST', `${ORDERS}/${id}/release`)[0].json()).toEqual({ route: 'outsourced', factorySupplierId: 'sup-fab', agreedUnitPriceFen: 45_000 });
  }, 40_000);

  it('lets the planner start the next step only, and complete a step only once its sample passed', async () => {
    const id = 'id-MO-2026-000004';
    const { sent } = renderSignedIn(fetchMock, detailOf(id), {
      roles: ['production_planner'],
      operations: PLANNER,
      routes: [
        on('GET', `${ORDERS}/${id}`, productionOrder('MO-2026-000004', 'in_progress', {
          route: 'in_house', materialsIssued: true, materialRequests: [{ id: 'mr-1', number: 'MR-2026-000001', sku: 'SKU-FABRIC-01', quantityRequested: 12, status: 'ordered' }],
          steps: [step(1, '裁剪 Cutting', { status: 'completed' }), step(2, '缝制 Sewing', { status: 'in_progress', passed: true }), step(3, '整烫 Pressing')],
        })),
        on('POST', `${ORDERS}/${id}/steps/2/complete`, productionOrder('MO-2026-000004', 'in_progress')),
      ],
    });
    expect(await screen.findByTestId('complete-2', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByTestId('step-passed-2').textContent).toBe('抽检合格');
    expect(screen.queryByTestId('start-3')).toBeNull(); // steps run in order
    expect(screen.queryByTestId('check-2')).toBeNull(); // the inspectors' work
    expect(screen.getByTestId('materials-issued').textContent).toBe('物料已领用出库。');
    expect(within(screen.getByTestId('material-requests')).getByText('MR-2026-000001')).toBeTruthy();
    expect(within(screen.getByTestId('material-requests')).getByText('已下采购单')).toBeTruthy();
    fireEvent.click(screen.getByTestId('complete-2'));
    await waitFor(() => expect(sent('POST', `${ORDERS}/${id}/steps/2/complete`)).toHaveLength(1));
  }, 40_000);

  it('takes an inspector\'s sample check with its defects, and on a repeat run asks how the sample compares with the reference', async () => {
    const id = 'id-MO-2026-000005';
    const { sent } = renderSignedIn(fetchMock, detailOf(id), {
      roles: ['qc_inspector'],
      operations: INSPECTOR,
      routes: [
        on('GET', `${ORDERS}/${id}`, productionOrder('MO-2026-000005', 'in_progress', {
          route: 'in_house', firstRun: false, materialsIssued: true,
          referenceSample: { id: 'rs-1', customerId: 'c', sku: 'SKU-SUIT-01', sampleCode: 'RS-ACME-SUIT-01', location: '样品室 A-3', note: null, productionOrderId: 'id-MO-2026-000001', productionOrderNumber: 'MO-2026-000001', registeredBy: 'u', registeredAt: '2026-11-01T00:00:00Z' },
          steps: [step(1, '裁剪 Cutting', { status: 'in_progress' }), step(2, '缝制 Sewing'), step(3, '整烫 Pressing')],
        })),
        on('POST', `${ORDERS}/${id}/steps/1/sample-checks`, productionOrder('MO-2026-000005', 'in_progress'), 201),
      ],
    });
    expect((await screen.findByTestId('reference-sample', {}, { timeout: 15_000 })).textContent).toContain('RS-ACME-SUIT-01');
    expect(screen.queryByTestId('complete-1')).toBeNull();
    expect(screen.queryByTestId('start-2')).toBeNull();
    fireEvent.click(screen.getByTestId('check-1'));
    const form = await dialog();
    fireEvent.click(within(form).getByLabelText('不合格'));
    fireEvent.change(inputOf(within(form).getByTestId('check-sample-size')), { target: { value: '5' } });
    fireEvent.click(within(form).getByTestId('add-defect'));
    fireEvent.change(await within(form).findByTestId('defect-0'), { target: { value: '线头外露 loose threads' } });
    await save();
    // Without the comparison the form does not go: a repeat run must say it.
    expect(await within(form).findByText('必填')).toBeTruthy();
    expect(sent('POST', `${ORDERS}/${id}/steps/1/sample-checks`)).toHaveLength(0);
    fireEvent.click(within(form).getByLabelText('不一致'));
    await save();
    await waitFor(() => expect(sent('POST', `${ORDERS}/${id}/steps/1/sample-checks`)).toHaveLength(1));
    expect(await sent('POST', `${ORDERS}/${id}/steps/1/sample-checks`)[0].json()).toEqual({
      result: 'fail', sampleSize: 5, defects: [{ description: '线头外露 loose threads', quantity: 1 }], referenceComparison: 'differs',
    });
  }, 40_000);

  it('shows a stopped step\'s failed check, and takes the quality manager\'s decision (never the inspector\'s)', async () => {
    const id = 'id-MO-2026-000006';
    const stopped = productionOrder('MO-2026-000006', 'in_progress', {
      route: 'in_house', materialsIssued: true,
      steps: [step(1, '裁剪 Cutting', {
        status: 'stopped',
        checks: [{ checkNo: 1, result: 'pass', counts: 'fail', sampleSize: 5, defects: [{ description: '色差 colour off', quantity: 2 }], referenceComparison: 'differs', inspector: 'u-qc', checkedAt: '2026-12-02T03:00:00Z' }],
      }), step(2, '缝制 Sewing'), step(3, '整烫 Pressing')],
    });
    const { sent } = renderSignedIn(fetchMock, detailOf(id), {
      roles: ['quality_manager'],
      operations: QUALITY_MANAGER,
      routes: [on('GET', `${ORDERS}/${id}`, stopped), on('POST', `${ORDERS}/${id}/steps/1/decision`, stopped)],
    });
    expect((await screen.findByTestId('step-status-1', {}, { timeout: 15_000 })).textContent).toBe('已停工待处理');
    expect(screen.queryByTestId('check-1')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /展开行|Expand row/ }));
    const record = await screen.findByTestId('step-record-1');
    expect(within(record).getByText('色差 colour off × 2')).toBeTruthy();
    expect(within(record).getByText('不合格')).toBeTruthy(); // what counts: it differed from the reference
    expect(within(record).getByText(/登记为 合格/)).toBeTruthy();

    fireEvent.click(screen.getByTestId('decide-1'));
    const form = await dialog();
    fireEvent.click(within(form).getByLabelText('报废'));
    fireEvent.change(await within(form).findByTestId('decision-scrapped'), { target: { value: '2' } });
    fireEvent.change(within(form).getByTestId('decision-note'), { target: { value: 'Scrap the two, re-cut' } });
    await save();
    await waitFor(() => expect(sent('POST', `${ORDERS}/${id}/steps/1/decision`)).toHaveLength(1));
    expect(await sent('POST', `${ORDERS}/${id}/steps/1/decision`)[0].json()).toEqual({ decision: 'scrap', note: 'Scrap the two, re-cut', scrappedQuantity: 2 });
  }, 40_000);

  it('tells the inspector a stopped step waits for the quality manager, and offers no decision', async () => {
    const id = 'id-MO-2026-000010';
    renderSignedIn(fetchMock, detailOf(id), {
      roles: ['qc_inspector'],
      operations: INSPECTOR,
      routes: [on('GET', `${ORDERS}/${id}`, productionOrder('MO-2026-000010', 'in_progress', { route: 'in_house', steps: [step(1, '裁剪 Cutting', { status: 'stopped' }), step(2, '缝制 Sewing')] }))],
    });
    expect(await screen.findByText('待品质经理处理', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.queryByTestId('decide-1')).toBeNull();
    expect(screen.queryByTestId('check-1')).toBeNull(); // nothing more on a stopped step until the decision
    expect(screen.queryByTestId('complete-1')).toBeNull();
  }, 40_000);

  it('lets the warehouse receive a done order, an outsourced one becoming the factory\'s payable', async () => {
    const id = 'id-MO-2026-000007';
    const { sent } = renderSignedIn(fetchMock, detailOf(id), {
      roles: ['warehouse_keeper'],
      operations: ['GET /api/v1/inventory/production-orders/{id}', 'POST /api/v1/inventory/production-orders/{id}/receive', 'GET /api/v1/inventory/warehouses'],
      routes: [
        on('GET', `${ORDERS}/${id}`, productionOrder('MO-2026-000007', 'done', {
          route: 'outsourced', factorySupplierCode: 'SUP-FAB', factorySupplierName: '华美制衣厂', agreedUnitPriceFen: 45_000, doneAt: '2026-12-18T08:00:00Z',
          steps: [step(1, '裁剪 Cutting', { status: 'completed' }), step(2, '缝制 Sewing', { status: 'completed' }), step(3, '整烫 Pressing', { status: 'completed' })],
        })),
        on('GET', '/api/v1/inventory/warehouses', page([{ code: 'MAIN', name: '总仓', sellable: true }, { code: 'TRANSIT', name: '在途', sellable: false }])),
        on('POST', `${ORDERS}/${id}/receive`, productionOrder('MO-2026-000007', 'received')),
      ],
    });
    expect((await screen.findByTestId('production-route', {}, { timeout: 15_000 })).textContent).toBe('外协加工 · SUP-FAB 华美制衣厂');
    expect(screen.getByText('¥450.00')).toBeTruthy();
    expect(screen.queryByTestId('release')).toBeNull();
    expect(screen.queryByTestId('reference-sample-register')).toBeNull();
    fireEvent.click(screen.getByTestId('receive'));
    expect(await within(await dialog()).findByText(/应付账款/)).toBeTruthy();
    await save();
    await waitFor(() => expect(sent('POST', `${ORDERS}/${id}/receive`)).toHaveLength(1));
    expect(await sent('POST', `${ORDERS}/${id}/receive`)[0].json()).toEqual({ warehouseCode: 'MAIN', location: 'STOCK' });
  }, 40_000);

  it('shows the API\'s refusal of a step\'s start (materials short) above the page', async () => {
    const id = 'id-MO-2026-000008';
    renderSignedIn(fetchMock, detailOf(id), {
      roles: ['production_planner'],
      operations: PLANNER,
      routes: [
        on('GET', `${ORDERS}/${id}`, productionOrder('MO-2026-000008', 'released', { route: 'in_house' })),
        on('POST', `${ORDERS}/${id}/steps/1/start`, { type: 'https://ops.example/problems/materials-short', title: 'Materials short', status: 409, detail: 'SKU-FABRIC-01: 20 needed, 8 on hand' }, 409),
      ],
    });
    fireEvent.click(await screen.findByTestId('start-1', {}, { timeout: 15_000 }));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定|OK/ }));
    expect(await screen.findByText('SKU-FABRIC-01: 20 needed, 8 on hand')).toBeTruthy();
  }, 40_000);
});

describe('the late steps', () => {
  it('lists today\'s late steps (the API\'s today), and another day\'s when one is picked', async () => {
    const { sent } = renderSignedIn(fetchMock, <LateSteps />, {
      roles: ['production_planner'],
      operations: PLANNER,
      routes: [
        (r) => (r.method === 'GET' && path(r) === `${ORDERS}/late-steps` ? {
          body: new URL(r.url).searchParams.get('on') === '2026-12-25' ? [] : [{
            productionOrderId: 'id-MO-2026-000009', productionOrderNumber: 'MO-2026-000009', productionOrderStatus: 'in_progress', orderNumber: 'SO-2026-000042', customerId: 'c-1',
            sku: 'SKU-SUIT-01', quantity: 10, route: 'in_house', factorySupplierCode: null, stepNo: 2, stepName: '缝制 Sewing', stepStatus: 'in_progress', plannedFinish: '2026-11-30', daysLate: 1,
          }],
        } : undefined),
      ],
    });
    expect((await screen.findByTestId('days-late-MO-2026-000009-2', {}, { timeout: 15_000 })).textContent).toBe('1');
    expect(screen.getByText('2 缝制 Sewing')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'MO-2026-000009' }).getAttribute('href')).toBe('/production-orders/id-MO-2026-000009');
    expect(new URL(sent('GET', `${ORDERS}/late-steps`)[0].url).searchParams.has('on')).toBe(false);

    const picker = screen.getByLabelText('日期');
    fireEvent.mouseDown(picker);
    fireEvent.focus(picker);
    fireEvent.change(picker, { target: { value: '2026-12-25' } });
    fireEvent.keyDown(picker, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(sent('GET', `${ORDERS}/late-steps`).some((r) => new URL(r.url).searchParams.get('on') === '2026-12-25')).toBe(true));
    await waitFor(() => expect(screen.queryByTestId('days-late-MO-2026-000009-2')).toBeNull());
    expect(screen.getByTestId('late-count').textContent).toBe('逾期工序数 0');
  }, 40_000);
});

describe('a SKU\'s supply spec', () => {
  it('is read by code and saved whole: made to order, lead days, steps in order, materials per unit', async () => {
    const supply = { sku: 'SKU-SUIT-01', madeToOrder: false, leadDays: 0, steps: [], materials: [], revision: 0, updatedBy: null, updatedAt: null };
    const { sent } = renderSignedIn(fetchMock, <SkuSupply />, {
      roles: ['production_planner'],
      operations: PLANNER,
      routes: [
        on('GET', '/api/v1/inventory/skus/SKU-SUIT-01/supply', supply),
        on('PUT', '/api/v1/inventory/skus/SKU-SUIT-01/supply', { ...supply, madeToOrder: true, leadDays: 10, revision: 1 }),
      ],
    });
    const search = await screen.findByRole('searchbox', { name: '商品编码' }, { timeout: 15_000 }).catch(() => screen.getByLabelText('商品编码'));
    fireEvent.change(search, { target: { value: 'SKU-SUIT-01' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect((await screen.findByTestId('supply-kind')).textContent).toBe('库存备货');

    fireEvent.click(screen.getByTestId('supply-edit'));
    const form = await dialog();
    fireEvent.click(within(form).getByLabelText('按单生产（定制）'));
    fireEvent.change(inputOf(within(form).getByTestId('supply-lead-days-input')), { target: { value: '10' } });
    fireEvent.change(within(form).getByTestId('supply-step-0'), { target: { value: '裁剪 Cutting' } });
    fireEvent.click(within(form).getByTestId('supply-add-step'));
    fireEvent.change(await within(form).findByTestId('supply-step-1'), { target: { value: '缝制 Sewing' } });
    fireEvent.click(within(form).getByTestId('supply-add-material'));
    fireEvent.change(inputOf(await within(form).findByTestId('supply-material-0')), { target: { value: 'SKU-FABRIC-01' } });
    fireEvent.change(inputOf(within(form).getByTestId('supply-material-qty-0')), { target: { value: '2' } });
    await save();
    await waitFor(() => expect(sent('PUT', '/api/v1/inventory/skus/SKU-SUIT-01/supply')).toHaveLength(1));
    expect(await sent('PUT', '/api/v1/inventory/skus/SKU-SUIT-01/supply')[0].json()).toEqual({
      madeToOrder: true, leadDays: 10, steps: [{ name: '裁剪 Cutting' }, { name: '缝制 Sewing' }], materials: [{ sku: 'SKU-FABRIC-01', quantityPerUnit: 2 }],
    });
  }, 40_000);

  it('lists the made-to-order SKUs, and opens one picked from the list', async () => {
    const suit = { sku: 'SKU-SUIT-01', madeToOrder: true, leadDays: 10, steps: [{ stepNo: 1, name: '裁剪 Cutting' }, { stepNo: 2, name: '缝制 Sewing' }], materials: [{ sku: 'SKU-FABRIC-01', quantityPerUnit: 2 }], revision: 3, updatedBy: null, updatedAt: null };
    const { sent } = renderSignedIn(fetchMock, <SkuSupply />, {
      roles: ['production_planner'],
      operations: PLANNER,
      routes: [
        on('GET', '/api/v1/inventory/sku-supplies', { items: [suit], page: 1, pageSize: 200, total: 1 }),
        on('GET', '/api/v1/inventory/skus/SKU-SUIT-01/supply', suit),
      ],
    });
    const list = await screen.findByTestId('supply-list', {}, { timeout: 15_000 });
    expect(await within(list).findByText('裁剪 Cutting → 缝制 Sewing')).toBeTruthy();
    expect(within(list).getByText('SKU-FABRIC-01 × 2')).toBeTruthy();
    expect(new URL(sent('GET', '/api/v1/inventory/sku-supplies')[0].url).searchParams.get('madeToOrder')).toBe('true');
    fireEvent.click(within(list).getByRole('button', { name: 'SKU-SUIT-01' }));
    expect((await screen.findByTestId('supply-kind')).textContent).toBe('按单生产（定制）');
  }, 40_000);
});

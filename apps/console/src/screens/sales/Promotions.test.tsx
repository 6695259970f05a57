import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { NewOrder } from '../NewOrder';
import { PriceBasis } from '../OrderDetail';
import { renderSignedIn, type Route } from '../kit/testing';
import { PriceHolds, toPriceHoldBody } from './PriceHolds';
import { Promotions, toPromotionBody } from './Promotions';

const route = (method: string, path: string, reply: { status: number; body: unknown }): Route => (r) => (r.method === method && new URL(r.url).pathname === path ? reply : undefined);
const page = (items: unknown[]) => ({ items, page: 1, pageSize: 20, total: items.length });
const promotion = (patch: Record<string, unknown> = {}) => ({
  id: 'p-1', code: 'PROMO-2026-000001', name: 'Double 12', status: 'draft', inForce: false, kind: 'percent', promoPriceFen: null, percentOff: 10,
  startsOn: '2026-12-10', endsOn: '2026-12-12', skus: ['TEA'], lines: [{ sku: 'TEA', listPriceFen: 10_000, floorPriceFen: 9_000, promoPriceFen: 9_000, level: 'sales_vp' }],
  requiredLevel: 'sales_vp', createdBy: 'u-op', createdAt: '2026-12-01T00:00:00Z', decidedBy: null, decidedAt: null, decisionNote: null, ...patch,
});
const hold = (patch: Record<string, unknown> = {}) => ({
  id: 'h-1', number: 'PH-2026-000001', customerId: 'c-1', customerName: '晨光贸易', status: 'expired', lines: [{ sku: 'TEA', agreedUnitPriceFen: 10_000, listPriceFen: 10_000, floorPriceFen: 9_000 }],
  holdUntil: '2026-12-08', depositFen: 500_000, depositReference: 'RC-2026-000123', createdBy: 'u-rep', createdAt: '2026-12-01T00:00:00Z',
  reapprovals: [], usedByOrderId: null, usedByOrderNumber: null, usedAt: null, ...patch,
});

describe('promotions and price holds', { timeout: 30_000 }, () => {
  it('turns the form into the API\'s body: yuan to fen, and only the field of the kind chosen', () => {
    const base = { name: 'x', startsOn: '2026-12-10', endsOn: '2026-12-12', skus: ['TEA'] };
    expect(toPromotionBody({ ...base, kind: 'price', promoPrice: '118.50', percentOff: 5 })).toEqual({ ...base, kind: 'price', promoPriceFen: 11_850 });
    expect(toPromotionBody({ ...base, kind: 'percent', promoPrice: '1', percentOff: 10 })).toEqual({ ...base, kind: 'percent', percentOff: 10 });
    expect(toPriceHoldBody({ customerId: 'c-1', holdUntil: '2026-12-08', deposit: '5000', depositReference: 'RC-1', lines: [{ sku: 'TEA', agreedPrice: '100.00' }] }))
      .toEqual({ customerId: 'c-1', holdUntil: '2026-12-08', depositFen: 500_000, depositReference: 'RC-1', lines: [{ sku: 'TEA', agreedUnitPriceFen: 10_000 }] });
  });

  it('shows promotions with their offer and level, and lets an approver approve a draft and end an approved one', async () => {
    const { sent } = renderSignedIn(fetchMock, <Promotions />, {
      roles: ['sales_vp'], operations: ['GET /api/v1/sales/promotions', 'POST /api/v1/sales/promotions/{id}/approve', 'POST /api/v1/sales/promotions/{id}/end'],
      routes: [
        route('GET', '/api/v1/sales/promotions', { status: 200, body: page([promotion(), promotion({ id: 'p-2', code: 'PROMO-2026-000002', status: 'approved', inForce: true, kind: 'price', promoPriceFen: 9_500, percentOff: null })]) }),
        route('POST', '/api/v1/sales/promotions/p-1/approve', { status: 200, body: promotion({ status: 'approved' }) }),
      ],
    });
    expect((await screen.findByTestId('offer-PROMO-2026-000001')).textContent).toBe('10% · 折扣');
    expect(screen.getByTestId('offer-PROMO-2026-000002').textContent).toBe('¥95.00 · 促销价');
    expect(screen.getAllByText('销售副总', { selector: 'td' })).toHaveLength(2);
    expect(screen.queryByTestId('create-promotion')).toBeNull();
    expect(screen.queryByTestId('end-PROMO-2026-000001')).toBeNull();
    expect(screen.getByTestId('end-PROMO-2026-000002')).toBeTruthy();
    expect(screen.queryByTestId('approve-PROMO-2026-000002')).toBeNull();
    fireEvent.click(screen.getByTestId('approve-PROMO-2026-000001'));
    fireEvent.click(await screen.findByRole('button', { name: /确\s*定/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/sales/promotions/p-1/approve')).toHaveLength(1));
  });

  it('lets an operator draft a promotion but not approve one', async () => {
    renderSignedIn(fetchMock, <Promotions />, {
      roles: ['ecommerce_operator'], operations: ['GET /api/v1/sales/promotions', 'POST /api/v1/sales/promotions'],
      routes: [route('GET', '/api/v1/sales/promotions', { status: 200, body: page([promotion()]) })],
    });
    expect(await screen.findByTestId('create-promotion')).toBeTruthy();
    expect(await screen.findByTestId('status-PROMO-2026-000001')).toBeTruthy();
    expect(screen.queryByTestId('approve-PROMO-2026-000001')).toBeNull();
  });

  it('shows a hold past its date as expired and lets a manager re-approve it to a new date', async () => {
    const { sent } = renderSignedIn(fetchMock, <PriceHolds />, {
      roles: ['sales_manager'], operations: ['GET /api/v1/sales/price-holds', 'POST /api/v1/sales/price-holds/{id}/reapprove'],
      routes: [
        route('GET', '/api/v1/sales/price-holds', { status: 200, body: page([hold(), hold({ id: 'h-2', number: 'PH-2026-000002', status: 'used', usedByOrderId: 'o-1', usedByOrderNumber: 'SO-2026-000009', usedAt: '2026-12-05T00:00:00Z' })]) }),
        route('POST', '/api/v1/sales/price-holds/h-1/reapprove', { status: 200, body: hold({ status: 'active', holdUntil: '2026-12-31' }) }),
      ],
    });
    expect((await screen.findByTestId('status-PH-2026-000001')).textContent).toBe('已过期');
    expect(screen.getByTestId('status-PH-2026-000002').textContent).toBe('已使用');
    expect(screen.queryByTestId('reapprove-PH-2026-000002')).toBeNull();
    expect(screen.queryByTestId('record-price-hold')).toBeNull();
    fireEvent.click(screen.getByTestId('reapprove-PH-2026-000001'));
    fireEvent.change(await screen.findByLabelText('原因'), { target: { value: 'Signing delayed' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/sales/price-holds/h-1/reapprove')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/sales/price-holds/h-1/reapprove')[0].json()).toEqual({ holdUntil: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), reason: 'Signing delayed' });
  });

  it('shows on an order line which price applied and why', async () => {
    renderSignedIn(fetchMock, (
      <>
        <PriceBasis line={{ lineNo: 1, priceBasis: 'promotion', promotionCode: 'PROMO-2026-000001', priceNote: 'promotion PROMO-2026-000001' }} />
        <PriceBasis line={{ lineNo: 2, priceBasis: 'list', promotionCode: null, priceNote: 'price hold PH-2026-000001 expired on 2026-12-08: the current price applies' }} />
      </>
    ), { roles: ['sales_rep'], operations: [] });
    expect((await screen.findByTestId('price-basis-1')).textContent).toContain('促销 PROMO-2026-000001');
    expect(screen.getByTestId('price-basis-2').textContent).toContain('价目表');
    expect(screen.getByTestId('price-basis-2').textContent).toContain('expired on 2026-12-08');
  });

  it('offers the new order a price hold only to those who may read them', async () => {
    const customers = { items: [{ id: 'c-1', code: 'C1', name: '晨光贸易' }], page: 1, pageSize: 100, total: 1 };
    const routes = [route('GET', '/api/v1/sales/customers', { status: 200, body: customers })];
    renderSignedIn(fetchMock, <NewOrder />, { roles: ['sales_rep'], operations: ['POST /api/v1/sales/orders', 'GET /api/v1/sales/customers', 'GET /api/v1/sales/price-holds'], routes });
    expect((await screen.findByTestId('price-hold-field')).textContent).toContain('定金锁价');
    cleanup();
    renderSignedIn(fetchMock, <NewOrder />, { roles: ['warehouse_keeper'], operations: ['POST /api/v1/sales/orders', 'GET /api/v1/sales/customers'], routes });
    expect(await screen.findByText('新建订单')).toBeTruthy();
    expect(screen.queryByTestId('price-hold-field')).toBeNull();
  });
});

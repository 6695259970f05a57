import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn } from '../kit/testing';
import { Listings } from './Listings';

const page = (items: object[]) => ({ body: { items, page: 1, pageSize: 20, total: items.length } });
const path = (r: Request) => new URL(r.url).pathname;
const listing = (sku: string, status: string, more: object = {}) => ({
  id: `id-${sku}`, sku, status, titleZh: `${sku} 龙井`, titleEn: `${sku} Longjing`, descriptionZh: '西湖', descriptionEn: 'West Lake', specs: [{ name: '净含量', value: '250 g' }],
  priceFen: 12_900, quantityOffered: 10, availableQuantity: 4, quantityOnSale: 4, soldOut: false, categoryCode: 'TEA', images: ['listings/tea/front.jpg'],
  createdBy: 'ecommerce_operator', createdAt: '2026-12-01T02:00:00Z', submittedBy: null, reviewedBy: null, reviewedAt: null, rejectReason: null, publishedAt: null, ...more,
});
const CATEGORIES = [{ code: 'TEA', nameZh: '茶叶', nameEn: 'Tea', parentCode: null, path: ['TEA'], createdBy: 'ecommerce_operator', createdAt: '2026-12-01T01:00:00Z' }];
const OPERATIONS = [
  'GET /api/v1/sales/listings', 'POST /api/v1/sales/listings', 'PUT /api/v1/sales/listings/{id}', 'POST /api/v1/sales/listings/{id}/submit', 'POST /api/v1/sales/listings/{id}/approve',
  'POST /api/v1/sales/listings/{id}/reject', 'POST /api/v1/sales/listings/{id}/list', 'POST /api/v1/sales/listings/{id}/unlist', 'POST /api/v1/sales/listings/{id}/price',
  'POST /api/v1/sales/listings/{id}/quantity', 'GET /api/v1/sales/listing-categories', 'POST /api/v1/sales/listing-categories',
];

beforeEach(() => fetchMock.mockReset());

describe('the listings screen', () => {
  it('offers each step at its status, tags sold out, and sends a rejection with its reason', async () => {
    const { sent } = renderSignedIn(fetchMock, <Listings />, {
      roles: ['ecommerce_operator'],
      operations: OPERATIONS,
      routes: [
        (r) => (r.method === 'GET' && path(r) === '/api/v1/sales/listing-categories' ? { body: CATEGORIES } : undefined),
        (r) => (r.method === 'GET' && path(r) === '/api/v1/sales/listings' ? page([
          listing('A-1', 'draft', { rejectReason: 'Say the harvest year' }),
          listing('A-2', 'in_review', { submittedBy: 'op-b' }),
          listing('A-3', 'published', { quantityOnSale: 0, availableQuantity: 0, soldOut: true }),
          listing('A-4', 'unlisted'),
        ]) : undefined),
        (r) => (r.method === 'POST' && path(r) === '/api/v1/sales/listings/id-A-2/reject' ? { body: {} } : undefined),
      ],
    });
    expect(await screen.findByTestId('submit-A-1', {}, { timeout: 15_000 })).toBeTruthy();
    expect(screen.getByTestId('edit-A-1')).toBeTruthy();
    expect(screen.getByText(/Say the harvest year/)).toBeTruthy();
    expect(screen.getByTestId('approve-A-2')).toBeTruthy();
    expect(screen.queryByTestId('submit-A-2')).toBeNull();
    expect(screen.queryByTestId('quantity-A-2')).toBeNull();
    expect(screen.getByTestId('unlist-A-3')).toBeTruthy();
    expect(screen.getByTestId('price-A-3')).toBeTruthy();
    expect(screen.getByTestId('sold-out-A-3').textContent).toBe('售罄');
    expect(screen.getByTestId('on-sale-A-3').textContent).toBe('0 / 10');
    expect(screen.queryByTestId('sold-out-A-4')).toBeNull();
    expect(screen.getByTestId('list-A-4')).toBeTruthy();
    expect(screen.queryByTestId('edit-A-4')).toBeNull();

    fireEvent.click(screen.getByTestId('reject-A-2'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByRole('textbox'), { target: { value: 'Wrong weight' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /确\s*定|OK/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/sales/listings/id-A-2/reject')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/sales/listings/id-A-2/reject')[0].json()).toEqual({ reason: 'Wrong weight' });
  }, 40_000);

  it('changes a price typed in yuan, sent in fen', async () => {
    const { sent } = renderSignedIn(fetchMock, <Listings />, {
      roles: ['ecommerce_operator'],
      operations: OPERATIONS,
      routes: [
        (r) => (r.method === 'GET' && path(r) === '/api/v1/sales/listings' ? page([listing('B-1', 'published')]) : undefined),
        (r) => (r.method === 'POST' && path(r) === '/api/v1/sales/listings/id-B-1/price' ? { body: listing('B-1', 'published', { priceFen: 11_900 }) } : undefined),
      ],
    });
    fireEvent.click(await screen.findByTestId('price-B-1', {}, { timeout: 15_000 }));
    const input = await screen.findByTestId('new-price');
    fireEvent.change(input, { target: { value: '119.00' } });
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: /保\s*存|Save/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/sales/listings/id-B-1/price')).toHaveLength(1));
    expect(await sent('POST', '/api/v1/sales/listings/id-B-1/price')[0].json()).toEqual({ priceFen: 11_900 });
  }, 40_000);

  it('shows a listing\'s history in a drawer: who, which field, before and after', async () => {
    renderSignedIn(fetchMock, <Listings />, {
      roles: ['sales_manager'],
      operations: ['GET /api/v1/sales/listings', 'POST /api/v1/sales/listings/{id}/approve', 'GET /api/v1/sales/listings/{id}/history'],
      routes: [
        (r) => (r.method === 'GET' && path(r) === '/api/v1/sales/listings' ? page([listing('C-1', 'published')]) : undefined),
        (r) => (r.method === 'GET' && path(r) === '/api/v1/sales/listings/id-C-1/history' ? {
          body: [
            { id: 1, field: 'status', before: null, after: 'draft', changedBy: 'ecommerce_operator', changedAt: '2026-12-01T02:00:00Z', note: 'Drafted' },
            { id: 2, field: 'priceFen', before: 12_900, after: 11_900, changedBy: 'ecommerce_operator', changedAt: '2026-12-01T03:00:00Z', note: null },
          ],
        } : undefined),
      ],
    });
    expect(screen.queryByTestId('new-listing')).toBeNull();
    fireEvent.click(await screen.findByTestId('history-C-1', {}, { timeout: 15_000 }));
    expect((await screen.findByTestId('change-2')).textContent).toBe('¥119.00');
    expect(screen.getAllByText('¥129.00')).toHaveLength(2); // the list's price, and the history's before
    expect(screen.getByTestId('change-1').textContent).toBe('draft');
  }, 40_000);
});

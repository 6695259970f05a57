import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { MESSAGES } from '../../i18n/messages';
import { renderSignedIn, type Route } from '../kit/testing';
import { hoursSummary, openingHoursBody, Outlets } from './Outlets';

const LIST = '/api/v1/sales/outlets';
const route = (method: string, path: string, reply: { status: number; body: unknown }): Route => (r) => (r.method === method && new URL(r.url).pathname === path ? reply : undefined);
const page = (items: unknown[]) => ({ items, page: 1, pageSize: 200, total: items.length });
const weekdays = { opens: '10:00', closes: '22:00' };
const outlet = {
  id: 'o-1', code: 'BAR1', name: 'Lobby bar', kind: 'bar', warehouseCode: 'BAR1', priceListId: 'p-1', priceListNumber: 'PL-2026-000001',
  openingHours: { 0: null, 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: { opens: '12:00', closes: '23:00' } }, status: 'active',
  staff: [{ username: 'bar_supervisor', position: 'supervisor' }, { username: 'bartender', position: 'bartender' }], myPosition: null, createdBy: 'sales_manager', createdAt: '2026-11-30T00:00:00Z',
};
const OPS = ['GET /api/v1/sales/outlets', 'POST /api/v1/sales/outlets', 'PUT /api/v1/sales/outlets/{code}/staff', 'GET /api/v1/inventory/warehouses', 'GET /api/v1/sales/price-lists'];
const ROUTES: Route[] = [
  route('GET', LIST, { status: 200, body: page([outlet]) }),
  route('GET', '/api/v1/inventory/warehouses', { status: 200, body: page([{ code: 'MAIN', name: 'Main', kind: 'warehouse', sellable: true }, { code: 'STORE2', name: 'Tea shop', kind: 'store', sellable: true }]) }),
  route('GET', '/api/v1/sales/price-lists', { status: 200, body: page([{ id: 'p-1', number: 'PL-2026-000001', name: 'Shop prices', status: 'approved', validFrom: '2026-01-01', validTo: null, createdBy: 'x', createdAt: '2026-01-01T00:00:00Z', approvedBy: 'y', approvedAt: '2026-01-01T00:00:00Z', lines: [] }]) }),
  route('GET', '/api/v1/identity/people', { status: 200, body: page([{ id: 'u-1', username: 'store_clerk', displayName: 'Li Na', active: true }]) }),
];
const zh = (key: string) => (MESSAGES.zh as Record<string, string>)[key];

describe('the outlets registry', { timeout: 30_000 }, () => {
  it('sums the week up, Monday first, and builds the hours the API takes', () => {
    expect(hoursSummary(outlet.openingHours, zh)).toBe('周一–周五 10:00–22:00; 周六 12:00–23:00; 周日 休息');
    expect(hoursSummary(Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((d) => [d, weekdays])), zh)).toBe('每天 10:00–22:00');
    expect(hoursSummary({}, zh)).toBe('全周休息');
    const days = Array.from({ length: 7 }, () => ({ closed: false }) as { closed: boolean; opens?: string; closes?: string });
    days[0] = { closed: true };
    days[6] = { closed: false, closes: '23:30' };
    expect(openingHoursBody({ opens: '10:00', closes: '22:00', days })).toEqual({ 0: null, 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: { opens: '10:00', closes: '23:30' } });
  });

  it('lists the outlets with their price list, hours and staff', async () => {
    renderSignedIn(fetchMock, <Outlets />, { roles: ['sales_manager'], operations: OPS, routes: ROUTES });
    expect((await screen.findByTestId('hours-BAR1')).textContent).toBe('周一–周五 10:00–22:00; 周六 12:00–23:00; 周日 休息');
    expect(screen.getByTestId('staff-BAR1').textContent).toContain('bar_supervisor · 主管');
    expect(await screen.findByText('PL-2026-000001 · Shop prices')).toBeTruthy();
  });

  it('registers an outlet: its store warehouse and approved price list, the hours with Sunday closed, and its staff', async () => {
    const { sent } = renderSignedIn(fetchMock, <Outlets />, { roles: ['sales_manager'], operations: OPS, routes: [...ROUTES, route('POST', LIST, { status: 201, body: outlet })] });
    await screen.findByTestId('hours-BAR1');
    fireEvent.click(screen.getByTestId('new-outlet'));
    const code = await screen.findByTestId('outlet-code-input');
    const dialog = code.closest('.ant-modal') as HTMLElement;
    // The only store warehouse and the only approved price list are chosen (MAIN is no store).
    expect(await within(dialog).findByTitle('STORE2 Tea shop')).toBeTruthy();
    expect(await within(dialog).findByTitle('PL-2026-000001 Shop prices')).toBeTruthy();
    fireEvent.change(code, { target: { value: 'store2' } });
    fireEvent.change(within(dialog).getByTestId('outlet-name'), { target: { value: 'Tea shop' } });
    fireEvent.click(within(dialog).getByTestId('closed-0'));
    fireEvent.change(within(dialog).getByLabelText('周六 关门'), { target: { value: '23:30' } });
    fireEvent.click(within(dialog).getByTestId('add-staff'));
    fireEvent.change(await within(dialog).findByLabelText('用户名 1'), { target: { value: 'store_clerk' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', LIST)).toHaveLength(1));
    const [post] = sent('POST', LIST);
    expect(await post.json()).toEqual({
      code: 'STORE2', name: 'Tea shop', kind: 'store', warehouseCode: 'STORE2', priceListId: 'p-1',
      openingHours: { 0: null, 1: weekdays, 2: weekdays, 3: weekdays, 4: weekdays, 5: weekdays, 6: { opens: '10:00', closes: '23:30' } },
      staff: [{ username: 'store_clerk', position: 'clerk' }],
    });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('shows a refused staff member under its row', async () => {
    const problem = {
      type: 'https://ops-platform.dev/problems/outlet-invalid', title: 'Invalid', status: 400, detail: 'The outlet is not consistent', requestId: 'r',
      errors: [{ field: 'staff[2].username', message: 'appears twice' }],
    };
    const { sent } = renderSignedIn(fetchMock, <Outlets />, {
      roles: ['sales_manager'], operations: OPS, routes: [...ROUTES, route('PUT', `${LIST}/BAR1/staff`, { status: 400, body: problem })],
    });
    fireEvent.click(await screen.findByTestId('edit-staff-BAR1'));
    const first = await screen.findByLabelText('用户名 1');
    const dialog = first.closest('.ant-modal') as HTMLElement;
    expect((first as HTMLInputElement).value).toBe('bar_supervisor');
    fireEvent.click(within(dialog).getByTestId('add-staff'));
    fireEvent.change(await within(dialog).findByLabelText('用户名 3'), { target: { value: 'bartender' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('PUT', `${LIST}/BAR1/staff`)).toHaveLength(1));
    expect(await sent('PUT', `${LIST}/BAR1/staff`)[0].json()).toEqual({
      staff: [{ username: 'bar_supervisor', position: 'supervisor' }, { username: 'bartender', position: 'bartender' }, { username: 'bartender', position: 'clerk' }],
    });
    expect(await within(dialog).findByText('appears twice')).toBeTruthy();
  });

  it('offers neither registering nor staff changes to a reader', async () => {
    renderSignedIn(fetchMock, <Outlets />, { roles: ['sales_rep'], operations: ['GET /api/v1/sales/outlets'], routes: ROUTES });
    await screen.findByTestId('hours-BAR1');
    expect(screen.queryByTestId('new-outlet')).toBeNull();
    expect(screen.queryByTestId('edit-staff-BAR1')).toBeNull();
  });
});

import { fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { renderSignedIn, type Route } from '../kit/testing';
import { BarBoard, slipBody } from './BarBoard';
import { countBody, ShiftHandovers } from './ShiftHandovers';

const BASE = '/api/v1/sales/outlets/BAR1';
const route = (method: string, path: string, reply: { status: number; body: unknown }): Route => (r) => (r.method === method && new URL(r.url).pathname === path ? reply : undefined);
const slip = (patch: Record<string, unknown> = {}) => ({
  id: 's-1', number: 'DS-BAR1-2026-000001', outletCode: 'BAR1', table: 'T3', status: 'written', businessDate: '2026-11-30', writtenBy: 'bar_staff', writtenAt: '2026-11-30T12:00:00Z',
  madeBy: null, madeAt: null, servedBy: null, servedAt: null, cancelledBy: null, cancelReason: null, ticketId: null, lines: [{ lineNo: 1, sku: 'BEER-330', quantity: 2, note: 'cold' }], ...patch,
});
const handover = (patch: Record<string, unknown> = {}) => ({
  id: 'h-1', outletCode: 'BAR1', businessDate: '2026-11-30', status: 'counted', handedOverBy: 'bar_supervisor', takenOverBy: 'store_clerk', shiftStart: '2026-11-30T01:00:00Z',
  countedAt: '2026-11-30T10:00:00Z', ticketCount: 9, openingFloatFen: 50_000, cashFen: 20_000, posFen: 8_000, transferFen: 0, voidedCashFen: 3_200, expectedCashFen: 70_000,
  countedCashFen: 72_000, differenceFen: 2_000, floatFen: 50_000, goodsChecked: true, goodsNotes: null, explanation: null, explainedBy: null, confirmedAt: null, ...patch,
});

beforeEach(() => localStorage.setItem('ops-console-outlet', 'BAR1'));

describe('the bar board', { timeout: 30_000 }, () => {
  it('shows the day\'s slips and lets the bartender mark one made', async () => {
    const { sent } = renderSignedIn(fetchMock, <BarBoard />, {
      roles: ['bartender'],
      operations: [`POST ${BASE.replace('BAR1', '{code}')}/drinks-slips/{id}/make`, `GET ${BASE.replace('BAR1', '{code}')}/drinks-slips`],
      routes: [
        route('GET', `${BASE}/drinks-slips`, { status: 200, body: { items: [slip()], page: 1, pageSize: 200, total: 1 } }),
        route('GET', `${BASE}/open-at-closing`, { status: 200, body: { outletCode: 'BAR1', openSlips: [slip()], openTables: [{ ticketId: 't-1', table: 'T2', businessDate: '2026-11-30', totalFen: 6_400, slipCount: 2, openedAt: '2026-11-30T11:00:00Z' }] } }),
        route('POST', `${BASE}/drinks-slips/s-1/make`, { status: 200, body: slip({ status: 'made' }) }),
      ],
    });
    expect(await screen.findByText('BEER-330 ×2 (cold)')).toBeTruthy();
    expect(screen.queryByTestId('write-slip')).toBeNull(); // a bartender does not write slips
    expect(screen.queryByTestId(`serve-DS-BAR1-2026-000001`)).toBeNull();
    expect(await screen.findByText('¥64.00')).toBeTruthy(); // the table not yet paid, at closing
    fireEvent.click(screen.getByTestId('make-DS-BAR1-2026-000001'));
    await waitFor(() => expect(sent('POST', `${BASE}/drinks-slips/s-1/make`)).toHaveLength(1));
  });

  it('sends a slip as the API takes it, with an Idempotency-Key', async () => {
    const { sent } = renderSignedIn(fetchMock, <BarBoard />, {
      roles: ['bar_staff'],
      operations: ['POST /api/v1/sales/outlets/{code}/drinks-slips', 'GET /api/v1/sales/outlets/{code}/drinks-slips'],
      routes: [route('POST', `${BASE}/drinks-slips`, { status: 201, body: slip() })],
    });
    fireEvent.click(await screen.findByTestId('write-slip'));
    fireEvent.change(await screen.findByLabelText('台号'), { target: { value: ' T3 ' } });
    fireEvent.change(screen.getByLabelText('酒水编码'), { target: { value: 'BEER-330' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', `${BASE}/drinks-slips`)).toHaveLength(1));
    const [post] = sent('POST', `${BASE}/drinks-slips`);
    expect(await post.json()).toEqual({ table: 'T3', lines: [{ sku: 'BEER-330', quantity: 1 }] });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
  });

  it('trims the slip and leaves blank notes out', () => {
    expect(slipBody({ table: ' T1 ', lines: [{ sku: ' A ', quantity: 2, note: ' ' }, { sku: 'B', quantity: 1, note: ' no ice ' }] }))
      .toEqual({ table: 'T1', lines: [{ sku: 'A', quantity: 2 }, { sku: 'B', quantity: 1, note: 'no ice' }] });
  });
});

describe('the shift handover', { timeout: 30_000 }, () => {
  it('counts blind, then shows the expected cash and the difference; the unexplained confirmation is refused on screen', async () => {
    const { sent } = renderSignedIn(fetchMock, <ShiftHandovers />, {
      roles: ['bar_supervisor', 'store_clerk'],
      operations: ['POST /api/v1/sales/outlets/{code}/handovers', 'POST /api/v1/sales/outlets/{code}/handovers/{id}/confirm', 'POST /api/v1/sales/outlets/{code}/handovers/{id}/explain'],
      routes: [
        route('POST', `${BASE}/handovers`, { status: 201, body: handover() }),
        route('POST', `${BASE}/handovers/h-1/confirm`, {
          status: 422,
          body: { type: 'https://ops-platform.dev/problems/handover-difference-unexplained', title: 'Refused by a business rule', status: 422, detail: 'The cash is over ¥20.00: it is explained before the handover is confirmed', requestId: 'r-1' },
        }),
      ],
    });
    expect(screen.queryByTestId('expected')).toBeNull();
    fireEvent.change(await screen.findByLabelText('接班人（用户名）'), { target: { value: 'store_clerk' } });
    fireEvent.change(screen.getByLabelText('点得现金（元）'), { target: { value: '720' } });
    fireEvent.change(screen.getByLabelText('留给下一班的备用金（元）'), { target: { value: '500.00' } });
    fireEvent.click(screen.getByText('已与接班人核对货品'));
    fireEvent.click(screen.getByTestId('count-handover'));
    expect((await screen.findByTestId('expected')).textContent).toBe('¥700.00');
    const [post] = sent('POST', `${BASE}/handovers`);
    expect(await post.json()).toEqual({ takenOverBy: 'store_clerk', countedCashFen: 72_000, floatFen: 50_000, goodsChecked: true });
    expect(post.headers.get('Idempotency-Key')).toBeTruthy();
    expect(screen.getByTestId('handover-result').textContent).toContain('长款 ¥20.00');
    fireEvent.click(screen.getByTestId('confirm-h-1'));
    expect(await screen.findByText(/explained before the handover is confirmed/)).toBeTruthy();
  });

  it('turns the yuan typed into fen and leaves blanks out', () => {
    expect(countBody({ takenOverBy: ' b ', countedCash: '1,234.5', float: '500', goodsChecked: true, goodsNotes: ' ', explanation: ' tip ' }))
      .toEqual({ takenOverBy: 'b', countedCashFen: 123_450, floatFen: 50_000, goodsChecked: true, explanation: 'tip' });
  });
});

import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';

// The API client takes fetch when it is created, so the stub must exist before the modules load.
const fetchMock = vi.hoisted(() => {
  const mock = vi.fn();
  globalThis.fetch = mock as unknown as typeof fetch;
  return mock;
});

import { json, renderSignedIn } from '../kit/testing';
import { SupplierDialog, supplierBody } from './Suppliers';

describe('the new supplier form', () => {
  beforeEach(() => fetchMock.mockReset());

  it('sends the supplier as the API takes it, and shows the API\'s field errors under their fields', async () => {
    let answer = () => json({ type: 'https://ops-platform.dev/problems/rule-violated', title: 'Refused', status: 422, detail: 'The supplier has fields to correct', errors: [{ field: 'bankAccount', message: 'must be 8 to 30 digits' }] }, 422);
    const { sent } = renderSignedIn(fetchMock, <SupplierDialog />, {
      roles: ['purchaser'], operations: ['POST /api/v1/inventory/suppliers'],
      routes: [(r) => (r.method === 'POST' && new URL(r.url).pathname === '/api/v1/inventory/suppliers' ? answer() : undefined)],
    });
    fireEvent.click(await screen.findByTestId('new-supplier'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.change(within(dialog).getByLabelText('供应商编码'), { target: { value: ' SUP-HZ ' } });
    fireEvent.change(within(dialog).getByLabelText('名称'), { target: { value: '杭州茶厂' } });
    fireEvent.change(within(dialog).getByLabelText('统一社会信用代码'), { target: { value: '91330100ma2b3c4d5e' } });
    fireEvent.change(within(dialog).getByLabelText('开户行'), { target: { value: '工商银行' } });
    fireEvent.change(within(dialog).getByLabelText('银行账号'), { target: { value: '6222 12' } });
    fireEvent.change(within(dialog).getByLabelText('联系人姓名'), { target: { value: '李明' } });
    fireEvent.change(within(dialog).getByLabelText('电话'), { target: { value: '13800000000' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findByText('must be 8 to 30 digits')).toBeTruthy();
    const posted = sent('POST', '/api/v1/inventory/suppliers');
    expect(posted).toHaveLength(1);
    expect(await posted[0].json()).toEqual({
      code: 'SUP-HZ', name: '杭州茶厂', kind: 'goods', paymentTermsDays: 30, taxId: '91330100MA2B3C4D5E', bankName: '工商银行', bankAccount: '6222 12',
      contacts: [{ name: '李明', phone: '13800000000' }],
    });
    expect(posted[0].headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);

    answer = () => json({ id: 's1' }, 201);
    fireEvent.change(within(dialog).getByLabelText('银行账号'), { target: { value: '6222021001123456789' } });
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    await waitFor(() => expect(sent('POST', '/api/v1/inventory/suppliers')).toHaveLength(2));
    expect((await sent('POST', '/api/v1/inventory/suppliers')[1].json()).bankAccount).toBe('6222021001123456789');
  }, 20_000);

  it('asks for the code and the name before calling the API', async () => {
    const { sent } = renderSignedIn(fetchMock, <SupplierDialog />, { roles: ['purchaser'], operations: ['POST /api/v1/inventory/suppliers'] });
    fireEvent.click(await screen.findByTestId('new-supplier'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: /保\s*存/ }));
    expect(await within(dialog).findAllByText('必填')).toHaveLength(2);
    expect(sent('POST', '/api/v1/inventory/suppliers')).toHaveLength(0);
  }, 20_000);
});

describe('supplierBody', () => {
  it('leaves out empty optional fields and nameless contacts', () => {
    expect(supplierBody({ code: 'S', name: 'N', kind: 'service', taxId: ' ', bankAccount: '', contacts: [{ name: ' ' }, { name: 'A', email: 'a@b.cn', phone: '' }] }))
      .toEqual({ code: 'S', name: 'N', kind: 'service', paymentTermsDays: 0, contacts: [{ name: 'A', email: 'a@b.cn' }] });
  });
});

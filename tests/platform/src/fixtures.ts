import { waitFor } from '@ops/testing';
import type { TestPlatform } from './platform.js';

let counter = 0;
const unique = (prefix: string) => `${prefix}-${process.pid}-${++counter}`;

export async function aCustomer(p: TestPlatform, name = '晨光贸易'): Promise<{ id: string; name: string }> {
  const res = await p.call('sales_rep', 'POST', `/sales/customers`, { code: unique('C'), name });
  if (res.status !== 201) throw new Error(`customer: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function aSkuWithStock(p: TestPlatform, quantity: number): Promise<string> {
  const code = unique('SKU');
  const sku = await p.call('warehouse_manager', 'POST', `/inventory/skus`, { code, name: 'Tea gift box', model: 'LJ-250', version: 'v2', unit: 'box' });
  if (sku.status !== 201) throw new Error(`sku: ${sku.status} ${JSON.stringify(sku.body)}`);
  if (quantity > 0) {
    const receipt = await p.call('warehouse_keeper', 'POST', `/inventory/stock-receipts`, { sku: code, quantity, reference: 'OPENING' });
    if (receipt.status !== 201) throw new Error(`stock: ${receipt.status} ${JSON.stringify(receipt.body)}`);
  }
  return code;
}

export function orderBody(customerId: string, lines: Array<{ sku: string; quantity: number; unitPriceFen: number }>, paymentTerms = 'prepaid') {
  return {
    customerId,
    paymentTerms,
    shipTo: { name: '王芳', phone: '+86 138 0000 0000', address: '上海市浦东新区世纪大道 100 号' },
    shippingMethod: 'express',
    requestedDate: '2026-12-01',
    lines,
  };
}

export async function placeOrder(p: TestPlatform, body: object): Promise<{ id: string; number: string; status: string; totalFen: number }> {
  const res = await p.call('sales_rep', 'POST', `/sales/orders`, body);
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function orderReaches(p: TestPlatform, orderId: string, status: string | string[], timeoutMs = 15_000) {
  const wanted = Array.isArray(status) ? status : [status];
  return waitFor(`order ${orderId} to be ${wanted.join(' or ')}`, async () => {
    const res = await p.read(`/sales/orders/${orderId}`);
    return res.status === 200 && wanted.includes(res.body.status) ? res.body : false;
  }, { timeoutMs });
}

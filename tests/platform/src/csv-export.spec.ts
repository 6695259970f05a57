import { aCustomer, aSkuWithStock, orderBody, placeOrder } from './fixtures.js';
import { TestPlatform } from './platform.js';

/** Every list as CSV, by asking for it (`Accept: text/csv`): the whole list, its filters, streamed. */
describe('CSV export of lists', () => {
  let p: TestPlatform;
  beforeAll(async () => {
    p = await TestPlatform.start();
  });
  afterAll(() => p?.close());

  const csv = async (role: string, path: string) => {
    const res = await fetch(`${p.api}${path}`, { headers: { authorization: `Bearer ${await p.token(role)}`, accept: 'text/csv' } });
    return { res, bytes: Buffer.from(await res.arrayBuffer()) };
  };

  it('streams every page of a list with a BOM, a header and Chinese text intact, with no row limit', async () => {
    // More customers than one page holds (200), with Chinese names.
    const made: string[] = [];
    for (let batch = 0; batch < 26; batch++) {
      made.push(...(await Promise.all(Array.from({ length: 10 }, (_, i) => aCustomer(p, `华东经销商 ${batch * 10 + i} 号，"特约"`)))).map((c) => c.id));
    }
    const { res, bytes } = await csv('sales_manager', '/sales/customers?search=华东经销商');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="sales-list-customers-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0].split(',').slice(0, 3)).toEqual(['id', 'code', 'name']);
    expect(lines.length - 1).toBe(260);
    const ids = new Set(lines.slice(1).map((line) => line.split(',')[0]));
    expect(made.every((id) => ids.has(id))).toBe(true);
    // A comma and quotes inside a value are quoted (RFC 4180), the Chinese text is intact.
    expect(lines.some((line) => line.includes('"华东经销商 7 号，""特约"""'))).toBe(true);
  }, 120_000);

  it('keeps the list\'s filters, flattens nested fields and shows money in yuan', async () => {
    const customer = await aCustomer(p, '苏州茶叶行');
    const sku = await aSkuWithStock(p, 10, 12_345);
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 2 }]));
    const { bytes } = await csv('sales_manager', `/sales/orders?customerId=${customer.id}`);
    const [header, ...rows] = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
    const columns = header.split(',');
    expect(rows).toHaveLength(1);
    const row = Object.fromEntries(columns.map((c, i) => [c, rows[0].split(',')[i]]));
    expect(row).toMatchObject({ id: order.id, number: order.number, customerName: '苏州茶叶行', 'total (CNY)': '246.90' });
  });

  it('answers JSON pages as before without the header, and refuses a role that may not read the list', async () => {
    expect((await p.call('sales_manager', 'GET', '/sales/customers?pageSize=5')).body.items).toHaveLength(5);
    const { res } = await csv('warehouse_keeper', '/finance/receipts');
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});

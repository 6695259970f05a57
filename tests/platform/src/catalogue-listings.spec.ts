import type { EventEnvelope, ListingPriceChangedData } from '@ops/contracts';
import { waitFor } from '@ops/testing';
import type { Subscription } from '@nats-io/transport-node';
import { aCustomer, aSkuWithStock, orderBody, orderReaches, placeOrder, receiveStock } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * The online catalogue (issue 18), through the gateway: a listing is published only after someone other than its
 * author reviews it; a price change on sale is in its history and goes out as an event; the quantity on sale follows
 * inventory's available stock down to zero (sold out) and back.
 */
describe('the online catalogue: listings', () => {
  let p: TestPlatform;
  let subscription: Subscription | undefined;
  const priceChanges: Array<EventEnvelope<ListingPriceChangedData>> = [];
  const CATEGORY = `TEA${process.pid % 100_000}`;
  let sku: string;
  let listingId: string;

  const listing = async () => (await p.call('ecommerce_operator', 'GET', `/sales/listings/${listingId}`)).body;

  beforeAll(async () => {
    p = await TestPlatform.start();
    subscription = p.nc.subscribe(p.env.naming.subject('sales.listing.price-changed.v1'), { callback: (error, msg) => void (!error && priceChanges.push(msg.json())) });
    // 5 in the main warehouse; sales prices it at 10 000 fen, floor 9 000.
    sku = await aSkuWithStock(p, 5, 10_000);
    expect((await p.call('ecommerce_operator', 'POST', '/sales/listing-categories', { code: CATEGORY, nameZh: '茶叶', nameEn: 'Tea' })).status).toBe(201);
    const child = await p.call('ecommerce_operator', 'POST', '/sales/listing-categories', { code: `${CATEGORY}-G`, nameZh: '绿茶', nameEn: 'Green tea', parentCode: CATEGORY });
    expect(child).toMatchObject({ status: 201, body: { path: [CATEGORY, `${CATEGORY}-G`] } });
  });

  afterAll(async () => {
    subscription?.unsubscribe();
    await p?.close();
  });

  it('is published only after review by another person: the author\'s own approval is refused', async () => {
    const body = {
      sku, titleZh: '明前龙井 250 克', titleEn: 'Longjing 250 g', descriptionZh: '西湖产区', descriptionEn: 'West Lake', specs: [{ name: '净含量', value: '250 g' }],
      priceFen: 12_900, quantityOffered: 10, categoryCode: `${CATEGORY}-G`, images: ['listings/longjing/front.jpg', 'https://img.example.com/longjing/side.jpg'],
    };
    expect(await p.call('ecommerce_operator', 'POST', '/sales/listings', { ...body, priceFen: 8_000 })).toMatchObject({ status: 422, body: { type: expect.stringContaining('below-floor-price') } });
    expect(await p.call('ecommerce_operator', 'POST', '/sales/listings', { ...body, sku: 'NOT-SOLD-HERE' })).toMatchObject({ status: 422, body: { type: expect.stringContaining('unknown-sku') } });
    expect((await p.call('ecommerce_operator', 'POST', '/sales/listings', { ...body, images: ['../etc/passwd'] })).status).toBe(400);
    const created = await p.call('ecommerce_operator', 'POST', '/sales/listings', body);
    expect(created).toMatchObject({ status: 201, body: { status: 'draft', sku, createdBy: 'ecommerce_operator' } });
    listingId = created.body.id;
    expect((await p.call('ecommerce_operator', 'POST', '/sales/listings', body)).status).toBe(409);

    expect((await p.call('ecommerce_operator', 'PUT', `/sales/listings/${listingId}`, { titleEn: 'Pre-Qingming Longjing 250 g' })).body.titleEn).toBe('Pre-Qingming Longjing 250 g');
    expect((await p.call('ecommerce_operator', 'POST', `/sales/listings/${listingId}/submit`)).body.status).toBe('in_review');
    expect(await p.call('ecommerce_operator', 'POST', `/sales/listings/${listingId}/approve`)).toMatchObject({ status: 403, body: { type: expect.stringContaining('listing-own-review') } });
    expect((await listing()).status).toBe('in_review');
    // Rejected with a reason back to draft, sent again, approved by the sales manager.
    expect((await p.call('sales_manager', 'POST', `/sales/listings/${listingId}/reject`, { reason: 'Say the harvest year' })).body).toMatchObject({ status: 'draft', rejectReason: 'Say the harvest year' });
    await p.call('ecommerce_operator', 'PUT', `/sales/listings/${listingId}`, { descriptionEn: 'West Lake, 2026 harvest' });
    await p.call('ecommerce_operator', 'POST', `/sales/listings/${listingId}/submit`);
    expect((await p.call('sales_manager', 'POST', `/sales/listings/${listingId}/approve`)).body).toMatchObject({ status: 'published', reviewedBy: 'sales_manager' });

    const found = await p.call('ecommerce_operator', 'GET', `/sales/listings?categoryCode=${CATEGORY}&status=published&q=Longjing`);
    expect(found.body.items.map((l: { id: string }) => l.id)).toEqual([listingId]);
  });

  it('changes its price on sale: in its history and as an event, without a new review', async () => {
    expect(await p.call('ecommerce_operator', 'POST', `/sales/listings/${listingId}/price`, { priceFen: 8_500 })).toMatchObject({ status: 422, body: { type: expect.stringContaining('below-floor-price') } });
    const changed = await p.call('ecommerce_operator', 'POST', `/sales/listings/${listingId}/price`, { priceFen: 11_900 });
    expect(changed).toMatchObject({ status: 200, body: { status: 'published', priceFen: 11_900 } });

    const history = (await p.call('ecommerce_operator', 'GET', `/sales/listings/${listingId}/history`)).body as Array<{ field: string; before: unknown; after: unknown; changedBy: string; changedAt: string }>;
    expect(history.filter((h) => h.field === 'priceFen')).toEqual([expect.objectContaining({ before: 12_900, after: 11_900, changedBy: 'ecommerce_operator', changedAt: expect.any(String) })]);
    expect(history.filter((h) => h.field === 'status').map((h) => [h.before, h.after, h.changedBy])).toEqual([
      [null, 'draft', 'ecommerce_operator'], ['draft', 'in_review', 'ecommerce_operator'], ['in_review', 'draft', 'sales_manager'],
      ['draft', 'in_review', 'ecommerce_operator'], ['in_review', 'published', 'sales_manager'],
    ]);
    expect(history.some((h) => h.field === 'titleEn' && h.before === 'Longjing 250 g')).toBe(true);

    const event = await waitFor('the price-changed event', async () => priceChanges.find((e) => e.data.sku === sku));
    expect(event.data).toMatchObject({ listingId, sku, before: 12_900, after: 11_900, by: 'ecommerce_operator' });
  });

  it('follows the stock down to zero (sold out) and back', async () => {
    // Inventory started following the SKU when it was published: 5 available, 10 offered.
    await waitFor('inventory\'s first report', async () => {
      const l = await listing();
      return l.availableQuantity === 5 && l.quantityOnSale === 5 && !l.soldOut ? l : false;
    });
    // An order takes all five: reserved, nothing left on sale.
    const customer = await aCustomer(p, '网店测试客户');
    const order = await placeOrder(p, orderBody(customer.id, [{ sku, quantity: 5, unitPriceFen: 10_000 }]));
    await orderReaches(p, order.id, 'awaiting_payment');
    const soldOut = await waitFor('sold out', async () => {
      const l = await listing();
      return l.quantityOnSale === 0 && l.soldOut ? l : false;
    });
    expect(soldOut.availableQuantity).toBe(0);
    const onlySoldOut = await p.call('ecommerce_operator', 'GET', `/sales/listings?soldOut=true&categoryCode=${CATEGORY}`);
    expect(onlySoldOut.body.items.map((l: { id: string }) => l.id)).toEqual([listingId]);

    // Goods in an outlet's store warehouse are not for the online store; goods back in the main warehouse are.
    const STORE = `LS${process.pid % 100_000}`;
    expect((await p.call('warehouse_manager', 'POST', '/inventory/warehouses', { code: STORE, name: 'Tea shop', kind: 'store' })).status).toBe(201);
    const shop = await p.call('warehouse_keeper', 'POST', '/inventory/stock-receipts', { reference: 'SHOP', warehouseCode: STORE, lines: [{ sku, quantity: 4 }] });
    expect(shop.status).toBe(201);
    expect((await p.call('warehouse_manager', 'POST', `/inventory/stock-receipts/${shop.body.id}/audit`)).status).toBe(200);
    await receiveStock(p, sku, 3, 'RESTOCK');
    await waitFor('back in stock', async () => {
      const l = await listing();
      return l.availableQuantity === 3 && l.quantityOnSale === 3 && !l.soldOut ? l : false;
    });
    expect((await listing()).availableQuantity).toBe(3); // not 7: the shop's four do not count
    // Offering fewer than are available caps what is on sale.
    expect((await p.call('ecommerce_operator', 'POST', `/sales/listings/${listingId}/quantity`, { quantityOffered: 2 })).body).toMatchObject({ quantityOnSale: 2, soldOut: false });
    const history = (await p.call('ecommerce_operator', 'GET', `/sales/listings/${listingId}/history`)).body as Array<{ field: string; before: unknown; after: unknown; changedBy: string }>;
    expect(history.filter((h) => h.field === 'soldOut').map((h) => [h.after, h.changedBy])).toEqual([[true, 'inventory'], [false, 'inventory']]);

    // Unlisted: inventory stops following; listed again (no new review), it reports afresh.
    expect((await p.call('sales_manager', 'POST', `/sales/listings/${listingId}/unlist`)).body.status).toBe('unlisted');
    expect((await p.call('ecommerce_operator', 'POST', `/sales/listings/${listingId}/list`)).body.status).toBe('published');
  });
});

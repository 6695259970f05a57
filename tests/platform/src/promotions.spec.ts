import type { Subscription } from '@nats-io/transport-node';
import { setBusinessClock } from '@ops/kernel';
import { waitFor } from '@ops/testing';
import { aCustomer, aPriceList, aSkuWithStock, orderBody } from './fixtures.js';
import { TestPlatform } from './platform.js';

/**
 * Promotions and price holds (domain.md "Promotions and price holds"), through the gateway: a promotion prices orders
 * placed in its window only and is approved within the discount authority; a price hold keeps the agreed price until its
 * date, after which the current price applies until a manager re-approves it.
 */
describe('promotions and price holds', () => {
  let p: TestPlatform;
  let today = '2026-12-05';
  const heard: Array<{ type: string; data: { promotionId: string; outcome?: string; lines?: unknown[] } }> = [];
  const subscriptions: Subscription[] = [];

  beforeAll(async () => {
    // The business clock stands on `today`, mid-morning in Shanghai; a test moves it by setting `today`.
    setBusinessClock(() => new Date(`${today}T02:00:00Z`));
    p = await TestPlatform.start();
    for (const subject of ['sales.promotion.approved.v1', 'sales.promotion.ended.v1']) {
      subscriptions.push(p.nc.subscribe(p.env.naming.subject(subject), { callback: (error, msg) => void (!error && heard.push(msg.json())) }));
    }
  });

  afterAll(async () => {
    subscriptions.forEach((s) => s.unsubscribe());
    await p?.close();
    setBusinessClock(null);
  });

  /** A SKU in stock at a list price of 100.00 (floor 90.00) with a listing in the online store. */
  async function aListedSku(): Promise<string> {
    const sku = await aSkuWithStock(p, 100, 10_000);
    const category = `PROMO-${process.pid}`;
    const created = await p.call('ecommerce_operator', 'POST', '/sales/listing-categories', { code: category, nameZh: '促销', nameEn: 'Promotions' });
    expect([201, 409]).toContain(created.status);
    const listing = await p.call('ecommerce_operator', 'POST', '/sales/listings', {
      sku, titleZh: '礼盒', titleEn: 'Gift box', descriptionZh: '礼盒', descriptionEn: 'Gift box', specs: [], priceFen: 10_000, quantityOffered: 10, categoryCode: category, images: [],
    });
    expect(listing.status).toBe(201);
    return sku;
  }

  const order = async (customerId: string, lines: Array<{ sku: string; quantity: number; unitPriceFen?: number }>, extra: object = {}) =>
    p.call('sales_rep', 'POST', '/sales/orders', { ...orderBody(customerId, lines), ...extra });

  it('prices orders placed inside the window only, shows the promotion on the lines, and is approved within the discount authority', async () => {
    today = '2026-12-05';
    const sku = await aListedSku();
    const customer = await aCustomer(p);

    const unlisted = await p.call('ecommerce_operator', 'POST', '/sales/promotions', { name: 'Nothing', kind: 'percent', percentOff: 3, startsOn: '2026-12-10', endsOn: '2026-12-12', skus: ['SKU-NOT-LISTED'] });
    expect(unlisted).toMatchObject({ status: 422, body: { type: expect.stringContaining('sku-not-listed') } });

    const ten = await p.call('ecommerce_operator', 'POST', '/sales/promotions', { name: 'Double 12', kind: 'percent', percentOff: 10, startsOn: '2026-12-10', endsOn: '2026-12-12', skus: [sku] });
    expect(ten).toMatchObject({ status: 201, body: { status: 'draft', requiredLevel: 'sales_vp', code: expect.stringMatching(/^PROMO-2026-\d{6}$/), lines: [{ sku, listPriceFen: 10_000, promoPriceFen: 9_000, level: 'sales_vp' }] } });
    const approve = (role: string, id: string) => p.call(role, 'POST', `/sales/promotions/${id}/approve`, {});
    const refused = await approve('sales_manager', ten.body.id);
    expect(refused).toMatchObject({ status: 403, body: { type: expect.stringContaining('approval-level'), detail: expect.stringMatching(/sales vp or higher/) } });
    expect((await approve('ecommerce_operator', ten.body.id)).status).toBe(403);

    // Before approval, nothing is promoted even in the window.
    today = '2026-12-10';
    expect((await order(customer.id, [{ sku, quantity: 1 }])).body.lines[0]).toMatchObject({ unitPriceFen: 10_000, priceBasis: 'list', promotionId: null });
    today = '2026-12-05';
    expect(await approve('sales_vp', ten.body.id)).toMatchObject({ status: 200, body: { status: 'approved', inForce: false } });
    expect((await approve('sales_vp', ten.body.id)).status).toBe(409);

    // The creator never approves, whatever their role.
    const own = await p.call('sales_manager', 'POST', '/sales/promotions', { name: 'Own', kind: 'price', promoPriceFen: 9_800, startsOn: '2026-12-20', endsOn: '2026-12-21', skus: [sku] });
    expect(own).toMatchObject({ status: 201, body: { requiredLevel: 'sales_manager' } });
    expect(await approve('sales_manager', own.body.id)).toMatchObject({ status: 403, body: { type: expect.stringContaining('self-approval') } });

    const priced: Record<string, unknown> = {};
    for (const day of ['2026-12-09', '2026-12-10', '2026-12-12', '2026-12-13']) {
      today = day;
      const res = await order(customer.id, [{ sku, quantity: 2 }]);
      expect(res.status).toBe(201);
      priced[day] = { status: res.body.status, totalFen: res.body.totalFen, line: res.body.lines[0] };
    }
    const atList = { status: 'approved', totalFen: 20_000, line: expect.objectContaining({ unitPriceFen: 10_000, listPriceFen: 10_000, priceBasis: 'list', promotionId: null, promotionCode: null }) };
    const promoted = {
      status: 'approved', totalFen: 18_000,
      line: expect.objectContaining({ unitPriceFen: 9_000, listPriceFen: 10_000, priceBasis: 'promotion', promotionId: ten.body.id, promotionCode: ten.body.code, priceNote: `promotion ${ten.body.code}` }),
    };
    expect(priced).toEqual({ '2026-12-09': atList, '2026-12-10': promoted, '2026-12-12': promoted, '2026-12-13': atList });

    // A further discount from the promoted price still follows the ladder: 9,000 → 8,800 is below the floor.
    today = '2026-12-11';
    const further = await order(customer.id, [{ sku, quantity: 1, unitPriceFen: 8_800 }]);
    expect(further.body).toMatchObject({ status: 'pending_approval', approvalLevel: 'general_manager', lines: [{ unitPriceFen: 8_800, priceBasis: 'promotion' }] });
    const read = await p.read(`/sales/orders/${further.body.id}`);
    expect(read.body.lines[0]).toMatchObject({ promotionCode: ten.body.code, listPriceFen: 10_000 });

    // Ended early: from today on, no promoted price.
    expect(await p.call('ecommerce_operator', 'POST', `/sales/promotions/${ten.body.id}/end`, { reason: 'Sold out' })).toMatchObject({ status: 200, body: { status: 'ended' } });
    expect((await order(customer.id, [{ sku, quantity: 1 }])).body.lines[0]).toMatchObject({ unitPriceFen: 10_000, priceBasis: 'list' });
    // Storefronts heard both.
    const about = (type: string) => heard.find((e) => e.type === type && e.data.promotionId === ten.body.id);
    await waitFor('the promotion\'s events', async () => Boolean(about('sales.promotion.approved') && about('sales.promotion.ended')));
    expect(about('sales.promotion.approved')!.data).toMatchObject({ code: ten.body.code, startsOn: '2026-12-10', endsOn: '2026-12-12', lines: [{ sku, promoPriceFen: 9_000 }] });
    expect(about('sales.promotion.ended')!.data).toMatchObject({ outcome: 'ended', endedOn: '2026-12-11' });
    const listed = await p.call('sales_manager', 'GET', `/sales/promotions?sku=${sku}&status=ended`);
    expect(listed.body.items.map((x: { id: string }) => x.id)).toEqual([ten.body.id]);
  });

  it('honours a price hold on or before its date, applies the current price after it, and honours it again after a manager re-approves it', async () => {
    today = '2026-12-05';
    const sku = await aSkuWithStock(p, 100, 10_000);
    const customer = await aCustomer(p);
    const other = await aCustomer(p);
    const record = () => p.call('sales_rep', 'POST', '/sales/price-holds', { customerId: customer.id, lines: [{ sku, agreedUnitPriceFen: 10_000 }], holdUntil: '2026-12-08', depositFen: 500_000, depositReference: 'RC-2026-000123' });
    const first = await record();
    expect(first).toMatchObject({ status: 201, body: { status: 'active', number: expect.stringMatching(/^PH-2026-\d{6}$/), holdUntil: '2026-12-08', lines: [{ sku, agreedUnitPriceFen: 10_000, listPriceFen: 10_000 }] } });
    const second = await record();
    expect((await p.call('sales_rep', 'POST', '/sales/price-holds', { customerId: customer.id, lines: [{ sku, agreedUnitPriceFen: 1 }], holdUntil: '2026-12-01', depositFen: 1, depositReference: 'x' })).status).toBe(400);

    // The price goes up.
    await aPriceList(p, [{ sku, listPriceFen: 12_000 }]);

    // On its date: the agreed price; the order uses the hold up.
    today = '2026-12-08';
    expect((await order(other.id, [{ sku, quantity: 1 }], { priceHoldId: first.body.id }))).toMatchObject({ status: 422, body: { type: expect.stringContaining('price-hold-other-customer') } });
    const held = await order(customer.id, [{ sku, quantity: 2 }], { priceHoldId: first.body.id });
    expect(held).toMatchObject({ status: 201, body: { status: 'approved', totalFen: 20_000, lines: [{ unitPriceFen: 10_000, listPriceFen: 12_000, priceBasis: 'price_hold', priceHoldId: first.body.id, priceNote: expect.stringContaining('held until 2026-12-08') }] } });
    expect((await p.read(`/sales/price-holds/${first.body.id}`)).body).toMatchObject({ status: 'used', usedByOrderId: held.body.id, usedByOrderNumber: held.body.number });
    expect(await order(customer.id, [{ sku, quantity: 1 }], { priceHoldId: first.body.id })).toMatchObject({ status: 409, body: { type: expect.stringContaining('price-hold-used') } });

    // After its date: the current price, and the line says why; the hold is not used up.
    today = '2026-12-09';
    const late = await order(customer.id, [{ sku, quantity: 1 }], { priceHoldId: second.body.id });
    expect(late).toMatchObject({ status: 201, body: { totalFen: 12_000, lines: [{ unitPriceFen: 12_000, priceBasis: 'list', priceHoldId: second.body.id, priceNote: expect.stringContaining('expired on 2026-12-08') }] } });
    expect((await p.read(`/sales/price-holds/${second.body.id}`)).body).toMatchObject({ status: 'expired', usedByOrderId: null });
    expect((await p.call('sales_manager', 'GET', `/sales/price-holds?customerId=${customer.id}&status=expired`)).body.items.map((h: { id: string }) => h.id)).toEqual([second.body.id]);

    // Re-approval: not by a rep, not into the past; a sales manager moves the date and the old price holds again.
    const reapprove = (role: string, holdUntil: string) => p.call(role, 'POST', `/sales/price-holds/${second.body.id}/reapprove`, { holdUntil, reason: 'Signing delayed by the customer' });
    expect((await reapprove('sales_rep', '2026-12-15')).status).toBe(403);
    expect((await reapprove('sales_manager', '2026-12-08')).status).toBe(400);
    const again = await reapprove('sales_manager', '2026-12-15');
    expect(again).toMatchObject({ status: 200, body: { status: 'active', holdUntil: '2026-12-15', reapprovals: [{ previousHoldUntil: '2026-12-08', holdUntil: '2026-12-15', reason: 'Signing delayed by the customer', by: expect.any(String) }] } });
    const honoured = await order(customer.id, [{ sku, quantity: 1 }], { priceHoldId: second.body.id });
    expect(honoured).toMatchObject({ status: 201, body: { totalFen: 10_000, lines: [{ unitPriceFen: 10_000, priceBasis: 'price_hold', priceHoldId: second.body.id }] } });
    expect((await p.read(`/sales/price-holds/${second.body.id}`)).body.status).toBe('used');
  });
});

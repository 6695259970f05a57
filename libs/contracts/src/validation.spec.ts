import { PlaceOrderRequest } from './sales/requests.js';
import { validateAs } from './validation.js';

describe('validating a command', () => {
  it('names every bad field by its path, nested ones included', () => {
    const result = validateAs(PlaceOrderRequest, { customerId: 'x', paymentTerms: 'prepaid', lines: [{ sku: 'A', quantity: -1, unitPriceFen: 1 }], extra: 1 }, { forbidUnknown: true });
    expect(result.ok).toBe(false);
    const fields = !result.ok ? [...new Set(result.errors.map((e) => e.field))] : [];
    expect(fields).toEqual(expect.arrayContaining(['customerId', 'shipTo', 'shippingMethod', 'requestedDate', 'lines[0].quantity', 'extra']));
  });

  it('refuses a body that is not an object', () => {
    expect(validateAs(PlaceOrderRequest, [1, 2])).toEqual({ ok: false, errors: [{ field: '(body)', message: 'must be a JSON object' }] });
  });
});

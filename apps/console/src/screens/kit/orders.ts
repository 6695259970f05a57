import { answer, api } from '../../api/client';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * People know order numbers (SO-2026-000123); the lists filter by order id. Looks the number up in sales'
 * orders list; an id pasted as it is is taken as it is. Undefined when no order has that number.
 */
export async function orderIdOf(typed: string): Promise<string | undefined> {
  const text = typed.trim();
  if (UUID.test(text)) return text;
  const found = await answer(api.GET('/api/v1/sales/orders', { params: { query: { number: text.toUpperCase(), pageSize: 1 } } }));
  return found.items[0]?.id;
}

export const isId = (text: string) => UUID.test(text.trim());

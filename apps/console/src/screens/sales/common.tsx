import { useQuery } from '@tanstack/react-query';
import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { answer, api } from '../../api/client';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { yuanToFen } from '../../lib/money';

export { Person } from '../kit/people';

/** The customers by id (code and name), for lists that carry only a customer id. */
export function useCustomerNames() {
  const session = useSession();
  const customers = useQuery({
    queryKey: ['sales-customer-names'],
    enabled: session.may('GET /api/v1/sales/customers'),
    staleTime: 60_000,
    queryFn: () => answer(api.GET('/api/v1/sales/customers', { params: { query: { pageSize: 200 } } })),
  });
  const items = customers.data?.items ?? [];
  const byId = new Map(items.map((c) => [c.id, c]));
  return {
    name: (id: string) => {
      const c = byId.get(id);
      return c ? `${c.code} ${c.name}` : id.slice(0, 8);
    },
    options: items.map((c) => ({ value: c.id, label: `${c.code} ${c.name}` })),
  };
}

/** A form rule: the text is an amount in yuan (or empty, when another rule asks for it). */
export function useYuanRule() {
  const { t } = useI18n();
  return {
    validator: async (_: unknown, value?: string) => {
      if (value && (yuanToFen(value) === null || yuanToFen(value)! < 0)) throw new Error(t('newOrder.notAnAmount'));
    },
  };
}

/** Fen as the yuan text a person edits: 5000000 → "50000.00". */
export const fenToYuanText = (fen: number) => (fen / 100).toFixed(2);

/** A date picker holding the API's YYYY-MM-DD text as the form value. */
export function DateText({ value, onChange, id, ...rest }: { value?: string; onChange?: (value: string | undefined) => void; id?: string; 'aria-label'?: string }) {
  return (
    <DatePicker
      id={id}
      style={{ width: '100%' }}
      value={value ? dayjs(value) : null}
      onChange={(d) => onChange?.(d ? d.format('YYYY-MM-DD') : undefined)}
      {...rest}
    />
  );
}

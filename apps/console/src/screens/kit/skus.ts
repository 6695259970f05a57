import { useQuery } from '@tanstack/react-query';
import { answer, api } from '../../api/client';
import { useSession } from '../../auth/Session';

/**
 * The SKU catalogue as pickers and lists need it, read once for every screen (a few minutes fresh): the
 * options of a SKU picker and a code's name. Empty for a role that may not list SKUs (they type the code).
 */
export function useSkus() {
  const session = useSession();
  const allowed = session.may('GET /api/v1/inventory/skus');
  const skus = useQuery({
    queryKey: ['skus'],
    enabled: allowed,
    staleTime: 60_000,
    queryFn: () => answer(api.GET('/api/v1/inventory/skus', { params: { query: { pageSize: 200 } } })),
  });
  const items = skus.data?.items ?? [];
  const names = new Map(items.map((s) => [s.code, s.name]));
  return {
    allowed,
    loading: skus.isLoading,
    options: items.map((s) => ({ value: s.code, label: `${s.code} ${s.name}` })),
    nameOf: (code: string) => names.get(code),
  };
}

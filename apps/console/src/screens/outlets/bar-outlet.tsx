import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { answer, api } from '../../api/client';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';

const KEY = 'ops-console-outlet';

/** The outlet a person works at (its code), remembered in this browser: the till, the bar board and the handover screen share it. */
export function useOutletCode(): [string, (code: string) => void] {
  const [code, setCode] = useState(() => localStorage.getItem(KEY) ?? '');
  return [code, (next: string) => {
    const clean = next.trim().toUpperCase();
    setCode(clean);
    if (clean) localStorage.setItem(KEY, clean);
    else localStorage.removeItem(KEY);
  }];
}

/** Picks the outlet among those the API lists (only bars for the bar board). */
export function OutletCodeInput({ code, onChange, kind }: { code: string; onChange: (code: string) => void; kind?: 'bar' | 'store' }) {
  const { t } = useI18n();
  const session = useSession();
  const outlets = useQuery({
    queryKey: ['outlets', kind ?? 'any'],
    enabled: session.may('GET /api/v1/sales/outlets'),
    queryFn: () => answer(api.GET('/api/v1/sales/outlets', { params: { query: { pageSize: 200, ...(kind ? { kind } : {}) } } })),
  });
  const listed = outlets.data?.items;
  // Someone on the staff of one outlet only works there: chosen at once.
  useEffect(() => { if (!code && listed?.length === 1) onChange(listed[0].code); }, [code, listed, onChange]);
  return (
    <Select
      aria-label={t('bar.outlet')} placeholder={t('bar.outlet')} style={{ width: 280 }} value={code || undefined} loading={outlets.isLoading} showSearch data-testid="outlet-code"
      options={(outlets.data?.items ?? []).map((o) => ({ value: o.code, label: `${o.code} · ${o.name}` }))} onChange={(value: string) => onChange(value)}
    />
  );
}

import { useQuery } from '@tanstack/react-query';
import { Typography } from 'antd';
import { answer, api } from '../../api/client';
import type { components } from '../../api/schema';
import { useSession } from '../../auth/Session';
import { useI18n } from '../../i18n/I18n';
import { shortId } from './links';

export type PersonEntry = components['schemas']['PersonView'];

/**
 * The company's people (GET /identity/people, open to everyone signed in), read once every few minutes: the
 * documents name people by user id, the screens show their names.
 */
export function usePeople(): { people: PersonEntry[]; nameOf: (userId: string | null | undefined) => string } {
  const { t } = useI18n();
  const session = useSession();
  const directory = useQuery({
    queryKey: ['people'],
    staleTime: 5 * 60_000,
    queryFn: async () => {
      const all: PersonEntry[] = [];
      for (let page = 1; ; page++) {
        const batch = await answer(api.GET('/api/v1/identity/people', { params: { query: { page, pageSize: 200 } } }));
        all.push(...batch.items);
        if (batch.items.length < 200 || all.length >= batch.total) return all;
      }
    },
  });
  const people = directory.data ?? [];
  const byId = new Map(people.map((p) => [p.id, p]));
  return {
    people,
    nameOf: (userId) => {
      if (!userId) return '—';
      const person = byId.get(userId);
      if (person) return userId === session.userId ? `${person.displayName} (${t('common.me')})` : person.displayName;
      return shortId(userId);
    },
  };
}

/** A person named by user id, their username and id on hover. */
export function Person({ id }: { id: string | null | undefined }) {
  const { nameOf, people } = usePeople();
  if (!id) return <>—</>;
  const username = people.find((p) => p.id === id)?.username;
  return <Typography.Text title={username ? `${username} · ${id}` : id}>{nameOf(id)}</Typography.Text>;
}

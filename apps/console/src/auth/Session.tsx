import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useEffect, useState, type ReactNode } from 'react';
import { answer, api, currentAccessToken, hasAccessToken, setAccessToken } from '../api/client';
import { followChanges } from '../lib/changes';
import { navigationFor, permissionsFrom, may, type NavItem, type Operation, type Permissions } from '../lib/permissions';

export interface Session {
  userId: string;
  displayName: string;
  roles: string[];
  navigation: NavItem[];
  may(operation: Operation): boolean;
  signOut(): Promise<void>;
}

const Context = createContext<Session | null>(null);

/** The permission data of the deployed gateway (its OpenAPI document, public), read once. */
function usePermissions() {
  return useQuery({
    queryKey: ['permissions'],
    staleTime: Infinity,
    queryFn: async (): Promise<Permissions> => permissionsFrom(await (await fetch('/api/docs-json')).json()),
  });
}

/** Renders `children` for a signed-in person, `signedOut` (the sign-in page) otherwise. */
export function SessionProvider({ signedOut, children }: { signedOut: (onSignedIn: () => void) => ReactNode; children: ReactNode }) {
  const client = useQueryClient();
  // Each sign-in is a new generation, so a fresh token is asked who it is even after a failed answer.
  const [generation, setGeneration] = useState(hasAccessToken() ? 1 : 0);
  const signedIn = generation > 0 && hasAccessToken();
  const permissions = usePermissions();
  const me = useQuery({ queryKey: ['me', generation], enabled: signedIn, retry: false, queryFn: () => answer(api.GET('/api/v1/auth/me')) });
  useLiveChanges(signedIn && !!me.data);
  if (!signedIn || me.isError) return <>{signedOut(() => setGeneration((g) => g + 1))}</>;
  if (!me.data || !permissions.data) return null;
  const roles = me.data.roles;
  const session: Session = {
    userId: me.data.userId,
    displayName: me.data.displayName ?? me.data.userId,
    roles,
    navigation: navigationFor(permissions.data, roles),
    may: (operation) => may(permissions.data, roles, operation),
    signOut: async () => {
      await api.POST('/api/v1/auth/logout').catch(() => undefined);
      setAccessToken(null);
      client.clear();
      setGeneration(0);
    },
  };
  return <Context.Provider value={session}>{children}</Context.Provider>;
}

/**
 * While someone is signed in, follows the API's change notices and has every screen on show read its data
 * again (at most a few times a second): what others do appears without a refresh.
 */
function useLiveChanges(active: boolean): void {
  const client = useQueryClient();
  useEffect(() => {
    if (!active) return;
    const stop = new AbortController();
    let pending: ReturnType<typeof setTimeout> | undefined;
    void followChanges(currentAccessToken, () => {
      pending ??= setTimeout(() => {
        pending = undefined;
        void client.invalidateQueries({ predicate: (query) => query.queryKey[0] !== 'permissions' && query.queryKey[0] !== 'me' });
      }, 250);
    }, stop.signal);
    return () => {
      stop.abort();
      clearTimeout(pending);
    };
  }, [active, client]);
}

export function useSession(): Session {
  const session = useContext(Context);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

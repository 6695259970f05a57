import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useContext, useState, type ReactNode } from 'react';
import { answer, api, hasAccessToken, setAccessToken } from '../api/client';
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

export function useSession(): Session {
  const session = useContext(Context);
  if (!session) throw new Error('useSession outside a signed-in session');
  return session;
}

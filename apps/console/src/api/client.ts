import createClient, { type Middleware } from 'openapi-fetch';
import { ApiProblem, isProblem } from '../lib/problem';
import type { paths } from './schema';

/**
 * The typed API client, generated from the gateway's OpenAPI document (docs/openapi.json → schema.d.ts): a
 * change of the contract breaks this console's type check, not its users. Every non-2xx answer becomes an
 * ApiProblem carrying the problem+json the gateway sent.
 */
let accessToken: string | null = sessionStorage.getItem('ops-console-token');

export function setAccessToken(token: string | null): void {
  accessToken = token;
  if (token) sessionStorage.setItem('ops-console-token', token);
  else sessionStorage.removeItem('ops-console-token');
}
export const hasAccessToken = () => accessToken !== null;
export const currentAccessToken = () => accessToken;

const auth: Middleware = {
  onRequest({ request }) {
    if (accessToken) request.headers.set('Authorization', `Bearer ${accessToken}`);
    return request;
  },
};

export const api = createClient<paths>({ baseUrl: window.location.origin });
api.use(auth);

/** Unwraps an openapi-fetch answer: the data, or throws the problem (a 401 also forgets the token). */
export async function answer<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (response.ok) return data as T;
  if (response.status === 401) setAccessToken(null);
  throw new ApiProblem(isProblem(error) ? error : { type: 'about:blank', title: response.statusText || 'Request failed', status: response.status });
}

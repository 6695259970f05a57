import { ApiProblem, isProblem } from './problem';

/**
 * Downloads a list as CSV the way the API offers it to every frontend: the list's own URL and filters with
 * `Accept: text/csv`. The file name is the one the gateway gives in Content-Disposition.
 */
export async function downloadCsv(path: string, query: Record<string, string | number | undefined>, token: string | null): Promise<void> {
  const search = new URLSearchParams(Object.entries(query).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
  const res = await fetch(`${path}?${search}`, { headers: { accept: 'text/csv', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
  if (!res.ok) {
    const body = await res.json().catch(() => undefined);
    throw new ApiProblem(isProblem(body) ? body : { type: 'about:blank', title: res.statusText, status: res.status });
  }
  const name = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '')?.[1] ?? 'export.csv';
  const url = URL.createObjectURL(await res.blob());
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

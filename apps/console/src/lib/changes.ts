/** A change notice from GET /api/v1/changes: something moved to a new state (read it again to see what). */
export interface ChangeNotice {
  service: string;
  aggregate: string;
  id: string;
  to: string;
  at: string;
}

/**
 * Reads a server-sent event stream's `change` events from text chunks as they arrive. Returns the notices of
 * the complete events so far and keeps the rest for the next chunk.
 */
export function changeReader(): (chunk: string) => ChangeNotice[] {
  let buffer = '';
  return (chunk) => {
    buffer += chunk.replace(/\r\n/g, '\n');
    const notices: ChangeNotice[] = [];
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const lines = block.split('\n');
      if (!lines.includes('event: change')) continue;
      const data = lines.filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trimStart()).join('\n');
      try {
        notices.push(JSON.parse(data) as ChangeNotice);
      } catch {
        // a malformed event is skipped; the next ones still count
      }
    }
    return notices;
  };
}

/**
 * Follows the change notices while `signal` is not aborted, reconnecting after a pause when the stream drops.
 * Uses fetch rather than EventSource, which cannot send the Authorization header.
 */
export async function followChanges(token: () => string | null, onNotices: (notices: ChangeNotice[]) => void, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
    try {
      const access = token();
      const res = await fetch('/api/v1/changes', { headers: access ? { authorization: `Bearer ${access}` } : {}, signal });
      if (res.ok && res.body) {
        const read = changeReader();
        const decoder = new TextDecoder();
        const stream = res.body.getReader();
        for (;;) {
          const { done, value } = await stream.read();
          if (done) break;
          const notices = read(decoder.decode(value, { stream: true }));
          if (notices.length) onNotices(notices);
        }
      }
    } catch {
      // dropped or aborted: try again below unless we were told to stop
    }
    if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 2_000));
  }
}

// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { changeReader } from './changes';

describe('reading change notices from server-sent events', () => {
  it('reads events split across chunks, skips comments and other events', () => {
    const read = changeReader();
    const notice = { service: 'sales', aggregate: 'order', id: 'o-1', to: 'shipped', at: '2026-11-30T10:00:00Z' };
    expect(read(': connected\n\n')).toEqual([]);
    expect(read(`event: change\ndata: ${JSON.stringify(notice).slice(0, 20)}`)).toEqual([]);
    expect(read(`${JSON.stringify(notice).slice(20)}\n\n: keep-alive\n\nevent: other\ndata: {}\n\n`)).toEqual([notice]);
    expect(read('event: change\r\ndata: {"id":"o-2"}\r\n\r\nevent: change\ndata: not json\n\n')).toEqual([{ id: 'o-2' }]);
  });
});

import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { pinoHttp, type Options } from 'pino-http';
import { loggerParams } from './logging.js';

/** The request line every service logs: what was asked, never the caller's credentials. */
describe('request logging', () => {
  let server: Server;
  const lines: Array<Record<string, any>> = [];

  beforeAll(async () => {
    const sink = new Writable({ write: (chunk, _encoding, done) => { lines.push(JSON.parse(String(chunk))); done(); } });
    const log = pinoHttp(loggerParams('logging-spec', 'info').pinoHttp as Options, sink);
    server = createServer((req, res) => log(req, res, () => res.end('ok')));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('logs the method, the path and the request id, and no header: no token or cookie reaches a log', async () => {
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve, reject) => {
      request({ host: '127.0.0.1', port, path: '/sales/orders?status=placed', headers: { authorization: 'Bearer secret-token', cookie: 'session=secret-cookie' } }, (res) => res.resume().on('end', resolve)).on('error', reject).end();
    });
    const line = lines.find((l) => l.msg === 'request completed');
    expect(line).toBeDefined();
    expect(line!.req).toEqual({ id: expect.anything(), method: 'GET', url: '/sales/orders?status=placed', remoteAddress: '127.0.0.1' });
    expect(line!.service).toBe('logging-spec');
    expect(JSON.stringify(lines)).not.toMatch(/secret-(token|cookie)|authorization|cookie/i);
  });
});

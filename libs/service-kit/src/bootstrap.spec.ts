import Fastify from 'fastify';
import { frameworkError, installProblemEdges } from './bootstrap.js';

/** The errors Fastify gives before any route runs are problem+json too. */
describe('problem+json at the edge of every process', () => {
  const app = () => {
    const fastify = Fastify({ bodyLimit: 1_000, routerOptions: { maxParamLength: 100 }, return503OnClosing: false, frameworkErrors: frameworkError });
    const edges = installProblemEdges(fastify, 1_000);
    fastify.get('/things/:id', async () => ({ ok: true }));
    fastify.post('/things', async () => ({ ok: true }));
    return { fastify, edges };
  };

  it('answers a request arriving while the instance shuts down with 503 and Retry-After', async () => {
    const { fastify, edges } = app();
    expect((await fastify.inject({ method: 'GET', url: '/things/1' })).statusCode).toBe(200);
    edges.shuttingDown();
    const res = await fastify.inject({ method: 'GET', url: '/things/1' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.headers['retry-after']).toBe('1');
    expect(res.json()).toMatchObject({ status: 503, type: expect.stringContaining('shutting-down') });
    await fastify.close();
  });

  it('answers a body declared over the limit with 413, and a too long or malformed URL with 414 or 400', async () => {
    const { fastify } = app();
    const big = await fastify.inject({ method: 'POST', url: '/things', headers: { 'content-type': 'application/json' }, payload: JSON.stringify({ x: 'y'.repeat(2_000) }) });
    expect({ status: big.statusCode, type: big.headers['content-type'] }).toEqual({ status: 413, type: expect.stringContaining('application/problem+json') });
    const long = await fastify.inject({ method: 'GET', url: `/things/${'a'.repeat(500)}` });
    expect({ status: long.statusCode, type: long.headers['content-type'], body: long.json() }).toEqual({ status: 414, type: expect.stringContaining('application/problem+json'), body: expect.objectContaining({ status: 414 }) });
    const bad = await fastify.inject({ method: 'GET', url: '/things/%zz' });
    expect({ status: bad.statusCode, type: bad.headers['content-type'] }).toEqual({ status: 400, type: expect.stringContaining('application/problem+json') });
    await fastify.close();
  });
});

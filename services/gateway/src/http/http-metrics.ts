import type { FastifyInstance } from 'fastify';
import { Histogram, type Registry } from 'prom-client';

/** Seconds; long polls (waitSeconds ≤ 25) land in the last buckets. */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * `http_server_request_duration_seconds{method, route, status}` for every answer the gateway gives,
 * errors included (problem+json from a handler, a hook's 413 or 503, a 404): `route` is the route's
 * template (`/api/v1/sales/orders/:id`), never the URL, so the series stay few; a URL no route matched
 * is `unmatched`. Measured from the request's arrival to the last byte of the answer.
 */
export function installHttpMetrics(fastify: FastifyInstance, registry: Registry): Histogram<'method' | 'route' | 'status'> {
  const duration = new Histogram<'method' | 'route' | 'status'>({
    name: 'http_server_request_duration_seconds',
    help: 'Gateway HTTP requests from arrival to the last byte of the answer, by method, route template and status',
    labelNames: ['method', 'route', 'status'],
    buckets: BUCKETS,
    registers: [registry],
  });
  fastify.addHook('onResponse', (request, reply, done) => {
    duration.observe({ method: request.method, route: request.routeOptions?.url ?? 'unmatched', status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    done();
  });
  return duration;
}

import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import { asyncApiDocument, ChangeNotice } from '@ops/contracts';
import { METRICS_REGISTRY, startApp, type RunningApp } from '@ops/service-kit';
import helmet from 'helmet';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Registry } from 'prom-client';
import { loadGatewayConfig, type GatewayConfig } from './config.js';
import { gatewayControllers, GatewayModule } from './gateway.module.js';
import { installHttpMetrics } from './http/http-metrics.js';
import { OperationRoute, routeProblems } from './http/operation-routes.js';
import { ProblemDoc } from './http/problem.js';

export { gatewayControllers, GatewayModule, loadGatewayConfig, OperationRoute, routeProblems, type GatewayConfig };

export const API_PREFIX = 'api/v1';

/** Where the event contract is served: beside the OpenAPI JSON, and public like it. */
export const ASYNCAPI_PATH = '/api/asyncapi.json';

export function buildOpenApi(app: NestFastifyApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Operations platform API')
    .setVersion('1')
    .setDescription(
      'One API for every frontend: sales (customers, orders), finance (receipts, invoices), inventory (SKUs, stock, ' +
        'shipments) and security (incidents, gate). Money is integer fen (1 CNY = 100 fen). Errors are ' +
        '`application/problem+json`. Creating requests accept an `Idempotency-Key` header.\n\n' +
        '**Signing in:** `POST /api/v1/auth/login` answers an access token; send it as `Authorization: Bearer …`. ' +
        'Each operation lists the roles that may call it under `x-permission`; others get 403.\n\n' +
        '**Main flow:** register a customer and a SKU, receive stock, record an order (`POST /api/v1/sales/orders`), ' +
        'wait until it is `awaiting_payment`, record the payment (`POST /api/v1/finance/receipts`), wait until the order is ' +
        '`ready_to_ship`, ship it (`POST /api/v1/inventory/shipments`); the order becomes `shipped`, finance lists an ' +
        'invoice and security an expected exit. Services react to each other by events, so poll the order for its status.\n\n' +
        `**Events for other systems:** the domain events on NATS JetStream are described as AsyncAPI 3.0 at \`${ASYNCAPI_PATH}\` ` +
        '(subjects, envelope, payload schemas, versions); how to consume them is in docs/consuming-events.md.',
    )
    .addServer('/')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The accessToken from POST /api/v1/auth/login' })
    .build();
  // Tags come from the catalogue (`tag`, else the owner), not from the controllers' class names.
  return SwaggerModule.createDocument(app, config, { extraModels: [ProblemDoc, ChangeNotice], autoTagControllers: false });
}

/** Serves the AsyncAPI 3.0 document of every domain event (libs/contracts/src/asyncapi.ts), with this deployment's subject prefix. */
export function serveAsyncApi(app: NestFastifyApplication, subjectPrefix: string): void {
  const body = JSON.stringify(asyncApiDocument({ subjectPrefix }));
  app.getHttpAdapter().getInstance().get(ASYNCAPI_PATH, async (_request, reply) => reply.type('application/json; charset=utf-8').send(body));
}

/**
 * The web console (apps/console, built into static files) at `/`: one route per file, so every other path still
 * gets the API's problem+json 404. It calls the API like any other frontend and adds no route of its own.
 */
export async function serveConsole(app: NestFastifyApplication, dir: string): Promise<void> {
  if (!existsSync(join(dir, 'index.html'))) return;
  await app.register(fastifyStatic, { root: dir, prefix: '/', wildcard: false, index: 'index.html', cacheControl: false, setHeaders: (res, path) => {
    // Hashed assets never change; the page itself is always asked again, so a new build is seen at once.
    res.header('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
  } });
}

export function startGateway(config: GatewayConfig = loadGatewayConfig()): Promise<RunningApp> {
  return startApp(GatewayModule.forRoot(config), config.httpHost, config.httpPort, {
    bodyLimitBytes: config.bodyLimitBytes,
    trustedProxies: config.trustedProxies,
    configure: async (app) => {
      installHttpMetrics(app.getHttpAdapter().getInstance(), app.get<symbol, Registry>(METRICS_REGISTRY));
      // Security headers; the CSP still lets the docs page run its own scripts and styles. Helmet's middleware is
      // built once here: the Fastify plugin built it again on every request (2 % of the gateway's profile).
      const securityHeaders = helmet({
        contentSecurityPolicy: { directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'] } },
      });
      app.getHttpAdapter().getInstance().addHook('onRequest', (request, reply, next) => securityHeaders(request.raw, reply.raw, (error?: unknown) => next(error as Error | undefined)));
      app.enableCors({ origin: config.corsOrigins.length ? config.corsOrigins : false, methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'], allowedHeaders: ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Request-Id', 'traceparent'] });
      app.setGlobalPrefix(API_PREFIX, { exclude: ['health', 'health/live', 'health/ready', 'metrics'] });
      // Built on the first request for the docs, not at start: the document and the garbage of building it held
      // about 80 MB of a gateway at rest that no one may ever ask for its documentation.
      SwaggerModule.setup('api/docs', app, () => buildOpenApi(app), { jsonDocumentUrl: 'api/docs-json' });
      serveAsyncApi(app, config.subjectPrefix);
      await serveConsole(app, config.consoleDir);
    },
  });
}
export { closeOnSignals } from '@ops/service-kit';

import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { ASYNCAPI_PATH, serveAsyncApi } from './index.js';

@Module({})
class NoRoutes {}

describe('the event contract route', () => {
  it(`serves the AsyncAPI document at ${ASYNCAPI_PATH} without sign-in, with the deployment's subject prefix`, async () => {
    const app = await NestFactory.create<NestFastifyApplication>(NoRoutes, new FastifyAdapter(), { logger: false });
    try {
      serveAsyncApi(app, 'acme');
      await app.init();
      await app.getHttpAdapter().getInstance().ready();
      const response = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: ASYNCAPI_PATH });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toContain('application/json');
      const document = response.json();
      expect(document.asyncapi).toBe('3.0.0');
      expect(document.channels['sales.order.placed.v1']).toMatchObject({ address: 'acme.sales.order.placed.v1', 'x-stream': 'ACME_SALES' });
    } finally {
      await app.close();
    }
  });
});

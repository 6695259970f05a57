import type { Operation } from '@ops/contracts';
import { IsString } from 'class-validator';
import { bodiesServicesValidate, GatewayValidationPipe } from './validation.pipe.js';

class ForwardedBody {
  @IsString() name!: string;
}
class SharedBody {
  @IsString() name!: string;
}
class QueryOfAList {
  @IsString() search!: string;
}

const op = (path: string, method: 'GET' | 'POST', request: unknown, servedBy?: 'gateway') => ({ owner: 'sales', name: path, http: { method, path }, request, servedBy }) as unknown as Operation;

describe('the gateway validation pipe', () => {
  const operations = [
    op('sales/things', 'POST', ForwardedBody),
    op('sales/shared', 'POST', SharedBody),
    op('auth/shared', 'POST', SharedBody, 'gateway'),
    op('sales/things', 'GET', QueryOfAList),
  ];
  const pipe = new GatewayValidationPipe(bodiesServicesValidate(operations), { whitelist: true, forbidNonWhitelisted: true, transform: true });

  it('leaves to the service a body only forwarded to it, and validates a body a gateway route also takes, and queries', () => {
    expect([...bodiesServicesValidate(operations)]).toEqual([ForwardedBody]);
  });

  it('passes a forwarded body on untouched, however bad, and refuses the others', async () => {
    const bad = { name: 42, extra: true };
    await expect(pipe.transform(bad, { type: 'body', metatype: ForwardedBody })).resolves.toBe(bad);
    await expect(pipe.transform(bad, { type: 'body', metatype: SharedBody })).rejects.toThrow();
    await expect(pipe.transform({ search: 1 }, { type: 'query', metatype: QueryOfAList })).rejects.toThrow();
    await expect(pipe.transform({ search: 'tea' }, { type: 'query', metatype: QueryOfAList })).resolves.toBeInstanceOf(QueryOfAList);
  });
});

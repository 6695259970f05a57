import fc from 'fast-check';
import { withClient } from '@ops/persistence';
import { http, TestPlatform } from './platform.js';

type Schema = { $ref?: string; type?: string; properties?: Record<string, Schema>; required?: string[]; items?: Schema; example?: unknown; enum?: unknown[]; allOf?: Schema[]; minimum?: number; format?: string };
type Route = { method: string; path: string; body?: Schema; role: string };
type Field = { path: Array<string | number>; schema: Schema; required: boolean };

const BODIES_PER_ROUTE = Number(process.env.FUZZ_BODIES_PER_ROUTE ?? 200);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);
const SOME_ID = '0193a5b2-7c1e-7d3a-9f00-1a2b3c4d5e6f';
const ODD_PARAMETERS = ['%00', '%0A', '..%2F..%2Fetc%2Fpasswd', 'a'.repeat(300), '%F0%9F%92%A9', "1'%20OR%20'1'%3D'1", '-1', '1e309', '%25', '%E4%B8%AD%E6%96%87'];

/**
 * A few hundred malformed bodies for every body-taking route of the OpenAPI document, and odd path
 * parameters for every route that has them: none may answer 5xx, every error is problem+json, and not a
 * row is written anywhere (the audit trail, which records refusals, aside).
 */
describe('fuzzing every route from the OpenAPI document', () => {
  let p: TestPlatform;
  let routes: Route[];
  let schemas: Record<string, Schema>;

  beforeAll(async () => {
    p = await TestPlatform.start();
    const doc = (await http('GET', `${p.gateway.url}/api/docs-json`)).body;
    schemas = doc.components.schemas;
    routes = Object.entries(doc.paths as Record<string, Record<string, any>>).flatMap(([path, methods]) => Object.entries(methods).flatMap(([method, op]) => {
      const permission = op['x-permission'];
      if (!permission) return [];
      const role = (permission.roles as string[]).find((r) => r !== 'auditor') ?? permission.roles[0];
      return [{ method: method.toUpperCase(), path: path.replace('/api/v1', ''), body: op.requestBody?.content?.['application/json']?.schema, role }];
    }));
    // Every role signs in before the counts are taken: a sign-in opens a session.
    for (const role of new Set(routes.map((r) => r.role))) await p.token(role);
  }, 120_000);
  afterAll(() => p?.close());

  const rowCounts = () => withClient(p.env.databaseUrl, async (c) => {
    // job_slots is written by the calendar (a business day beginning mid-run), not by any request.
    const tables = (await c.query(`SELECT schemaname, relname FROM pg_stat_user_tables WHERE schemaname IN ('sales', 'finance', 'inventory', 'security', 'identity') AND relname NOT IN ('audit_log', 'job_slots')`)).rows;
    const counts: Record<string, number> = {};
    for (const t of tables) counts[`${t.schemaname}.${t.relname}`] = Number((await c.query(`SELECT count(*) AS n FROM "${t.schemaname}"."${t.relname}"`)).rows[0].n);
    return counts;
  });

  const resolve = (schema: Schema): Schema => {
    if (schema.$ref) return resolve(schemas[schema.$ref.split('/').pop()!]);
    if (schema.allOf?.[0]) return resolve(schema.allOf[0]);
    return schema;
  };

  /** A body every field of which holds its documented example: the starting point of each mutation. */
  const exampleOf = (raw: Schema): unknown => {
    const schema = resolve(raw);
    if (schema.example !== undefined) return schema.example;
    if (schema.enum) return schema.enum[0];
    if (schema.type === 'array' || schema.items) return [exampleOf(schema.items ?? {})];
    if (schema.properties) return Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, exampleOf(v)]));
    if (schema.type === 'integer' || schema.type === 'number') return schema.minimum ?? 1;
    if (schema.type === 'boolean') return true;
    return 'x';
  };

  /** Every field of a body, nested ones and the first item of arrays included, with whether it is required. */
  const fieldsOf = (raw: Schema, path: Array<string | number> = []): Field[] => {
    const schema = resolve(raw);
    if (schema.properties) {
      return Object.entries(schema.properties).flatMap(([name, sub]) => {
        const here = { path: [...path, name], schema: resolve(sub), required: schema.required?.includes(name) ?? false };
        const inner = resolve(sub);
        const nested = inner.properties ? fieldsOf(inner, [...path, name]) : inner.items && resolve(inner.items).properties ? fieldsOf(inner.items, [...path, name, 0]) : [];
        return [here, ...nested];
      });
    }
    return [];
  };

  const setAt = (body: any, path: Array<string | number>, value: unknown, remove = false) => {
    const copy = structuredClone(body);
    let target = copy;
    for (const step of path.slice(0, -1)) target = target[step];
    if (remove) delete target[path.at(-1)!];
    else target[path.at(-1)!] = value;
    return copy;
  };

  /** Values of the wrong kind for a field: each one invalid whatever the field allows. */
  const wrongValues = (field: Field): unknown[] => {
    const s = field.schema;
    const type = s.type ?? (s.properties ? 'object' : s.items ? 'array' : 'string');
    const byType: Record<string, unknown[]> = {
      string: [42, true, { a: 1 }, ['x'], 'a\u0000b', 'x\u0007y', 'y'.repeat(100_000), ''.padEnd(5, '\u001b')],
      integer: ['12', 1.5, true, [1], { n: 1 }, -1e15, 1e300 + 0.5, 'NaN'],
      number: ['12', true, [1], 'Infinity'],
      boolean: ['true', 1, [true]],
      array: ['x', { a: 1 }, 7, Array.from({ length: 10_001 }, () => exampleOf(s.items ?? {}))],
      object: ['x', [1], 7, { __unknown: 1 }],
    };
    const values = byType[type] ?? byType.string;
    if ((type === 'integer' || type === 'number') && typeof s.minimum === 'number') values.push(s.minimum - 1);
    if (s.enum) values.push('not-one-of-them');
    if (s.format === 'uuid') values.push('not-a-uuid');
    if (s.format === 'date-time' || s.format === 'date') values.push('2026-13-45');
    return values;
  };

  /** One malformed body (as the JSON text sent), and what makes it malformed. */
  const mutationOf = (route: Route) => {
    const valid = exampleOf(route.body!);
    const fields = fieldsOf(route.body!);
    const mutations: fc.Arbitrary<{ why: string; text: string }>[] = [
      fc.constantFrom('[1,2]', '"a string"', '42', 'null', '{"a":', '').map((text) => ({ why: 'not an object', text })),
      fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !fields.some((f) => f.path.length === 1 && f.path[0] === k)).map((k) => ({ why: `unknown field ${JSON.stringify(k)}`, text: JSON.stringify({ ...(valid as object), [k]: 'x' }) })),
      fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf').map((k) => ({ why: `prototype key ${k}`, text: JSON.stringify(valid).replace(/^\{/, `{"${k}":{"isAdmin":true,"polluted":1},`) })),
    ];
    const required = fields.filter((f) => f.required);
    if (required.length) mutations.push(fc.constantFrom(...required).map((f) => ({ why: `missing ${f.path.join('.')}`, text: JSON.stringify(setAt(valid, f.path, undefined, true)) })));
    if (fields.length) {
      mutations.push(fc.constantFrom(...fields).chain((f) => fc.constantFrom(...wrongValues(f)).map((value) => ({
        why: `${f.path.join('.')} = ${JSON.stringify(value)?.slice(0, 40)}`, text: JSON.stringify(setAt(valid, f.path, value)),
      }))));
    }
    return fc.oneof(...mutations);
  };

  const concretePath = (path: string) => path.replace(/\{sequence\}/g, '1').replace(/\{[A-Za-z]+\}/g, SOME_ID);

  async function pool<T>(items: T[], width: number, work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: width }, async () => {
      while (next < items.length) await work(items[next++]);
    }));
  }

  it(`answers ${BODIES_PER_ROUTE} malformed bodies per route and odd path parameters with 4xx problem+json, writing nothing`, async () => {
    const before = await rowCounts();
    const calls: Array<{ route: Route; path: string; text?: string; why: string }> = [];
    for (const route of routes) {
      if (route.body) {
        for (const m of fc.sample(mutationOf(route), { numRuns: BODIES_PER_ROUTE, seed: SEED })) calls.push({ route, path: concretePath(route.path), text: m.text, why: m.why });
      }
      if (/\{[A-Za-z]+\}/.test(route.path)) {
        for (const odd of ODD_PARAMETERS) calls.push({ route, path: route.path.replace(/\{[A-Za-z]+\}/, odd).replace(/\{sequence\}/g, '1').replace(/\{[A-Za-z]+\}/g, SOME_ID), why: `path parameter ${odd.slice(0, 30)}` });
      }
    }
    const bad: string[] = [];
    await pool(calls, 12, async ({ route, path, text, why }) => {
      const token = await p.token(route.role);
      const send = () => fetch(`${p.api}${path}`, {
        method: route.method, headers: { authorization: `Bearer ${token}`, ...(text !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: text !== undefined ? text : route.method === 'GET' ? undefined : '{}',
      }).then(async (r) => ({ status: r.status, type: r.headers.get('content-type') ?? '', body: await r.text() }), (error: Error) => ({ status: 0, type: '', body: error.message }));
      // A 504 says the service did not answer in time, not what it answered (on a loaded CI box the suites beside this
      // one can hold a service up for seconds): ask again for the answer, which must still be a 4xx problem.
      let res = await send();
      for (let retry = 0; res.status === 504 && retry < 2; retry++) res = await send();
      const problem = res.type.includes('application/problem+json') && /"status":\d{3}/.test(res.body);
      // 404 for a well-formed id nobody has is an answer too; anything 2xx means a malformed body was taken.
      if (res.status >= 500 || res.status < 400 || !problem) bad.push(`${route.method} ${path.slice(0, 80)} [${why}] → ${res.status} ${res.type} ${res.body.slice(0, 160)}`);
    });
    const after = await rowCounts();
    const written = Object.keys(after).filter((table) => after[table] !== before[table]).map((table) => `${table}: ${before[table]} → ${after[table]}`);
    console.info(`fuzz: ${calls.length} requests over ${routes.filter((r) => r.body).length} body-taking routes and ${routes.filter((r) => /\{/.test(r.path)).length} routes with path parameters (seed ${SEED})`);
    expect(bad.slice(0, 30)).toEqual([]);
    expect(written).toEqual([]);
    // The run grows with the API (200 bodies per body-taking route): some 30 000 requests by now, five minutes on a busy CI box.
  }, 480_000);
});

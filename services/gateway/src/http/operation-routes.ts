import {
  applyDecorators, Body, Controller, Delete, Get, Header, HttpCode, Inject, Param, ParseIntPipe, ParseUUIDPipe, Post, Put, Query, Req, SetMetadata, type PipeTransform, type Type,
} from '@nestjs/common';
import { PATH_METADATA, METHOD_METADATA } from '@nestjs/common/constants.js';
import { RequestMethod } from '@nestjs/common';
import {
  ApiBearerAuth, ApiExtension, ApiHeader, ApiOkResponse, ApiCreatedResponse, ApiOperation, ApiProduces, ApiResponse, ApiTags,
} from '@nestjs/swagger';
import { invalidRequest, itemOfPage, pathParams, type DocumentedError, type Operation, type ParamKind } from '@ops/contracts';
import { ACCESS_METADATA } from '@ops/service-kit';
import type { Access } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { csvExport, wantsCsv } from './csv-export.js';
import { ProblemDoc, ProblemException } from './problem.js';
import { ServiceBus } from './service-bus.js';

const ERROR_TEXT: Record<number, string> = {
  400: 'The body, query or path is not valid; `errors` names each bad field. Nothing was written.',
  401: 'No valid access token: sign in at /api/v1/auth/login',
  403: 'Signed in, but no role that may do this; `detail` names the roles',
  404: 'Nothing has that id.',
  409: 'Conflicts with the current state (already exists, already done).',
  422: 'Refused by a business rule; `detail` says which.',
  503: 'The service that owns this is not running, cannot reach its database, or the bus is down. Nothing was done; safe to retry.',
  504: 'The service did not answer in time, or lost its database connection while running the request (`database-connection-lost`), so the outcome is unknown: it may still complete. Repeat the request with the same Idempotency-Key: you get the first result, never a second record; a state change that already happened answers 409.',
};

const VERB = { GET: Get, POST: Post, PUT: Put, DELETE: Delete } as const;

function problemResponse(error: DocumentedError) {
  const { status, description } = typeof error === 'number' ? { status: error, description: ERROR_TEXT[error] } : error;
  return ApiResponse({ status, description, type: ProblemDoc, content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/ProblemDoc' } } } });
}

/** The problems every route documents, and the operation's own; an operation's 403 says why besides the missing role. */
function problems(op: Operation) {
  const own = (op.errors ?? []).map((e) => (typeof e !== 'number' && e.status === 403 ? { status: 403, description: `${e.description}\n\n${ERROR_TEXT[403]}` } : e));
  const has = (status: number) => own.some((e) => (typeof e === 'number' ? e : e.status) === status);
  const common = [400, 401, 403, 503, 504].filter((status) => !has(status));
  return [...common, ...own].map(problemResponse);
}

function success(op: Operation) {
  if (op.answers === 'event-stream') {
    return [ApiProduces('text/event-stream'), ApiOkResponse({ description: 'Server-sent events: `event: change`, `data:` one ChangeNotice as JSON', schema: { $ref: '#/components/schemas/ChangeNotice' } })];
  }
  if (op.answers === 'csv') return [ApiProduces('text/csv'), Header('Content-Type', 'text/csv; charset=utf-8'), ApiOkResponse({ description: 'CSV, UTF-8', schema: { type: 'string' } })];
  const type = op.answers as Type<unknown> | [Type<unknown>];
  if (itemOfPage(op.answers) && op.servedBy !== 'gateway') {
    return [
      ApiProduces('application/json', 'text/csv'),
      ApiOkResponse({
        type,
        description: 'A page of the list as JSON. With `Accept: text/csv`: the whole list (every page, the same filters; `page` and `pageSize` are ignored) as CSV, UTF-8 with a byte order mark, streamed, one column per field (nested fields as `shipTo.name`, money in yuan as `total (CNY)`), with a file name in Content-Disposition.',
      }),
    ];
  }
  return [op.http.status === 201 ? ApiCreatedResponse({ type }) : ApiOkResponse({ type })];
}

/**
 * Everything a route takes from its catalogue entry: method and path, success status, who may call it
 * (checked by the access guard, shown as `x-permission`), and its documentation. Generated routes and
 * the gateway's own use the same decorator, so a route cannot say one thing and its entry another.
 */
export function OperationRoute(op: Operation): MethodDecorator {
  return applyDecorators(
    VERB[op.http.method](op.http.path),
    HttpCode(op.http.status!),
    SetMetadata(ACCESS_METADATA, { kind: 'operation', operation: op } satisfies Access),
    ApiTags(op.tag ?? op.owner),
    ApiBearerAuth(),
    ApiExtension('x-permission', { owner: op.owner, command: op.name, kind: op.kind, roles: op.roles, ...(op.rolesNote ? { note: op.rolesNote } : {}) }),
    ApiOperation({ summary: op.summary, description: op.description }),
    ...(op.creates ? [ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Repeat the request with the same key to get the first result back instead of a second record' })] : []),
    ...success(op),
    ...problems(op),
  );
}

/** Path parameters checked before anything is sent on; a bad one is a 400 naming the parameter. */
const PIPES: Record<ParamKind, (name: string) => PipeTransform | undefined> = {
  uuid: (name) => new ParseUUIDPipe({ exceptionFactory: () => badParameter(name, 'must be a UUID') }),
  int: (name) => new ParseIntPipe({ exceptionFactory: () => badParameter(name, 'must be a whole number') }),
  code: () => undefined,
};

function badParameter(field: string, message: string): ProblemException {
  return new ProblemException(invalidRequest([{ field, message }]));
}

/** What a route takes besides its path parameters: a JSON body, a query string, or nothing. */
export function inputOf(op: Operation): { from: 'body' | 'query'; type: Type<unknown> } | undefined {
  const bare = pathParams(op.http.path).length === 0;
  if (op.http.method === 'GET') {
    const type = op.http.query ?? (bare ? op.request : undefined);
    return type && { from: 'query', type: type as Type<unknown> };
  }
  const type = op.http.body ?? (bare ? op.request : undefined);
  return type && { from: 'body', type: type as Type<unknown> };
}

/**
 * One controller per owner whose routes are its catalogue's: each validates the path, body or query,
 * then sends the merged request to the service over NATS and answers what the service answers.
 */
export function forwardingController(owner: string, ops: readonly Operation[]): Type<unknown> {
  @Controller()
  class Forwarding {
    constructor(@Inject(ServiceBus) readonly bus: ServiceBus) {}
  }
  Object.defineProperty(Forwarding, 'name', { value: `${owner[0].toUpperCase()}${owner.slice(1)}Controller` });
  const prototype = Forwarding.prototype as unknown as Record<string, unknown>;
  for (const op of ops.filter((o) => o.servedBy !== 'gateway')) {
    const params = pathParams(op.http.path);
    const input = inputOf(op);
    const rows = itemOfPage(op.answers);
    prototype[op.key] = named(op.key, function (this: Forwarding, req: AuthenticatedRequest, ...args: unknown[]) {
      const values = Object.fromEntries(params.map((name, i) => [name, args[i]]));
      const rest = (input ? args[params.length] : undefined) ?? {};
      if (input?.from === 'body') refuseUnmergeableBody(rest, params);
      // A list asked for as CSV: every page, streamed, same filters (csv-export.ts).
      if (rows && wantsCsv(req)) return csvExport(this.bus, req, op, rows, { ...(rest as object), ...values });
      return this.bus.call(req, op.owner as never, op.name, { ...(rest as object), ...values });
    });
    Req()(prototype, op.key, 0);
    params.forEach((name, i) => {
      const pipe = PIPES[op.http.params?.[name] ?? 'uuid'](name);
      (pipe ? Param(name, pipe) : Param(name))(prototype, op.key, i + 1);
    });
    if (input) (input.from === 'body' ? Body() : Query())(prototype, op.key, params.length + 1);
    const paramTypes = [Object, ...params.map((name) => (op.http.params?.[name] === 'int' ? Number : String)), ...(input ? [input.type] : [])];
    Reflect.defineMetadata('design:paramtypes', paramTypes, prototype, op.key);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, op.key)!;
    Object.defineProperty(prototype, op.key, Reflect.decorate([OperationRoute(op)], prototype, op.key, descriptor) ?? descriptor);
  }
  return Forwarding;
}

/**
 * A body is merged with the path's parameters into the service's request, which the service validates (the
 * gateway does not, validation.pipe.ts): what cannot be merged so is refused here, as validating the body
 * alone would refuse it. Anything but a JSON object, and a field named like a path parameter (which the
 * path would silently override).
 */
function refuseUnmergeableBody(body: unknown, params: readonly string[]): void {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ProblemException(invalidRequest([{ field: '(body)', message: 'must be a JSON object' }]));
  }
  const named = params.filter((name) => Object.hasOwn(body, name));
  if (named.length) throw new ProblemException(invalidRequest(named.map((name) => ({ field: name, message: `property ${name} should not exist` }))));
}

/** Swagger finds a handler's parameter types by the function's name, which an assigned function lacks. */
export function named<F extends Function>(name: string, fn: F): F {
  return Object.defineProperty(fn, 'name', { value: name });
}

const METHOD_NAME: Partial<Record<RequestMethod, string>> = { [RequestMethod.GET]: 'GET', [RequestMethod.POST]: 'POST', [RequestMethod.PUT]: 'PUT', [RequestMethod.DELETE]: 'DELETE' };

/**
 * Where the gateway's routes and the catalogues disagree: an operation with no route, a route that
 * declares an operation but sits at another method or path, a route of an operation twice. The
 * gateway refuses to start on any, and a test holds the two against each other.
 */
export function routeProblems(controllers: readonly Type<unknown>[], operations: readonly Operation[]): string[] {
  const problems: string[] = [];
  const routed = new Map<Operation, string>();
  for (const controller of controllers) {
    const base = String(Reflect.getMetadata(PATH_METADATA, controller) ?? '').replace(/^\/|\/$/g, '');
    for (const key of Object.getOwnPropertyNames(controller.prototype)) {
      if (key === 'constructor') continue;
      const handler = (controller.prototype as Record<string, unknown>)[key];
      if (typeof handler !== 'function') continue;
      const access: Access | undefined = Reflect.getMetadata(ACCESS_METADATA, handler);
      if (access?.kind !== 'operation') continue;
      const op = access.operation;
      const path = [base, String(Reflect.getMetadata(PATH_METADATA, handler) ?? '').replace(/^\/|\/$/g, '')].filter(Boolean).join('/');
      const method = METHOD_NAME[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
      const where = `${controller.name}.${key}`;
      if (method !== op.http.method || path !== op.http.path) problems.push(`${where} is ${method} ${path} but ${op.owner} ${op.name} is ${op.http.method} ${op.http.path}`);
      if (routed.has(op)) problems.push(`${op.owner} ${op.name} has two routes: ${routed.get(op)} and ${where}`);
      routed.set(op, where);
    }
  }
  for (const op of operations) if (!routed.has(op)) problems.push(`${op.owner} ${op.name} (${op.http.method} ${op.http.path}) has no route`);
  return problems;
}

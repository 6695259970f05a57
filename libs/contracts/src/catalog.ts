import { ApiProperty } from '@nestjs/swagger';
import type { Role } from '@ops/kernel';
import type { ServiceName } from './envelope.js';

/**
 * The catalogue: every command and query of a service declared once — its wire name, the request the
 * service validates, the view it answers, who may call it, its HTTP route and its documentation. The
 * gateway builds its routes and OpenAPI from the catalogues, the permission table is assembled from
 * them, and each service checks at start-up that it handles exactly its catalogue. Adding a command is
 * one entry here plus its handler.
 */
export type Owner = ServiceName | 'identity';
export type Kind = 'command' | 'query';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';
/** How a path parameter is checked before anything is sent on. */
export type ParamKind = 'uuid' | 'int' | 'code';

type Class<T = unknown> = new () => T;

/** What a route answers: a view, a list of views, a page of views, a CSV export, or a stream of server-sent events. */
export type Answer = Class | readonly [Class] | 'csv' | 'event-stream';

export interface HttpRoute {
  method: HttpMethod;
  /** Under `/api/v1`, as a client writes it (`sales/orders/:id/approve`); `:name` marks a path parameter. */
  path: string;
  /** Path parameters and how each is checked (uuid when not named here). */
  params?: Readonly<Record<string, ParamKind>>;
  /** The JSON body the client sends, when it is not the whole request (path parameters are merged in). */
  body?: Class;
  /** The query string's class, for a GET whose request also has path parameters. */
  query?: Class;
  /** Success status; 201 for creating commands, 200 otherwise. */
  status?: number;
}

/** An error a route documents beyond the ones every route has (400, 401, 403, 503, 504). */
export type DocumentedError = number | { status: number; description: string };

export interface OperationSpec {
  kind: Kind;
  /** Who may call it. The auditor is added to every query: it reads everything and changes nothing. */
  roles: readonly Role[];
  /** The request the service validates (path parameters, body or query, merged); none for a bare query. */
  request?: Class;
  http: HttpRoute;
  answers: Answer;
  summary: string;
  description?: string;
  errors?: readonly DocumentedError[];
  /** Creates something: answers 201 and honours `Idempotency-Key` (a repeat gets the first result). */
  creates?: boolean;
  /** Why the roles are what they are, when a domain rule narrows them further (kept beside the roles). */
  rolesNote?: string;
  /** The gateway answers it itself (people and sign-ins, CSV exports composed from a service's pages). */
  servedBy?: 'gateway';
  /** The OpenAPI tag; the owner when left out. */
  tag?: string;
}

export interface Operation extends OperationSpec {
  owner: Owner;
  /** Wire name, from the catalogue key: `placeOrder` → `place-order` (subject `rpc.sales.place-order`). */
  name: string;
  /** The key in the catalogue, for code that refers to it. */
  key: string;
}

export type Catalog<K extends string = string> = Readonly<Record<K, Operation>>;

const kebab = (key: string) => key.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();

/** Names each entry from its key and fills in what follows from the rest. */
export function defineCatalog<K extends string>(owner: Owner, specs: Record<K, OperationSpec>, namePrefix = ''): Catalog<K> {
  const entries = Object.entries<OperationSpec>(specs).map(([key, spec]) => {
    const roles = spec.kind === 'query' ? [...new Set<Role>([...spec.roles, 'auditor'])] : [...spec.roles];
    const status = spec.http.status ?? (spec.creates ? 201 : 200);
    return [key, Object.freeze({ ...spec, roles, http: { ...spec.http, status }, owner, key, name: namePrefix + kebab(key) })];
  });
  return Object.freeze(Object.fromEntries(entries)) as Catalog<K>;
}

export function operations(catalog: Catalog): Operation[] {
  return Object.values(catalog);
}

/** The names of a route's path parameters, in order (`orders/:id/lines/:lineNo` → `id`, `lineNo`). */
export function pathParams(path: string): string[] {
  return [...path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]);
}

const pages = new Map<Class, Class>();

/** The schema of a page of `item`s, named `<Item>Page`, as every list answers. */
export function pageOf(item: Class): Class {
  const known = pages.get(item);
  if (known) return known;
  class Page {
    @ApiProperty({ type: [item] }) items: unknown[];
    @ApiProperty({ example: 1 }) page: number;
    @ApiProperty({ example: 50 }) pageSize: number;
    @ApiProperty({ example: 1, description: 'Items matching the filter, over all pages' }) total: number;
  }
  Object.defineProperty(Page, 'name', { value: `${item.name.replace(/View$/, '')}Page` });
  pages.set(item, Page);
  items.set(Page, item);
  return Page;
}

const items = new Map<Class, Class>();

/** The item class of a page made by `pageOf` (a list's rows) or of a class extending one, or undefined for any other answer. */
export function itemOfPage(page: unknown): Class | undefined {
  for (let type = page; typeof type === 'function' && type !== Function.prototype; type = Object.getPrototypeOf(type)) {
    const item = items.get(type as Class);
    if (item) return item;
  }
  return undefined;
}

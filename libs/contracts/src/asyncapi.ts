import { defaultMetadataStorage } from 'class-transformer/cjs/storage.js';
import { MAX, MIN, ValidationTypes } from 'class-validator';
import { targetConstructorToSchema } from 'class-validator-jsonschema';
import { SERVICE_NAMES, type ServiceName } from './envelope.js';
import { declaredEvents, eventSubject, type EventContract } from './event-contract.js';
import { producerStream } from './streams.js';
// Every file that declares events, so each `defineEvent` has run before the catalogue is read (a test checks none is missing).
import './sales/events.js';
import './sales/returns.js';
import './sales/reception.js';
import './sales/outlet-events.js';
import './sales/promotion-events.js';
import './sales/listing-events.js';
import './sales/business-account-events.js';
import './sales/referral-events.js';
import './finance/events.js';
import './finance/credit-notes.js';
import './finance/collection.js';
import './finance/cash-office.js';
import './finance/payables.js';
import './finance/vouchers.js';
import './inventory/events.js';
import './inventory/returns.js';
import './inventory/warehouse-operations.js';
import './inventory/purchasing-events.js';
import './inventory/purchase-returns.js';
import './inventory/production-events.js';
import './security/events.js';
import './security/patrols.js';
import './security/incident-lifecycle.js';
import './security/escorts.js';
import './security/visitors.js';

/**
 * The event contract for other systems: an AsyncAPI 3.0 document built from the event catalogue (every
 * `defineEvent`), served by the gateway at `/api/asyncapi.json` and committed as `docs/asyncapi.json`
 * (`npm run asyncapi`). A test holds the two equal and refuses a changed payload of a published version.
 */

export type JsonSchema = { [key: string]: unknown };

export interface AsyncApiOptions {
  /** The deployment's SUBJECT_PREFIX: subjects become `<prefix>.<subject>`, streams `<PREFIX>_<NAME>` (as libs/messaging's Naming). */
  subjectPrefix?: string;
}

export const ASYNCAPI_FILE = 'docs/asyncapi.json';
export const CONSUMER_GUIDE = 'docs/consuming-events.md';

type ConverterOptions = NonNullable<Parameters<typeof targetConstructorToSchema>[1]>;

/**
 * The JSON Schema of a payload class, from its class-validator decorators (through class-validator-jsonschema):
 * `@IsInt` is `integer` (money is integer fen), `@IsIn` an `enum`, `@IsUUID` format `uuid`, `@IsISO8601` a
 * `date` or `date-time`, `@IsOptional` leaves a field out of `required`; nested classes (`@Type`) are inlined, so
 * each payload stands alone. Properties a class does not declare are allowed: consumers must tolerate additions.
 */
export function payloadSchema(payload: Function): JsonSchema {
  const options: Partial<ConverterOptions> = {
    classTransformerMetadataStorage: defaultMetadataStorage,
    additionalConverters: {
      // The library's Min/Max also say `type: number`, which would hide `@IsInt`'s `integer`.
      [MIN]: (meta) => ({ minimum: meta.constraints[0] }),
      [MAX]: (meta) => ({ maximum: meta.constraints[0] }),
      [ValidationTypes.NESTED_VALIDATION]: (meta) => {
        const nested = defaultMetadataStorage.findTypeMetadata(meta.target as Function, meta.propertyName)?.typeFunction();
        if (!nested) throw new Error(`${(meta.target as Function).name}.${meta.propertyName} is @ValidateNested without @Type(() => Class)`);
        return payloadSchema(nested as Function);
      },
    },
  };
  const schema = targetConstructorToSchema(payload, options) as JsonSchema;
  if (!schema.properties) throw new Error(`${payload.name} has no class-validator decorators to derive a schema from`);
  return schema;
}

const ACTOR_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'Who caused the event: the signed-in person whose command it follows from',
  properties: {
    userId: { type: 'string' },
    roles: { type: 'array', items: { type: 'string' } },
    displayName: { type: 'string' },
    username: { type: 'string', description: 'The sign-in name' },
  },
  required: ['userId', 'roles'],
};

const HEADERS_SCHEMA: JsonSchema = {
  type: 'object',
  description: 'NATS headers every event carries',
  properties: {
    'Nats-Msg-Id': {
      type: 'string',
      format: 'uuid',
      description:
        'The event id (equal to the envelope `id`). JetStream drops a second publish of the same id within the stream\'s two-minute duplicate window; a consumer dedupes on the envelope id for good.',
    },
    traceparent: { type: 'string', description: 'W3C trace context of the command or event that caused this one' },
    tracestate: { type: 'string', description: 'W3C trace state, when the trace carries one' },
    'Ops-Committed-At': {
      type: 'string',
      pattern: '^[0-9]+$',
      description: "When the producer's transaction committed, in milliseconds since the Unix epoch, as the producer's clock read it. Sent on events published right after their commit; absent when the relay published the event later (after a restart, or while NATS was away).",
    },
  },
  required: ['Nats-Msg-Id'],
};

/** The envelope every event travels in (envelope.ts, written by libs/messaging's OutboxWriter), around `data`. */
export function envelopeSchema(contract: EventContract, data: JsonSchema): JsonSchema {
  return {
    type: 'object',
    properties: {
      id: { type: 'string', format: 'uuid', description: 'Event id, a UUID v7, also sent as the Nats-Msg-Id header. Redeliveries carry the same id: dedupe on it.' },
      type: { type: 'string', const: contract.type },
      version: { type: 'integer', const: contract.version },
      occurredAt: { type: 'string', format: 'date-time', description: 'When the producer wrote the event (ISO 8601, UTC)' },
      source: { type: 'string', const: contract.source, description: 'The producing service' },
      aggregateId: { type: 'string', description: 'Id of the record the event is about (order, shipment, customer …)' },
      correlationId: { type: 'string', description: 'Request id of the command that started the chain (the event id when nothing did)' },
      causationId: { type: ['string', 'null'], description: 'The request or event this one follows from; null when none' },
      actor: { $ref: '#/components/schemas/Actor' },
      data: data,
    },
    required: ['id', 'type', 'version', 'occurredAt', 'source', 'aggregateId', 'correlationId', 'causationId', 'actor', 'data'],
  };
}

const pascal = (subject: string) => subject.split(/[.\-_]/).map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');

/** The AsyncAPI 3.0 document of every declared event, from a consumer's view (operations `receive`). */
export function asyncApiDocument(options: AsyncApiOptions = {}): JsonSchema {
  const prefix = options.subjectPrefix ?? '';
  if (prefix && !/^[a-z0-9_]+$/.test(prefix)) throw new Error(`Subject prefix "${prefix}" may hold a-z, 0-9 and _ only`);
  const subject = (s: string) => (prefix ? `${prefix}.${s}` : s);
  const stream = (name: string) => (prefix ? `${prefix.toUpperCase()}_${name}` : name);

  const contracts = [...declaredEvents()].sort((a, b) => a.type.localeCompare(b.type) || a.version - b.version);
  const seen = new Set<string>();
  const channels: JsonSchema = {};
  const operations: JsonSchema = {};
  const messages: JsonSchema = {};
  for (const contract of contracts) {
    const id = eventSubject(contract);
    if (seen.has(id)) throw new Error(`${contract.type} version ${contract.version} is declared twice`);
    seen.add(id);
    const streamName = stream(producerStream(contract.source).name);
    const newest = Math.max(...contracts.filter((c) => c.type === contract.type).map((c) => c.version));
    const current = contract.version === newest;
    messages[id] = {
      name: pascal(id),
      title: `${contract.type} v${contract.version}`,
      summary: contract.description,
      contentType: 'application/json',
      headers: { $ref: '#/components/schemas/EventHeaders' },
      payload: envelopeSchema(contract, payloadSchema(contract.payload)),
      correlationId: { $ref: '#/components/correlationIds/correlationId' },
      tags: [{ name: contract.source }],
      'x-event-type': contract.type,
      'x-event-version': contract.version,
      'x-payload-class': contract.payload.name,
    };
    channels[id] = {
      address: subject(id),
      title: `${contract.type} v${contract.version}`,
      summary: contract.description,
      description:
        `Published by \`${contract.source}\` to stream \`${streamName}\` (subjects \`${subject(`${contract.source}.>`)}\`). ` +
        (current ? 'The version the producer publishes now.' : `Superseded by v${newest}: the producer publishes only v${newest}; events already in the stream stay readable here.`),
      messages: { [id]: { $ref: `#/components/messages/${id}` } },
      'x-producer': contract.source,
      'x-stream': streamName,
    };
    operations[`receive${pascal(id)}`] = {
      action: 'receive',
      channel: { $ref: `#/channels/${id}` },
      title: `Receive ${contract.type} v${contract.version}`,
      summary: `Produced by ${contract.source}; a consumer reads it with its own durable consumer on stream ${streamName}, filtered to ${subject(id)}.`,
      description: contract.description,
      messages: [{ $ref: `#/channels/${id}/messages/${id}` }],
      tags: [{ name: contract.source }],
      'x-producer': contract.source,
      ...(current ? {} : { 'x-superseded-by': `${contract.type}.v${newest}` }),
    };
  }

  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Operations platform events',
      version: '1',
      description: [
        'Domain events the operations platform publishes on NATS JetStream, for other systems to consume (how: `docs/consuming-events.md`).',
        '',
        `**Subjects** are \`<type>.v<version>\`${prefix ? `, here prefixed with \`${prefix}.\` (SUBJECT_PREFIX)` : '; a deployment that sets `SUBJECT_PREFIX` puts `<prefix>.` in front of every subject and `<PREFIX>_` in front of every stream name'}.`,
        `**Streams**: one per producer, ${SERVICE_NAMES.map((s: ServiceName) => `\`${stream(producerStream(s).name)}\` (\`${subject(`${s}.>`)}\`)`).join(', ')}; retention by limits.`,
        '**Envelope**: every message is JSON `{ id, type, version, occurredAt, source, aggregateId, correlationId, causationId, actor, data }`; `data` is the payload described per message.',
        '**Delivery** is at least once: the event `id` is also the `Nats-Msg-Id` header; dedupe on it. Streams are independent, so facts from two producers may arrive out of order.',
        '**Versions**: adding an optional field keeps the version; any other change to a payload is a new version on a new subject (`…v2`). Unknown fields must be ignored.',
        '**Money** is integer fen (1 CNY = 100 fen).',
      ].join('\n'),
    },
    defaultContentType: 'application/json',
    servers: {
      nats: {
        host: '{host}',
        protocol: 'nats',
        description: 'The deployment\'s NATS server with JetStream; ask its operators for the address and a read-only consumer account.',
        variables: { host: { default: '127.0.0.1:4222', description: 'host:port of the NATS server' } },
      },
    },
    channels,
    operations,
    components: {
      messages,
      schemas: { Actor: ACTOR_SCHEMA, EventHeaders: HEADERS_SCHEMA },
      correlationIds: {
        correlationId: { description: 'The request id of the command that started the chain of events', location: '$message.payload#/correlationId' },
      },
    },
  };
}

/** The committed form of the document: two-space JSON with a final newline. */
export function formatAsyncApi(document: JsonSchema): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** Each message's payload schema (`data`) by `<type>.v<version>`, from a generated or committed document. */
export function publishedPayloads(document: JsonSchema): Map<string, JsonSchema> {
  const out = new Map<string, JsonSchema>();
  const messages = ((document.components as JsonSchema | undefined)?.messages ?? {}) as Record<string, JsonSchema>;
  for (const message of Object.values(messages)) {
    const data = ((message.payload as JsonSchema | undefined)?.properties as JsonSchema | undefined)?.data as JsonSchema | undefined;
    if (typeof message['x-event-type'] === 'string' && typeof message['x-event-version'] === 'number' && data) {
      out.set(`${message['x-event-type']}.v${message['x-event-version']}`, data);
    }
  }
  return out;
}

const isObject = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);
const canonical = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(canonical) : isObject(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])])) : v;
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
const sameSet = (a: unknown, b: unknown) => same([...((a as string[] | undefined) ?? [])].sort(), [...((b as string[] | undefined) ?? [])].sort());

/**
 * What changed in a published payload schema other than new optional properties (the one change that keeps
 * a version, events.md): a field removed, retyped, made required or optional, an enum or bound changed.
 */
export function breakingChanges(published: JsonSchema, current: JsonSchema, path = 'data'): string[] {
  const out: string[] = [];
  const keys = new Set([...Object.keys(published), ...Object.keys(current)]);
  for (const key of keys) {
    if (key === 'properties') {
      const before = (published.properties ?? {}) as JsonSchema;
      const after = (current.properties ?? {}) as JsonSchema;
      for (const name of Object.keys(before)) {
        if (!(name in after)) out.push(`${path}.${name} was removed`);
        else if (isObject(before[name]) && isObject(after[name])) out.push(...breakingChanges(before[name] as JsonSchema, after[name] as JsonSchema, `${path}.${name}`));
      }
      const required = (current.required ?? []) as string[];
      for (const name of Object.keys(after)) if (!(name in before) && required.includes(name)) out.push(`${path}.${name} was added as a required field`);
    } else if (key === 'required') {
      const before = (published.required ?? []) as string[];
      const after = ((current.required ?? []) as string[]).filter((name) => name in ((published.properties ?? {}) as JsonSchema));
      if (!sameSet(before, after)) out.push(`${path}: required fields were [${before.join(', ')}], now [${after.join(', ')}]`);
    } else if (key === 'items' && isObject(published.items) && isObject(current.items)) {
      out.push(...breakingChanges(published.items, current.items, `${path}[]`));
    } else if (!same(published[key], current[key])) {
      out.push(`${path}: "${key}" was ${JSON.stringify(published[key])}, now ${JSON.stringify(current[key])}`);
    }
  }
  return out;
}

/**
 * Compares the generated document with the committed one: every (type, version) in the committed document
 * must still be declared, with its payload changed at most by new optional fields. Returns one message per
 * offence, each telling the developer what to do.
 */
export function contractViolations(committed: JsonSchema, generated: JsonSchema): string[] {
  const before = publishedPayloads(committed);
  const after = publishedPayloads(generated);
  const out: string[] = [];
  for (const [id, schema] of before) {
    const [type, version] = [id.replace(/\.v\d+$/, ''), Number(/\.v(\d+)$/.exec(id)![1])];
    const now = after.get(id);
    if (!now) {
      out.push(`${type} v${version} was published (${ASYNCAPI_FILE}) but is no longer declared: keep its defineEvent({ version: ${version} }) beside the new version, since consumers may still read it`);
      continue;
    }
    const changes = breakingChanges(schema, now);
    if (changes.length) {
      out.push(
        `The payload of ${type} v${version} changed, but v${version} is published and consumers rely on it:\n    ${changes.join('\n    ')}\n` +
          `  Keep v${version} as it was and declare the change as a new version: defineEvent({ type: '${type}', version: ${version + 1}, … }) with a new payload class (only adding an optional field keeps the version).`,
      );
    }
  }
  return out;
}

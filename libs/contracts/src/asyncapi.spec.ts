import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import specs from '@asyncapi/specs';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { ASYNCAPI_FILE, asyncApiDocument, breakingChanges, contractViolations, formatAsyncApi, publishedPayloads, type JsonSchema } from './asyncapi.js';
import { declaredEvents, eventSubject } from './event-contract.js';

const ROOT = path.resolve(__dirname, '../../..');
const committedText = () => readFileSync(path.join(ROOT, ASYNCAPI_FILE), 'utf8');
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

describe('the event contract (AsyncAPI)', () => {
  const generated = asyncApiDocument();

  it('loads every file that declares an event, so none is left out of the document', () => {
    const here = path.join(ROOT, 'libs/contracts/src');
    const loader = readFileSync(path.join(here, 'asyncapi.ts'), 'utf8');
    const declaring = readdirSync(here, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.endsWith('.spec.ts') && !['event-contract.ts', 'asyncapi.ts'].includes(file))
      .filter((file) => /defineEvent\(/.test(readFileSync(path.join(here, file), 'utf8')));
    expect(declaring.length).toBeGreaterThan(5);
    expect(declaring.filter((file) => !loader.includes(`import './${file.replace(/\.ts$/, '.js')}';`))).toEqual([]);
  });

  it('refuses a changed payload of a published (type, version): a change needs a new version', () => {
    const violations = contractViolations(JSON.parse(committedText()) as JsonSchema, generated);
    if (violations.length) {
      throw new Error(
        `A published event contract changed (compared with ${ASYNCAPI_FILE}):\n\n${violations.join('\n\n')}\n\n` +
          'Consumers outside the platform read these versions; `npm run asyncapi` will not overwrite them either.',
      );
    }
  });

  it(`is committed as ${ASYNCAPI_FILE}, exactly as the catalogue generates it`, () => {
    const committed = committedText();
    const fresh = formatAsyncApi(generated);
    if (committed !== fresh) {
      const a = committed.split('\n');
      const b = fresh.split('\n');
      const line = a.findIndex((text, i) => text !== b[i]);
      throw new Error(
        `${ASYNCAPI_FILE} is out of date with the event catalogue (libs/contracts/src/*/events.ts): run \`npm run asyncapi\` and commit the result.\n` +
          `First difference at line ${line + 1}:\n  committed: ${a[line] ?? '(end of file)'}\n  generated: ${b[line] ?? '(end of file)'}`,
      );
    }
  });

  it('is a valid AsyncAPI 3.0 document', () => {
    // The AsyncAPI schema carries its own copy of the draft-07 meta-schema, so Ajv's is left out.
    const ajv = new Ajv({ strict: false, allErrors: true, meta: false, validateSchema: false });
    ajvFormats.default(ajv); // a CommonJS module: its default import is module.exports, whose .default is the plugin
    const validate = ajv.compile(specs.schemas['3.0.0'] as object);
    const valid = validate(generated);
    expect(valid ? [] : validate.errors?.map((e) => `${e.instancePath} ${e.message}`)).toEqual([]);
  });

  it('has a channel, a receive operation and a message for every declared event version', () => {
    const channels = generated.channels as Record<string, JsonSchema>;
    const operations = Object.values(generated.operations as Record<string, JsonSchema>);
    for (const contract of declaredEvents()) {
      const id = eventSubject(contract);
      expect(channels[id]).toMatchObject({ address: id, 'x-producer': contract.source });
      expect(operations.filter((o) => (o.channel as JsonSchema).$ref === `#/channels/${id}`)).toEqual([expect.objectContaining({ action: 'receive', 'x-producer': contract.source })]);
    }
    expect(publishedPayloads(generated).size).toBe(declaredEvents().length);
  });

  it('derives types, required fields, enums, formats and integer money from the payload classes', () => {
    const placed = publishedPayloads(generated).get('sales.order.placed.v1')!;
    const fields = placed.properties as Record<string, JsonSchema>;
    expect(fields.orderId).toEqual({ type: 'string', format: 'uuid' });
    expect(fields.totalFen).toEqual({ type: 'integer', minimum: 0 });
    expect(fields.paymentTerms).toEqual({ type: 'string', enum: ['prepaid', 'credit'] });
    expect(fields.lines).toMatchObject({ type: 'array', minItems: 1, items: { type: 'object', required: expect.arrayContaining(['sku', 'quantity']) } });
    expect(placed.required).toEqual(expect.arrayContaining(['orderId', 'totalFen', 'lines']));
    expect(placed.required).not.toContain('creditTermsDays');
    const envelope = (generated.components as { messages: Record<string, { payload: JsonSchema; headers: JsonSchema }> }).messages['sales.order.placed.v1'];
    expect(envelope.payload.required).toEqual(['id', 'type', 'version', 'occurredAt', 'source', 'aggregateId', 'correlationId', 'causationId', 'actor', 'data']);
    expect(envelope.payload.properties).toMatchObject({ type: { const: 'sales.order.placed' }, version: { const: 1 }, source: { const: 'sales' } });
  });

  it('names subjects and streams with the deployment prefix when one is set', () => {
    const prefixed = asyncApiDocument({ subjectPrefix: 'acme' });
    expect((prefixed.channels as Record<string, JsonSchema>)['sales.order.placed.v1']).toMatchObject({ address: 'acme.sales.order.placed.v1', 'x-stream': 'ACME_SALES' });
  });

  describe('the version rule', () => {
    const placed = () => clone(publishedPayloads(generated).get('sales.order.placed.v1')!);
    const withPayload = (id: string, data: JsonSchema) => {
      const doc = clone(generated);
      const [type, version] = [id.replace(/\.v\d+$/, ''), Number(id.split('.v').pop())];
      (doc.components as { messages: Record<string, unknown> }).messages[id] = { 'x-event-type': type, 'x-event-version': version, payload: { properties: { data } } };
      return doc;
    };

    it('lets a new version be added and an optional field join a published one', () => {
      expect(contractViolations(generated, withPayload('sales.order.placed.v2', { type: 'object', properties: {} }))).toEqual([]);
      const added = placed();
      (added.properties as JsonSchema).note = { type: 'string' };
      expect(breakingChanges(placed(), added)).toEqual([]);
    });

    it('refuses a retyped, removed, newly required or narrowed field, naming the next version', () => {
      const retyped = placed();
      (retyped.properties as Record<string, JsonSchema>).totalFen = { type: 'string' };
      const [message] = contractViolations(generated, withPayload('sales.order.placed.v1', retyped));
      expect(message).toContain('data.totalFen: "type" was "integer", now "string"');
      expect(message).toContain("defineEvent({ type: 'sales.order.placed', version: 2");

      const removed = placed();
      delete (removed.properties as JsonSchema).customerName;
      expect(breakingChanges(placed(), removed)).toEqual(expect.arrayContaining(['data.customerName was removed']));

      const required = placed();
      (required.required as string[]).push('creditTermsDays');
      expect(breakingChanges(placed(), required)).toHaveLength(1);

      const newRequired = placed();
      (newRequired.properties as JsonSchema).note = { type: 'string' };
      (newRequired.required as string[]).push('note');
      expect(breakingChanges(placed(), newRequired)).toEqual(['data.note was added as a required field']);

      const nested = placed();
      ((nested.properties as Record<string, { items: { properties: Record<string, JsonSchema> } }>).lines.items.properties.quantity).minimum = 2;
      expect(breakingChanges(placed(), nested)).toEqual(['data.lines[].quantity: "minimum" was 1, now 2']);
    });

    it('refuses dropping a published version', () => {
      const doc = clone(generated);
      delete (doc.components as { messages: Record<string, unknown> }).messages['finance.refund.issued.v1'];
      expect(contractViolations(generated, doc)).toEqual([expect.stringContaining('finance.refund.issued v1 was published')]);
    });
  });
});

import { ApiProperty } from '@nestjs/swagger';

/**
 * That something changed, not what: a document moved to a new state. Services announce one per state
 * transition, right after it commits (core NATS, `changes.<service>`, not kept); the gateway passes them to
 * signed-in people over server-sent events (GET /api/v1/changes), and a screen showing that document reads it
 * again through the API, where every read is authorised as usual.
 */
export class ChangeNotice {
  @ApiProperty({ example: 'sales', description: 'The service that owns the document' }) service: string;
  @ApiProperty({ example: 'order', description: 'What kind of document (order, pick_list, receipt, …)' }) aggregate: string;
  @ApiProperty({ example: '01938f2e-7c1a-7d3e-9f2b-5a6c7d8e9f01' }) id: string;
  @ApiProperty({ example: 'ready_to_ship', description: 'The state it moved to' }) to: string;
  @ApiProperty({ example: '2026-11-30T09:30:00.000Z' }) at: string;
}

/** The subject of a service's change notices, before any run prefix. */
export const changeSubject = (service: string) => `changes.${service}`;

/**
 * Where a gateway says that someone streams a service's notices (core NATS, before any run prefix): every
 * instance of the service hears it, and answers when asked as a request. A service announces changes only
 * for a while after hearing it (`NOTICES_WANTED_FOR_MS`); a gateway that streams says it again every
 * `NOTICES_WANTED_EVERY_MS`. Nobody streaming, nothing is published.
 */
export const noticesWantedSubject = (service: string) => `changes.${service}.wanted`;
/** Where a service that starts asks whether its notices are wanted; a gateway streaming them says so at once. */
export const NOTICES_WANTED_QUERY = 'changes.asked';
export const NOTICES_WANTED_EVERY_MS = 10_000;
export const NOTICES_WANTED_FOR_MS = 3 * NOTICES_WANTED_EVERY_MS;

import type { ServiceName } from './envelope.js';

/**
 * The JetStream streams, declared in one place (architecture.md, engineering notes). One stream per producing service
 * holds every subject the service publishes; dead letters of every consumer go to one stream.
 * Names and subjects are prefixed per deployment or test run by the messaging lib.
 */
export interface StreamDeclaration {
  name: string;
  subjects: string[];
  description: string;
  /** How long a message is kept: long enough for any consumer (ours or another system's) to catch up after an outage, and to replay. */
  maxAgeDays: number;
  /** The most the stream may hold on each server; the oldest messages go first. */
  maxBytes: number;
}

const GiB = 1024 ** 3;

export function producerStream(service: ServiceName): StreamDeclaration {
  return { name: service.toUpperCase(), subjects: [`${service}.>`], description: `Domain events published by ${service}`, maxAgeDays: 30, maxBytes: 10 * GiB };
}

export const DEAD_LETTER_STREAM: StreamDeclaration = {
  name: 'DEAD_LETTERS',
  subjects: ['dead-letter.>'],
  description: 'Events a consumer could not handle after its retry bound, kept for inspection and replay',
  maxAgeDays: 90,
  maxBytes: 1 * GiB,
};

/** Dead-letter subject of one consumer: `dead-letter.<service>.<consumer>`. */
export function deadLetterSubject(service: string, consumer: string): string {
  return `dead-letter.${service}.${consumer}`;
}

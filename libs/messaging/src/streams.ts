import { RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';
import { DEAD_LETTER_STREAM, producerStream, SERVICE_NAMES, type StreamDeclaration } from '@ops/contracts';
import type { Naming } from './naming.js';

export const ALL_STREAMS: StreamDeclaration[] = [...SERVICE_NAMES.map(producerStream), DEAD_LETTER_STREAM];

const DUPLICATE_WINDOW_NS = 2 * 60 * 1_000_000_000;

/**
 * Creates each declared stream when missing and checks an existing one carries the declared subjects.
 * It never updates a stream: a drift is reported, so two instances cannot race to reconfigure it.
 */
export async function ensureStreams(jsm: JetStreamManager, naming: Naming, declarations: StreamDeclaration[] = ALL_STREAMS): Promise<void> {
  for (const declaration of declarations) {
    const name = naming.stream(declaration.name);
    const subjects = declaration.subjects.map((s) => naming.subject(s));
    const existing = await jsm.streams.info(name).catch(() => null);
    if (existing) {
      assertSubjects(name, existing.config.subjects ?? [], subjects);
      continue;
    }
    try {
      await jsm.streams.add({
        name,
        subjects,
        description: declaration.description,
        storage: StorageType.File,
        retention: RetentionPolicy.Limits,
        duplicate_window: DUPLICATE_WINDOW_NS,
      });
    } catch (error) {
      // Another instance created it first: fine, as long as it matches.
      const info = await jsm.streams.info(name).catch(() => null);
      if (!info) throw error;
      assertSubjects(name, info.config.subjects ?? [], subjects);
    }
  }
}

function assertSubjects(stream: string, actual: string[], expected: string[]): void {
  const missing = expected.filter((s) => !actual.includes(s));
  if (missing.length) throw new Error(`Stream ${stream} exists without subjects ${missing.join(', ')}; fix its configuration in deploy/ first`);
}

export async function deleteStreams(jsm: JetStreamManager, naming: Naming, declarations: StreamDeclaration[] = ALL_STREAMS): Promise<void> {
  for (const declaration of declarations) {
    await jsm.streams.delete(naming.stream(declaration.name)).catch(() => false);
  }
}

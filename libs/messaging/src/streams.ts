import { DiscardPolicy, RetentionPolicy, StorageType, type JetStreamManager, type StreamConfig } from '@nats-io/jetstream';
import { DEAD_LETTER_STREAM, producerStream, SERVICE_NAMES, type StreamDeclaration } from '@ops/contracts';
import type { Naming } from './naming.js';

export const ALL_STREAMS: StreamDeclaration[] = [...SERVICE_NAMES.map(producerStream), DEAD_LETTER_STREAM];

const DUPLICATE_WINDOW_NS = 2 * 60 * 1_000_000_000;
const NS_PER_DAY = 24 * 3600 * 1_000_000_000;

/** A declared stream's JetStream configuration: its subjects under the run's prefix, its limits, its replicas. */
export function streamConfig(declaration: StreamDeclaration, naming: Naming, replicas = 1): Partial<StreamConfig> & { name: string; subjects: string[] } {
  return {
    name: naming.stream(declaration.name),
    subjects: declaration.subjects.map((s) => naming.subject(s)),
    description: declaration.description,
    storage: StorageType.File,
    retention: RetentionPolicy.Limits,
    discard: DiscardPolicy.Old,
    duplicate_window: DUPLICATE_WINDOW_NS,
    max_age: declaration.maxAgeDays * NS_PER_DAY,
    max_bytes: declaration.maxBytes,
    num_replicas: replicas,
  };
}

/**
 * What a service does at start: creates each declared stream when missing (a laptop, a test run) and checks
 * an existing one carries the declared subjects. It never updates a stream: in a deployment the streams are
 * set up by `scripts/streams.mjs apply` (a job, before the services), and a drift is reported, so two
 * instances cannot race to reconfigure it.
 */
export async function ensureStreams(jsm: JetStreamManager, naming: Naming, declarations: StreamDeclaration[] = ALL_STREAMS): Promise<void> {
  for (const declaration of declarations) {
    // No size limit here: JetStream reserves a stream's max_bytes on disk when it is created, and a laptop
    // or a test run (many prefixes side by side) has no room for that. The operator's step sets it.
    const config = { ...streamConfig(declaration, naming), max_bytes: -1 };
    const existing = await jsm.streams.info(config.name).catch(() => null);
    if (existing) {
      assertSubjects(config.name, existing.config.subjects ?? [], config.subjects);
      continue;
    }
    try {
      await jsm.streams.add(config);
    } catch (error) {
      // Another instance created it first: fine, as long as it matches.
      const info = await jsm.streams.info(config.name).catch(() => null);
      if (!info) throw error;
      assertSubjects(config.name, info.config.subjects ?? [], config.subjects);
    }
  }
}

/**
 * The operator's step (`scripts/streams.mjs apply`): creates each declared stream, or brings an existing one
 * to its declared subjects, limits and replicas. Answers what it did per stream.
 */
export async function applyStreams(jsm: JetStreamManager, naming: Naming, replicas: number, declarations: StreamDeclaration[] = ALL_STREAMS): Promise<Array<{ stream: string; action: 'created' | 'updated' | 'unchanged' }>> {
  const done: Array<{ stream: string; action: 'created' | 'updated' | 'unchanged' }> = [];
  for (const declaration of declarations) {
    const config = streamConfig(declaration, naming, replicas);
    const existing = await jsm.streams.info(config.name).catch(() => null);
    if (!existing) {
      await jsm.streams.add(config);
      done.push({ stream: config.name, action: 'created' });
      continue;
    }
    const current = existing.config;
    const same = current.max_age === config.max_age && current.max_bytes === config.max_bytes && current.num_replicas === config.num_replicas
      && current.discard === config.discard && config.subjects.every((s) => current.subjects?.includes(s)) && current.description === config.description;
    if (same) {
      done.push({ stream: config.name, action: 'unchanged' });
      continue;
    }
    await jsm.streams.update(config.name, { ...config, subjects: [...new Set([...(current.subjects ?? []), ...config.subjects])] });
    done.push({ stream: config.name, action: 'updated' });
  }
  return done;
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

import { validateAs, type EventContract, type EventEnvelope } from '@ops/contracts';

export type EnvelopeCheck<T> = { ok: true; envelope: EventEnvelope<T> } | { ok: false; reason: string };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parses a received message and checks envelope and payload against the contract. */
export function checkEnvelope<T extends object>(raw: string, contract: EventContract<T>): EnvelopeCheck<T> {
  let parsed: Partial<EventEnvelope<unknown>>;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { ok: false, reason: 'message is not JSON' };
  }
  if (typeof parsed !== 'object' || parsed === null) return { ok: false, reason: 'message is not an object' };
  if (typeof parsed.id !== 'string' || !UUID.test(parsed.id)) return { ok: false, reason: 'envelope id is not a uuid' };
  if (parsed.type !== contract.type || parsed.version !== contract.version) {
    return { ok: false, reason: `expected ${contract.type} v${contract.version}, got ${parsed.type} v${parsed.version}` };
  }
  if (!parsed.actor || typeof parsed.actor.userId !== 'string' || !Array.isArray(parsed.actor.roles)) return { ok: false, reason: 'envelope has no actor' };
  if (typeof parsed.correlationId !== 'string' || typeof parsed.aggregateId !== 'string') return { ok: false, reason: 'envelope lacks correlationId or aggregateId' };
  const data = validateAs(contract.payload, parsed.data);
  if (!data.ok) return { ok: false, reason: `data: ${data.errors.map((e) => `${e.field} ${e.message}`).join('; ')}` };
  return { ok: true, envelope: { ...(parsed as EventEnvelope<unknown>), data: data.value } as EventEnvelope<T> };
}

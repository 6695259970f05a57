import type { Role } from '@ops/kernel';
import type { OperationSpec } from '../catalog.js';
import { pageOf } from '../catalog.js';
import { ListAuditQuery, ListDeadLettersQuery, ReplayDeadLetterRequest } from './requests.js';
import { AuditEntryView, DeadLetterView, ReplayOutcomeView } from './views.js';


/** How many audit entries one CSV export holds at most. */
export const AUDIT_EXPORT_LIMIT = 10_000;

/**
 * What every service answers besides its own business: its consumers' dead letters and its audit
 * trail. Named `admin.<key>` on the wire.
 */
export function adminOperations(owner: string, auditReaders: readonly Role[]) {
  return { ...deadLetterOperations(owner), ...auditOperations(owner, auditReaders) };
}

export function deadLetterOperations(owner: string) {
  return {
    listDeadLetters: {
      kind: 'query', roles: ['admin'], request: ListDeadLettersQuery, tag: 'admin',
      http: { method: 'GET', path: `admin/${owner}/dead-letters` },
      answers: [DeadLetterView], summary: `Events the ${owner} service's consumers gave up on, oldest first`,
    },
    replayDeadLetter: {
      kind: 'command', roles: ['admin'], request: ReplayDeadLetterRequest, tag: 'admin',
      http: { method: 'POST', path: `admin/${owner}/dead-letters/:sequence/replay`, params: { sequence: 'int' } },
      answers: ReplayOutcomeView, summary: `Run one of the ${owner} service's dead letters through its consumer again`, errors: [409],
      description: 'On success the dead letter leaves the stream; if the handler fails again it stays, and 409 says why.',
    },
  } satisfies Record<string, OperationSpec>;
}

/**
 * An owner's audit trail: the auditor, the general manager, admins and that owner's own managers read
 * it. The `identity` trail is the gateway's own, which the gateway reads itself.
 */
export function auditOperations(owner: string, auditReaders: readonly Role[]) {
  const servedBy = owner === 'identity' ? ('gateway' as const) : undefined;
  return {
    listAudit: {
      kind: 'query', roles: ['admin', 'general_manager', ...auditReaders], request: ListAuditQuery, tag: 'audit', servedBy,
      http: { method: 'GET', path: `audit/${owner}` },
      answers: pageOf(AuditEntryView), summary: `Read the ${owner} audit trail, newest first`,
    },
    exportAudit: {
      kind: 'query', roles: ['admin', 'general_manager', ...auditReaders], request: ListAuditQuery, tag: 'audit', servedBy: 'gateway',
      http: { method: 'GET', path: `audit/${owner}/export.csv` },
      answers: 'csv', summary: `Export the ${owner} audit trail as CSV`,
      description: `The entries matching the filter, newest first, at most ${AUDIT_EXPORT_LIMIT}.`,
    },
  } satisfies Record<string, OperationSpec>;
}

import type { EntityManager } from 'typeorm';
import { v7 as uuidv7 } from 'uuid';
import { businessNow } from '@ops/kernel';
import { NotificationEntity } from '../infra/persistence/watch.entities.js';

/** One notification for a role, in the caller's transaction: it exists exactly when what it tells of does. */
export async function notify(tx: EntityManager, n: { recipientRole: string; kind: string; subject: string; documentId: string | null }): Promise<void> {
  await tx.insert(NotificationEntity, { id: uuidv7(), recipientRole: n.recipientRole, kind: n.kind, subject: n.subject, documentId: n.documentId, createdAt: businessNow() });
}

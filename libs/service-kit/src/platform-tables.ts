import { MESSAGING_TABLES_DDL } from '@ops/messaging';
import { DOCUMENT_SEQUENCES_DDL, IDEMPOTENCY_KEYS_DDL } from '@ops/persistence';

/** Tables every service's first migration creates in its schema: outbox, inbox, number series, idempotency keys. */
export const PLATFORM_TABLES_DDL: string[] = [...MESSAGING_TABLES_DDL, DOCUMENT_SEQUENCES_DDL, IDEMPOTENCY_KEYS_DDL];
export const PLATFORM_TABLES = ['document_sequences', 'idempotency_keys', 'inbox', 'outbox'];

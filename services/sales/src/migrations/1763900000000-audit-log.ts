import { AUDIT_LOG_DDL, AUDIT_LOG_DROP } from '@ops/service-kit';
import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AuditLogSales1763900000000 implements MigrationInterface {
  name = 'AuditLogSales1763900000000';

  async up(db: QueryRunner): Promise<void> {
    for (const ddl of AUDIT_LOG_DDL) await db.query(ddl);
  }

  async down(db: QueryRunner): Promise<void> {
    for (const ddl of AUDIT_LOG_DROP) await db.query(ddl);
  }
}

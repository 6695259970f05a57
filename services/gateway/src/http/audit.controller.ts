import { Controller, Query, Req, type Type } from '@nestjs/common';
import { AUDIT_EXPORT_LIMIT, CATALOGS, IdentityCatalog, ListAuditQuery, SERVICE_NAMES, type AuditEntryView, type Owner, type Page, type ServiceName } from '@ops/contracts';
import { listAudit } from '@ops/service-kit';
import { DataSource } from 'typeorm';
import type { AuthenticatedRequest } from './access.guard.js';
import { csvCell } from './csv-export.js';
import { named, OperationRoute } from './operation-routes.js';
import { ServiceBus } from './service-bus.js';

/**
 * Audit trails the gateway serves itself: its own (identity: sign-ins and user administration) and
 * each trail's CSV export, composed from the owner's pages.
 */
export function auditController(): Type<unknown> {
  @Controller()
  class AuditController {
    constructor(readonly bus: ServiceBus, readonly dataSource: DataSource) {}

    @OperationRoute(IdentityCatalog.listAudit)
    listIdentity(@Query() query: ListAuditQuery): Promise<Page<AuditEntryView>> {
      return listAudit(this.dataSource, query);
    }

    async export(req: AuthenticatedRequest, owner: Owner, query: ListAuditQuery): Promise<string> {
      const rows: AuditEntryView[] = [];
      for (let page = 1; rows.length < AUDIT_EXPORT_LIMIT; page++) {
        const paged = { ...query, page, pageSize: 200 };
        const batch: Page<AuditEntryView> = owner === 'identity' ? await listAudit(this.dataSource, paged) : await this.bus.call(req, owner as ServiceName, CATALOGS[owner].listAudit.name, paged);
        rows.push(...batch.items);
        if (batch.items.length < 200) break;
      }
      const header = ['id', 'at', 'actorId', 'actorRoles', 'command', 'target', 'requestId', 'outcome', 'status', 'summary'];
      const lines = rows.map((r) => [r.id, r.at, r.actorId, r.actorRoles.join(' '), r.command, r.target ?? '', r.requestId, r.outcome, r.status, JSON.stringify(r.summary)].map(csvCell).join(','));
      return [header.join(','), ...lines].join('\r\n') + '\r\n';
    }
  }
  // One export route per owner, each with that owner's readers.
  for (const owner of [...SERVICE_NAMES, 'identity'] as const) {
    const op = CATALOGS[owner].exportAudit;
    const key = `export${owner[0].toUpperCase()}${owner.slice(1)}`;
    const prototype = AuditController.prototype as unknown as Record<string, unknown>;
    prototype[key] = named(key, function (this: AuditController, req: AuthenticatedRequest, query: ListAuditQuery) {
      return this.export(req, owner, query);
    });
    Req()(prototype, key, 0);
    Query()(prototype, key, 1);
    Reflect.defineMetadata('design:paramtypes', [Object, ListAuditQuery], prototype, key);
    const descriptor = Object.getOwnPropertyDescriptor(prototype, key)!;
    Object.defineProperty(prototype, key, Reflect.decorate([OperationRoute(op)], prototype, key, descriptor) ?? descriptor);
  }
  return AuditController;
}

import { Controller, Get, Header, Param, ParseEnumPipe, Query, Req } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AdminRpc, AuditEntryView, ListAuditQuery, SERVICE_NAMES, type Page, type ServiceName } from '@ops/contracts';
import { listAudit } from '@ops/service-kit';
import { DataSource } from 'typeorm';
import { PageOf, ReadDoc } from '../openapi/docs.js';
import { AllowForService, type Owner } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { ServiceBus } from './service-bus.js';

const OWNERS = [...SERVICE_NAMES, 'identity'] as const;
const ownerParam = new ParseEnumPipe(Object.fromEntries(OWNERS.map((o) => [o, o])));
const EXPORT_LIMIT = 10_000;

/** Each service's audit trail, for the auditor and the managers of that service. */
@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(private readonly bus: ServiceBus, private readonly dataSource: DataSource) {}

  @Get(':owner')
  @ApiParam({ name: 'owner', enum: OWNERS, description: 'Whose trail: a service, or identity (sign-ins and user administration)' })
  @AllowForService('owner', AdminRpc.listAudit)
  @ReadDoc('Read an audit trail, newest first', PageOf(AuditEntryView))
  list(@Req() req: AuthenticatedRequest, @Param('owner', ownerParam) owner: Owner, @Query() query: ListAuditQuery): Promise<Page<AuditEntryView>> {
    return this.page(req, owner, query);
  }

  @Get(':owner/export.csv')
  @ApiParam({ name: 'owner', enum: OWNERS })
  @AllowForService('owner', AdminRpc.listAudit)
  @ApiProduces('text/csv')
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @ReadDoc('Export an audit trail as CSV', String, [], `The entries matching the filter, newest first, at most ${EXPORT_LIMIT}.`)
  async export(@Req() req: AuthenticatedRequest, @Param('owner', ownerParam) owner: Owner, @Query() query: ListAuditQuery): Promise<string> {
    const rows: AuditEntryView[] = [];
    for (let page = 1; rows.length < EXPORT_LIMIT; page++) {
      const batch = await this.page(req, owner, { ...query, page, pageSize: 200 });
      rows.push(...batch.items);
      if (batch.items.length < 200) break;
    }
    const header = ['id', 'at', 'actorId', 'actorRoles', 'command', 'target', 'requestId', 'outcome', 'status', 'summary'];
    const lines = rows.map((r) => [r.id, r.at, r.actorId, r.actorRoles.join(' '), r.command, r.target ?? '', r.requestId, r.outcome, r.status, JSON.stringify(r.summary)].map(csvCell).join(','));
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  }

  private page(req: AuthenticatedRequest, owner: Owner, query: ListAuditQuery): Promise<Page<AuditEntryView>> {
    return owner === 'identity' ? listAudit(this.dataSource, query) : this.bus.call(req, owner as ServiceName, AdminRpc.listAudit, query);
  }
}

/** RFC 4180 quoting; a leading = + - @ is neutralised so a spreadsheet does not run it as a formula. */
function csvCell(value: unknown): string {
  let text = String(value);
  if (/^[=+\-@]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  ExpectedExitView, GateCheckView, IncidentView, ListExpectedExitsQuery, ListGateChecksQuery, ListIncidentsQuery, RecordGateCheckRequest, ReportIncidentRequest, SecurityRpc,
} from '@ops/contracts';
import { Allow } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { ServiceBus } from './service-bus.js';

@ApiTags('security')
@Controller('security')
export class SecurityController {
  constructor(private readonly bus: ServiceBus) {}

  @Allow('security', SecurityRpc.reportIncident)
  @Post('incidents')
  @HttpCode(201)
  @CreateDoc('Report an incident', IncidentView, [], 'High and critical incidents must be acknowledged within 15 minutes. Theft, equipment damage and unauthorized goods exits in a warehouse location (`WAREHOUSE/LOCATION`) make inventory open a recount there.')
  reportIncident(@Req() req: AuthenticatedRequest, @Body() body: ReportIncidentRequest) {
    return this.bus.call(req, 'security', SecurityRpc.reportIncident, body);
  }

  @Allow('security', SecurityRpc.listIncidents)
  @Get('incidents')
  @ReadDoc('List incidents, newest first', PageOf(IncidentView))
  listIncidents(@Req() req: AuthenticatedRequest, @Query() query: ListIncidentsQuery) {
    return this.bus.call(req, 'security', SecurityRpc.listIncidents, query);
  }

  @Allow('security', SecurityRpc.listExpectedExits)
  @Get('expected-exits')
  @ReadDoc('Shipments the gate should see leave', PageOf(ExpectedExitView))
  listExpectedExits(@Req() req: AuthenticatedRequest, @Query() query: ListExpectedExitsQuery) {
    return this.bus.call(req, 'security', SecurityRpc.listExpectedExits, query);
  }

  @Post('gate-checks')
  @HttpCode(201)
  @Allow('security', SecurityRpc.recordGateCheck)
  @CreateDoc(
    'Check goods leaving at the gate',
    GateCheckView,
    [409],
    'Matches the shipment number on the papers and the pieces counted against the shipments the gate expects. The same count ' +
      'clears the shipment (`cleared`); a different count (`mismatch`) or unknown papers (`unknown_shipment`) record the check and ' +
      'raise a high-severity `unauthorized_goods_exit` incident. 409 when the shipment has already left.',
  )
  recordGateCheck(@Req() req: AuthenticatedRequest, @Body() body: RecordGateCheckRequest) {
    return this.bus.call(req, 'security', SecurityRpc.recordGateCheck, body);
  }

  @Get('gate-checks')
  @Allow('security', SecurityRpc.listGateChecks)
  @ReadDoc('List gate checks, newest first', PageOf(GateCheckView))
  listGateChecks(@Req() req: AuthenticatedRequest, @Query() query: ListGateChecksQuery) {
    return this.bus.call(req, 'security', SecurityRpc.listGateChecks, query);
  }
}

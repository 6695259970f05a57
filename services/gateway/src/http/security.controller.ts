import { Body, Controller, Get, HttpCode, Post, Query, Req } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ExpectedExitView, IncidentView, ListExpectedExitsQuery, ListIncidentsQuery, ReportIncidentRequest, SecurityRpc } from '@ops/contracts';
import type { FastifyRequest } from 'fastify';
import { CreateDoc, PageOf, ReadDoc } from '../openapi/docs.js';
import { ServiceBus } from './service-bus.js';

@ApiTags('security')
@Controller('security')
export class SecurityController {
  constructor(private readonly bus: ServiceBus) {}

  @Post('incidents')
  @HttpCode(201)
  @CreateDoc('Report an incident', IncidentView, [], 'High and critical incidents must be acknowledged within 15 minutes. Theft, equipment damage and unauthorized goods exits in a warehouse location (`WAREHOUSE/LOCATION`) make inventory open a recount there.')
  reportIncident(@Req() req: FastifyRequest, @Body() body: ReportIncidentRequest) {
    return this.bus.call(req, 'security', SecurityRpc.reportIncident, body);
  }

  @Get('incidents')
  @ReadDoc('List incidents, newest first', PageOf(IncidentView))
  listIncidents(@Req() req: FastifyRequest, @Query() query: ListIncidentsQuery) {
    return this.bus.call(req, 'security', SecurityRpc.listIncidents, query);
  }

  @Get('expected-exits')
  @ReadDoc('Shipments the gate should see leave', PageOf(ExpectedExitView))
  listExpectedExits(@Req() req: FastifyRequest, @Query() query: ListExpectedExitsQuery) {
    return this.bus.call(req, 'security', SecurityRpc.listExpectedExits, query);
  }
}

import { Controller, Get, HttpCode, Param, ParseEnumPipe, ParseIntPipe, Post, Query, Req } from '@nestjs/common';
import { ApiParam, ApiTags } from '@nestjs/swagger';
import { AdminRpc, DeadLetterView, ListDeadLettersQuery, ReplayOutcomeView, SERVICE_NAMES, type ServiceName } from '@ops/contracts';
import { AllowForService } from './access.js';
import type { AuthenticatedRequest } from './access.guard.js';
import { ReadDoc } from '../openapi/docs.js';
import { ServiceBus } from './service-bus.js';

const serviceParam = new ParseEnumPipe(Object.fromEntries(SERVICE_NAMES.map((s) => [s, s])));

@ApiTags('admin')
@Controller('admin')
export class AdminController {
  constructor(private readonly bus: ServiceBus) {}

  @Get(':service/dead-letters')
  @AllowForService('service', AdminRpc.listDeadLetters)
  @ApiParam({ name: 'service', enum: SERVICE_NAMES })
  @ReadDoc('Events a service\'s consumers gave up on, oldest first', [DeadLetterView])
  listDeadLetters(@Req() req: AuthenticatedRequest, @Param('service', serviceParam) service: ServiceName, @Query() query: ListDeadLettersQuery) {
    return this.bus.call(req, service, AdminRpc.listDeadLetters, query);
  }

  @Post(':service/dead-letters/:sequence/replay')
  @AllowForService('service', AdminRpc.replayDeadLetter)
  @HttpCode(200)
  @ApiParam({ name: 'service', enum: SERVICE_NAMES })
  @ReadDoc('Run a dead letter through its consumer again', ReplayOutcomeView, [409], 'On success the dead letter leaves the stream; if the handler fails again it stays, and 409 says why.')
  replayDeadLetter(@Req() req: AuthenticatedRequest, @Param('service', serviceParam) service: ServiceName, @Param('sequence', ParseIntPipe) sequence: number) {
    return this.bus.call(req, service, AdminRpc.replayDeadLetter, { sequence });
  }
}

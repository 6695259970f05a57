import { ArgumentsHost, Catch, HttpException, Logger, type ExceptionFilter } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { flatten, invalidRequest, problem, problemOf, type Problem } from '@ops/contracts';
import { DomainError } from '@ops/kernel';
import { databaseProblem, summarize } from '@ops/messaging';
import { IdentityService } from '../identity/identity.service.js';
import type { AuthenticatedRequest } from './access.guard.js';
import type { ValidationError } from 'class-validator';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Carries a problem produced anywhere (a service's answer, validation) to the filter below. */
export class ProblemException extends Error {
  constructor(readonly problem: Problem) {
    super(problem.title);
  }
}

export function validationProblem(errors: ValidationError[]): ProblemException {
  return new ProblemException(invalidRequest(flatten(errors)));
}

const SLUGS: Record<number, [string, string]> = {
  400: ['bad-request', 'The request is not valid'],
  401: ['unauthenticated', 'Not signed in'],
  403: ['forbidden', 'Not allowed'],
  404: ['not-found', 'Not found'],
  405: ['method-not-allowed', 'Method not allowed'],
  406: ['not-acceptable', 'Not acceptable'],
  413: ['payload-too-large', 'The request body is too large'],
  415: ['unsupported-media-type', 'Send the body as application/json'],
  429: ['too-many-requests', 'Too many requests'],
};

/**
 * Every error leaves the gateway as application/problem+json (domain.md §10). Nothing internal (stack,
 * SQL, class names) reaches the body; unexpected faults are logged with the request id instead.
 */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemFilter');

  constructor(private readonly identity: IdentityService) {}

  async catch(exception: unknown, host: ArgumentsHost): Promise<void> {
    const http = host.switchToHttp();
    const reply = http.getResponse<FastifyReply>();
    const request = http.getRequest<AuthenticatedRequest>();
    const body = this.toProblem(exception, request);
    if (body.status === 400) await this.auditBadInput(request, body);
    void reply.status(body.status).header('Content-Type', 'application/problem+json').send({ ...body, instance: request.url, requestId: String(request.id) });
  }

  /**
   * The gateway's own trail keeps every request refused for bad input, whether stopped here (a path
   * parameter, a query, a body of the gateway's own routes) or by the service's validation of a body
   * forwarded to it: who sent what to which operation, and each bad field. A service keeps a command it
   * refused in its own trail too. Sign-in and unrouted requests have no operation and are not kept.
   */
  private async auditBadInput(request: AuthenticatedRequest, body: Problem): Promise<void> {
    const op = request.operation;
    if (!op || !request.actor) return;
    const payload = { params: request.params, query: request.query, body: request.body };
    await this.identity.audit({
      command: op.name, actor: request.actor, requestId: String(request.id), target: null, outcome: 'rejected', status: 400,
      summary: { owner: op.owner, route: `${op.http.method} ${op.http.path}`, errors: body.errors ?? [{ field: '(request)', message: body.detail ?? body.title }], ...summarize(payload) },
    }).catch((error) => this.logger.error({ err: error, requestId: request.id }, 'could not audit a refused request'));
  }

  private toProblem(exception: unknown, request: FastifyRequest): Problem {
    if (exception instanceof ProblemException) return exception.problem;
    if (exception instanceof DomainError) return problemOf(exception);
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const [slug, title] = SLUGS[status] ?? ['http-error', 'Request failed'];
      const response = exception.getResponse();
      const message = typeof response === 'object' && response && 'message' in response ? (response as { message: unknown }).message : exception.message;
      return problem(status, slug, title, Array.isArray(message) ? message.join('; ') : String(message));
    }
    // Fastify's own refusals: malformed JSON, wrong content type, body too large.
    const fastifyError = exception as { statusCode?: number; code?: string; message?: string };
    if (fastifyError?.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
      const [slug, title] = SLUGS[fastifyError.statusCode] ?? ['bad-request', 'The request is not valid'];
      const detail = fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || /JSON/.test(fastifyError.message ?? '') ? 'The body is not valid JSON' : title;
      return problem(fastifyError.statusCode, slug, title, detail, fastifyError.statusCode === 400 ? [{ field: '(body)', message: detail }] : undefined);
    }
    // The gateway's own tables (sign-in, sessions, users) while Postgres is away: as a service would answer.
    const lost = databaseProblem('gateway', exception);
    if (lost) {
      this.logger.warn({ err: exception, url: request.url, requestId: request.id }, 'request not completed: the database went away');
      return lost;
    }
    this.logger.error({ err: exception, url: request.url, requestId: request.id }, 'unexpected error');
    return problem(500, 'internal-error', 'The gateway could not complete the request', `Quote request id ${request.id} when reporting this.`);
  }
}

/** The problem+json shape, for the OpenAPI document. */
export class FieldErrorDoc {
  @ApiProperty({ example: 'lines[0].quantity' }) field: string;
  @ApiProperty({ example: 'quantity must not be less than 1' }) message: string;
}

export class ProblemDoc {
  @ApiProperty({ example: 'https://ops-platform.dev/problems/validation-failed' }) type: string;
  @ApiProperty({ example: 'The request is not valid' }) title: string;
  @ApiProperty({ example: 400 }) status: number;
  @ApiPropertyOptional({ example: '1 field(s) need attention' }) detail?: string;
  @ApiPropertyOptional({ example: '/api/v1/sales/orders' }) instance?: string;
  @ApiPropertyOptional({ type: [FieldErrorDoc], description: 'One entry per bad field, with its path' }) errors?: FieldErrorDoc[];
  @ApiProperty({ example: '01938f2e-7c1a-7d3e-9f2b-5a6c7d8e9f01', description: 'The request id (also the X-Request-Id response header): the same in the gateway, every service the request reached, their logs and the audit trail. Quote it when reporting a problem.' }) requestId: string;
}

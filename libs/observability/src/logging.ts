import type { Params } from 'nestjs-pino';
import { activeTraceIds } from './tracing.js';

let processName: string | undefined;

/**
 * Names every log line of this process `name`, whatever service logs it: for a process that hosts several
 * services (services/host). nestjs-pino builds one root logger per process, from the first application's
 * parameters, so without this every line of the host would carry the first service's name.
 */
export function nameProcessLogs(name: string): void {
  processName = name;
}

/** JSON logs through pino with the active trace_id and span_id; LOG_LEVEL sets the level (tests default to `warn`). */
export function loggerParams(service: string, level = process.env.LOG_LEVEL ?? 'info'): Params {
  const name = processName ?? service;
  return {
    pinoHttp: {
      name,
      level,
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      // pino-http binds the request to a child logger for every request, logged or not, and a child's
      // bindings are serialised at once: all headers, each time, then redacted (about a tenth of the
      // gateway's CPU per request). The line names the request, not its headers, so no token or cookie
      // can reach a log and nothing is left to redact.
      serializers: { req: requestLine },
      // Every line carries the service, and inside a trace its ids, so a log line leads to its trace and back.
      // Added when a line is written: as customProps it cost a child logger per request, logged or not.
      mixin: () => ({ service: name, ...activeTraceIds() }),
    },
  };
}

/** What a log line says of a request (pino's standard serializer gives the fields it reads): no headers, no body. */
export function requestLine(req: { id?: unknown; method?: string; url?: string; remoteAddress?: string }): Record<string, unknown> {
  return { id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress };
}

import type { Params } from 'nestjs-pino';

/** JSON logs through pino; LOG_LEVEL sets the level (tests default to `warn`). */
export function loggerParams(name: string, level = process.env.LOG_LEVEL ?? 'info'): Params {
  return {
    pinoHttp: {
      name,
      level,
      autoLogging: { ignore: (req) => req.url === '/health' || req.url === '/metrics' },
      redact: ['req.headers.authorization', 'req.headers.cookie'],
      customProps: () => ({ service: name }),
    },
  };
}

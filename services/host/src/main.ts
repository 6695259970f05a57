import { installServiceTracing, nameProcessLogs } from '@ops/observability';

// Tracing first: its instrumentations must be in place before the services load pg and fastify.
await installServiceTracing('host', import.meta.url);
// One pino root logger serves every service here; its lines are the host's.
nameProcessLogs('host');
const { closeOnSignals, startHost } = await import('./index.js');
closeOnSignals(await startHost());

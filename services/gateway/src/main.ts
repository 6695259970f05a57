import { installServiceTracing } from '@ops/observability';

// Tracing first: its instrumentations must be in place before the app loads pg and fastify.
await installServiceTracing('gateway', import.meta.url);
const { closeOnSignals, startGateway } = await import('./index.js');
closeOnSignals(await startGateway());

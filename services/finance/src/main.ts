import { installServiceTracing } from '@ops/observability';

// Tracing first: its instrumentations must be in place before the app loads pg and fastify.
await installServiceTracing('finance', import.meta.url);
const { closeOnSignals, startFinance } = await import('./index.js');
closeOnSignals(await startFinance());

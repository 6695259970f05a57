import { installServiceTracing } from '@ops/observability';

// Tracing first: its instrumentations must be in place before the app loads pg and fastify.
await installServiceTracing('sales', import.meta.url);
const { closeOnSignals, startSales } = await import('./index.js');
closeOnSignals(await startSales());

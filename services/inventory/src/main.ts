import { installServiceTracing } from '@ops/observability';

// Tracing first: its instrumentations must be in place before the app loads pg and fastify.
await installServiceTracing('inventory', import.meta.url);
const { closeOnSignals, startInventory } = await import('./index.js');
closeOnSignals(await startInventory());

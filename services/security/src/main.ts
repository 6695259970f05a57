import { installServiceTracing } from '@ops/observability';

// Tracing first: its instrumentations must be in place before the app loads pg and fastify.
await installServiceTracing('security', import.meta.url);
const { closeOnSignals, startSecurity } = await import('./index.js');
closeOnSignals(await startSecurity());

// Imported first by main.ts: OpenTelemetry must be installed before pg and fastify are loaded, so that
// its instrumentations can patch them.
import { installServiceTracing } from '@ops/observability';

installServiceTracing('security', import.meta.url);

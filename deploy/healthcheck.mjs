// The image's HEALTHCHECK (node:*-slim has no curl): GET the readiness endpoint of the service this container
// runs (SERVICE) on its HTTP port, and exit 0 only on a 2xx answer within 3 s.
// Falls back to /health where /health/ready is not served (404).
const DEFAULT_PORTS = { gateway: 3000, sales: 3101, finance: 3102, inventory: 3103, security: 3104 };
const service = process.env.SERVICE ?? '';
const port = process.env[`${service.toUpperCase()}_HTTP_PORT`] || DEFAULT_PORTS[service];
if (!port) {
  console.error(`SERVICE must be one of ${Object.keys(DEFAULT_PORTS).join(', ')} (got "${service}")`);
  process.exit(1);
}
const get = (path) => fetch(`http://127.0.0.1:${port}${path}`, { signal: AbortSignal.timeout(3_000) });
try {
  let answer = await get(process.env.HEALTHCHECK_PATH ?? '/health/ready');
  if (answer.status === 404 && !process.env.HEALTHCHECK_PATH) answer = await get('/health');
  if (!answer.ok) console.error(`${service} health: ${answer.status} ${await answer.text()}`);
  process.exit(answer.ok ? 0 : 1);
} catch (error) {
  console.error(`${service} health: ${error.message}`);
  process.exit(1);
}

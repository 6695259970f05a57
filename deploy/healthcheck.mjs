// The image's HEALTHCHECK (node:*-slim has no curl): GET the readiness endpoint of the service this container
// runs (SERVICE) on its HTTP port, and exit 0 only on a 2xx answer within 3 s. SERVICE=host runs several
// services in one process (HOST_SERVICES, default all four): every one of them must answer.
// Falls back to /health where /health/ready is not served (404).
const DEFAULT_PORTS = { gateway: 3000, sales: 3101, finance: 3102, inventory: 3103, security: 3104 };
const HOSTABLE = ['sales', 'finance', 'inventory', 'security'];
const service = process.env.SERVICE ?? '';
const checked = service === 'host'
  ? (process.env.HOST_SERVICES || HOSTABLE.join(',')).split(',').map((name) => name.trim()).filter(Boolean)
  : [service];
const portOf = (name) => process.env[`${name.toUpperCase()}_HTTP_PORT`] || DEFAULT_PORTS[name];
const unknown = checked.filter((name) => !portOf(name));
if (!checked.length || unknown.length) {
  console.error(`SERVICE must be one of ${[...Object.keys(DEFAULT_PORTS), 'host'].join(', ')} (got "${service}")`);
  process.exit(1);
}

async function ready(name) {
  const get = (path) => fetch(`http://127.0.0.1:${portOf(name)}${path}`, { signal: AbortSignal.timeout(3_000) });
  try {
    let answer = await get(process.env.HEALTHCHECK_PATH ?? '/health/ready');
    if (answer.status === 404 && !process.env.HEALTHCHECK_PATH) answer = await get('/health');
    if (!answer.ok) console.error(`${name} health: ${answer.status} ${await answer.text()}`);
    return answer.ok;
  } catch (error) {
    console.error(`${name} health: ${error.message}`);
    return false;
  }
}

process.exit((await Promise.all(checked.map(ready))).every(Boolean) ? 0 : 1);

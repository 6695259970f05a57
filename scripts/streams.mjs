// The JetStream streams, set up by an operator step rather than by the services: `node scripts/streams.mjs
// apply` creates every declared stream or brings it to its declared subjects, limits (max age, max bytes) and
// replicas; `show` prints what the server has. Reads NATS_URL, SUBJECT_PREFIX and STREAM_REPLICAS (default 1;
// 3 on the Kubernetes cluster, where deploy/k8s runs this as the streams-setup job before the services).
// The declarations live in one place, libs/contracts/src/streams.ts; this runs on the built libraries.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from './lib/platform.mjs';

const [command = 'apply'] = process.argv.slice(2);
if (!['apply', 'show'].includes(command)) {
  console.error('usage: node scripts/streams.mjs apply|show   (NATS_URL, SUBJECT_PREFIX, STREAM_REPLICAS)');
  process.exit(2);
}
const built = join(ROOT, 'libs/messaging/dist/index.js');
if (!existsSync(built)) {
  console.error('libs/messaging is not built: run `node scripts/build.mjs` first');
  process.exit(1);
}
const { ALL_STREAMS, applyStreams, Naming } = await import(pathToFileURL(built).href);
const { connect } = await import('@nats-io/transport-node');
const { jetstreamManager } = await import('@nats-io/jetstream');

const replicas = Number(process.env.STREAM_REPLICAS ?? '1');
if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5) {
  console.error(`STREAM_REPLICAS must be 1 to 5, got "${process.env.STREAM_REPLICAS}"`);
  process.exit(2);
}
const naming = new Naming(process.env.SUBJECT_PREFIX ?? '');
const nc = await connect({ servers: process.env.NATS_URL ?? 'nats://127.0.0.1:4222', name: 'streams-setup', user: process.env.NATS_USER, pass: process.env.NATS_PASSWORD });
try {
  const jsm = await jetstreamManager(nc);
  if (command === 'apply') {
    for (const { stream, action } of await applyStreams(jsm, naming, replicas)) console.log(`${stream}: ${action}`);
  }
  for (const declaration of ALL_STREAMS) {
    const info = await jsm.streams.info(naming.stream(declaration.name)).catch(() => null);
    if (!info) {
      console.log(`${naming.stream(declaration.name)}: missing`);
      continue;
    }
    const c = info.config;
    console.log(`${c.name}: ${c.subjects.join(' ')}; replicas ${c.num_replicas}; max age ${c.max_age / 86_400e9} days; max bytes ${c.max_bytes}; ${info.state.messages} messages, ${info.state.bytes} bytes`);
  }
} finally {
  await nc.close();
}

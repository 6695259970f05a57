/**
 * The deployment files, checked without a cluster or Docker: the Kubernetes overlays rendered as `kubectl apply -k`
 * would (a small kustomize for the fields our kustomizations use; any other field fails the test), every document
 * validated against the official Kubernetes schemas (kubernetes-models, generated from the Kubernetes OpenAPI
 * spec), and the references between documents, the code and the docs: selectors, probes, ports, env names,
 * ConfigMap keys and Secret keys. The Dockerfile and docker-compose.yml are checked for what they must hold;
 * `npm run image:check` builds and starts the image's files for real.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as yaml from 'js-yaml';

const root = resolve(__dirname, '../../..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

type Doc = { apiVersion: string; kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; [key: string]: any };

// --- A small kustomize -------------------------------------------------------------------------------------

const SUPPORTED = new Set(['apiVersion', 'kind', 'namespace', 'resources', 'images', 'replicas', 'configMapGenerator', 'patches']);
const NAMESPACED_EXCEPT = new Set(['Namespace', 'ClusterRole', 'ClusterRoleBinding', 'PersistentVolume', 'StorageClass', 'IngressClass']);

function loadYaml(path: string): Doc[] {
  return (yaml.loadAll(readFileSync(path, 'utf8')) as Doc[]).filter(Boolean);
}

function pointer(path: string): string[] {
  return path.split('/').slice(1).map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function applyJsonPatch(doc: any, ops: { op: string; path: string; value?: unknown }[]): void {
  for (const { op, path, value } of ops) {
    const parts = pointer(path);
    const last = parts.pop()!;
    let node = doc;
    for (const part of parts) {
      if (node[part] === undefined) throw new Error(`patch path ${path} does not exist in ${doc.kind}/${doc.metadata.name}`);
      node = node[part];
    }
    if (op === 'add') {
      if (!Array.isArray(node)) node[last] = value;
      else if (last === '-') node.push(value);
      else node.splice(Number(last), 0, value);
    } else if (op === 'replace') {
      if (!(last in node)) throw new Error(`replace of missing ${path} in ${doc.kind}/${doc.metadata.name}`);
      node[last] = value;
    } else if (op === 'remove') {
      if (Array.isArray(node)) node.splice(Number(last), 1);
      else delete node[last];
    } else throw new Error(`patch op ${op} is not supported by this renderer`);
  }
}

function render(dir: string): Doc[] {
  const k = yaml.load(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as Record<string, any>;
  for (const field of Object.keys(k)) if (!SUPPORTED.has(field)) throw new Error(`${dir}/kustomization.yaml uses "${field}", which the test's renderer does not support: extend render() in deploy.spec.ts`);
  const docs: Doc[] = [];
  for (const resource of k.resources ?? []) {
    const path = join(dir, resource);
    docs.push(...(statSync(path).isDirectory() ? render(path) : loadYaml(path)));
  }
  for (const gen of k.configMapGenerator ?? []) {
    if (!gen.options?.disableNameSuffixHash) throw new Error(`${dir}: configMapGenerator ${gen.name} needs options.disableNameSuffixHash (the renderer does not compute kustomize's hash)`);
    const data = Object.fromEntries((gen.literals ?? []).map((l: string) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const existing = docs.find((d) => d.kind === 'ConfigMap' && d.metadata.name === gen.name);
    if (gen.behavior === 'merge' || gen.behavior === 'replace') {
      if (!existing) throw new Error(`${dir}: configMapGenerator ${gen.name} (${gen.behavior}) has no ConfigMap to change`);
      existing.data = gen.behavior === 'merge' ? { ...existing.data, ...data } : data;
    } else {
      if (existing) throw new Error(`${dir}: ConfigMap ${gen.name} exists already`);
      docs.push({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: gen.name }, data });
    }
  }
  for (const { target, patch } of k.patches ?? []) {
    const matches = docs.filter((d) => (!target.kind || d.kind === target.kind) && (!target.name || d.metadata.name === target.name));
    if (!matches.length) throw new Error(`${dir}: patch target ${JSON.stringify(target)} matches nothing`);
    for (const doc of matches) applyJsonPatch(doc, yaml.load(patch) as any);
  }
  for (const { name, count } of k.replicas ?? []) {
    const doc = docs.find((d) => ['Deployment', 'StatefulSet'].includes(d.kind) && d.metadata.name === name);
    if (!doc) throw new Error(`${dir}: replicas for unknown ${name}`);
    doc.spec.replicas = count;
  }
  for (const image of k.images ?? []) {
    for (const doc of docs) {
      for (const c of podSpec(doc)?.containers ?? []) {
        const [name] = c.image.split(':');
        if (name === image.name) c.image = `${image.newName ?? name}:${image.newTag ?? 'latest'}`;
      }
    }
  }
  if (k.namespace) for (const doc of docs) if (!NAMESPACED_EXCEPT.has(doc.kind)) doc.metadata.namespace = k.namespace;
  return docs;
}

function podSpec(doc: Doc): any {
  if (['Deployment', 'StatefulSet', 'Job', 'DaemonSet'].includes(doc.kind)) return doc.spec.template.spec;
  return undefined;
}

// --- The official schemas ----------------------------------------------------------------------------------

function validateAgainstSchema(doc: Doc): string[] {
  const modulePath = `kubernetes-models/${doc.apiVersion}/${doc.kind}`;
  let Model: any;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    Model = require(modulePath)[doc.kind];
  } catch {
    return [`${doc.apiVersion} ${doc.kind} is not a Kubernetes kind`];
  }
  try {
    new Model(doc).validate();
    return [];
  } catch (error: any) {
    return (error.errors ?? [{ message: error.message }]).map((e: any) => `${doc.kind}/${doc.metadata.name}${e.instancePath ?? ''}: ${e.message}`);
  }
}

// --- What the code reads ------------------------------------------------------------------------------------

const tagsOf = (dir: string): string[] => JSON.parse(read(`${dir}/package.json`)).nx?.tags ?? [];
// Every service (tag type:service) is a workload of its own; the host (type:host), which runs several in one process, is not deployed here.
const services = readdirSync(join(root, 'services')).filter((s) => existsSync(join(root, 'services', s, 'package.json')) && tagsOf(`services/${s}`).includes('type:service'));
const producers = services.filter((s) => s !== 'gateway');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && !f.endsWith('.d.ts'))
    .map((f) => join(dir, f));
}
const appSources = [...readdirSync(join(root, 'libs')).filter((l) => l !== 'testing').map((l) => `libs/${l}/src`), ...services.map((s) => `services/${s}/src`)]
  .flatMap(sourceFiles)
  .map(read)
  .join('\n');

/** Environment variables the processes read: `env.NAME`, `env['NAME']`, and `${upper}_…` per service. */
function envNamesRead(): Set<string> {
  const names = new Set<string>();
  for (const [, name] of appSources.matchAll(/env\.([A-Z][A-Z0-9_]*)/g)) names.add(name);
  for (const [, name] of appSources.matchAll(/env\[['"]([A-Z][A-Z0-9_]*)['"]\]/g)) names.add(name);
  for (const [, suffix] of appSources.matchAll(/env\[`\$\{upper\}(_[A-Z0-9_]+)`\]/g)) for (const s of services) names.add(`${s.toUpperCase()}${suffix}`);
  // The configuration schemas (libs/service-kit/src/env-schema.ts): `NAME: env.int(…)`, `[`${upper}_NAME`]: env.url(…)`;
  // secretFrom(variables, 'NAME', …) for secrets.
  for (const [, name] of appSources.matchAll(/^\s*([A-Z][A-Z0-9_]*): env\.\w+\(/gm)) names.add(name);
  for (const [, suffix] of appSources.matchAll(/\[`\$\{upper\}(_[A-Z0-9_]+)`\]: env\./g)) for (const s of services) names.add(`${s.toUpperCase()}${suffix}`);
  for (const [, name] of appSources.matchAll(/secretFrom\(\w+, '([A-Z][A-Z0-9_]*)'/g)) names.add(name);
  // Read by the runtime or a library, not by our code: the image's CMD picks the service by SERVICE; Node reads
  // NODE_OPTIONS; the OpenTelemetry SDK reads OTEL_SERVICE_NAME (libs/observability/src/tracing.ts says so).
  for (const name of ['SERVICE', 'NODE_OPTIONS', 'OTEL_SERVICE_NAME']) names.add(name);
  return names;
}

/** The default HTTP port of each process (libs/service-kit/src/config.ts). */
function defaultPorts(): Record<string, number> {
  const text = read('libs/service-kit/src/config.ts');
  const body = /DEFAULT_HTTP_PORTS[^=]*=\s*\{([^}]*)\}/.exec(text)![1];
  return Object.fromEntries([...body.matchAll(/(\w+):\s*(\d+)/g)].map(([, name, port]) => [name, Number(port)]));
}

/** Routes served outside /api/v1 by every process (the health controller's @Get paths). */
function healthRoutes(): Set<string> {
  const text = read('libs/service-kit/src/health.controller.ts');
  return new Set([...text.matchAll(/@Get\('([^']*)'\)/g)].map(([, path]) => `/${path}`));
}

/** Secrets an operator creates, as deploy/k8s/README.md says: `kubectl create secret generic NAME --from-literal=KEY=…`. */
function documentedSecrets(): Map<string, Set<string>> {
  const text = read('deploy/k8s/README.md').replace(/\\\n/g, ' ');
  const secrets = new Map<string, Set<string>>();
  for (const [command] of text.matchAll(/kubectl[^\n]*create secret generic[^\n]*/g)) {
    const name = /create secret generic\s+(\S+)/.exec(command)![1];
    secrets.set(name, new Set([...command.matchAll(/--from-literal=([A-Za-z0-9_.-]+)=/g)].map(([, key]) => key)));
  }
  return secrets;
}

// --- The checks ---------------------------------------------------------------------------------------------

const overlays = readdirSync(join(root, 'deploy/k8s/overlays'));

describe.each(overlays)('deploy/k8s/overlays/%s', (overlay) => {
  const docs = render(join(root, 'deploy/k8s/overlays', overlay));
  const kustomization = yaml.load(read(`deploy/k8s/overlays/${overlay}/kustomization.yaml`)) as any;
  const byKind = (kind: string) => docs.filter((d) => d.kind === kind);
  const deployments = byKind('Deployment');
  const configMaps = new Map(byKind('ConfigMap').map((c) => [c.metadata.name, c.data ?? {}]));
  const workloads = docs.filter((d) => ['Deployment', 'StatefulSet'].includes(d.kind));
  const matches = (selector: Record<string, string>, labels: Record<string, string> = {}) => Object.entries(selector).every(([k, v]) => labels[k] === v);

  it('every document is valid against the Kubernetes schema of its kind', () => {
    expect(docs.length).toBeGreaterThan(10);
    expect(docs.flatMap(validateAgainstSchema)).toEqual([]);
  });

  it('names are unique per kind, and every namespaced document is in the overlay namespace', () => {
    const ids = docs.map((d) => `${d.kind}/${d.metadata.name}`);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(docs.filter((d) => !NAMESPACED_EXCEPT.has(d.kind) && d.metadata.namespace !== kustomization.namespace).map((d) => d.metadata.name)).toEqual([]);
    expect(byKind('Namespace').map((n) => n.metadata.name)).toEqual([kustomization.namespace]);
  });

  it('one Deployment, Service, PodDisruptionBudget and CPU HorizontalPodAutoscaler per service and the gateway', () => {
    for (const service of services) {
      const deployment = deployments.find((d) => d.metadata.name === service);
      expect(deployment).toBeDefined();
      const labels = deployment!.spec.template.metadata.labels;
      expect(matches(deployment!.spec.selector.matchLabels, labels)).toBe(true);
      const svc = byKind('Service').find((s) => s.metadata.name === service);
      expect(svc && matches(svc.spec.selector, labels)).toBe(true);
      const pdb = byKind('PodDisruptionBudget').find((p) => matches(p.spec.selector.matchLabels, labels));
      expect(pdb).toBeDefined();
      const hpa = byKind('HorizontalPodAutoscaler').find((h) => h.spec.scaleTargetRef.kind === 'Deployment' && h.spec.scaleTargetRef.name === service);
      expect(hpa?.apiVersion).toBe('autoscaling/v2');
      expect(hpa!.spec.metrics.some((m: any) => m.type === 'Resource' && m.resource.name === 'cpu')).toBe(true);
      expect(hpa!.spec.minReplicas).toBeGreaterThanOrEqual(1);
      expect(hpa!.spec.maxReplicas).toBeGreaterThanOrEqual(hpa!.spec.minReplicas);
      // The autoscaler owns the count; a replicas field would be reset by every `kubectl apply`.
      expect(deployment!.spec.replicas).toBeUndefined();
    }
  });

  it('every Service, PodDisruptionBudget and HorizontalPodAutoscaler points at a workload and its named ports', () => {
    for (const svc of byKind('Service')) {
      const workload = workloads.find((w) => matches(svc.spec.selector, w.spec.template.metadata.labels));
      expect({ service: svc.metadata.name, found: Boolean(workload) }).toEqual({ service: svc.metadata.name, found: true });
      const containerPorts = workload!.spec.template.spec.containers.flatMap((c: any) => c.ports ?? []);
      for (const port of svc.spec.ports) {
        const target = port.targetPort ?? port.port;
        expect({ service: svc.metadata.name, target, found: containerPorts.some((p: any) => p.name === target || p.containerPort === target) })
          .toEqual({ service: svc.metadata.name, target, found: true });
      }
    }
    for (const pdb of byKind('PodDisruptionBudget')) expect(workloads.some((w) => matches(pdb.spec.selector.matchLabels, w.spec.template.metadata.labels))).toBe(true);
    for (const hpa of byKind('HorizontalPodAutoscaler')) expect(deployments.map((d) => d.metadata.name)).toContain(hpa.spec.scaleTargetRef.name);
    const ingress = byKind('Ingress');
    expect(ingress).toHaveLength(1);
    for (const path of ingress[0].spec.rules.flatMap((r: any) => r.http.paths)) {
      const svc = byKind('Service').find((s) => s.metadata.name === path.backend.service.name);
      expect(svc?.spec.ports.some((p: any) => p.name === path.backend.service.port.name || p.port === path.backend.service.port.number)).toBe(true);
    }
  });

  it('probes ask /health/live and /health/ready on the port the process serves', () => {
    const ports = defaultPorts();
    const routes = healthRoutes();
    expect(read('services/gateway/src/index.ts')).toMatch(/exclude:[^\n]*'health\/live'[^\n]*'health\/ready'/);
    for (const deployment of deployments) {
      const service = deployment.metadata.name;
      const [container] = deployment.spec.template.spec.containers;
      const env = Object.fromEntries((container.env ?? []).filter((e: any) => 'value' in e).map((e: any) => [e.name, e.value]));
      expect(env.SERVICE).toBe(service);
      const port = Number(env[`${service.toUpperCase()}_HTTP_PORT`] ?? ports[service]);
      const portOf = (ref: string | number) => (typeof ref === 'number' ? ref : container.ports.find((p: any) => p.name === ref)?.containerPort);
      expect({ service, liveness: container.livenessProbe.httpGet.path, readiness: container.readinessProbe.httpGet.path })
        .toEqual({ service, liveness: '/health/live', readiness: '/health/ready' });
      for (const probe of [container.livenessProbe, container.readinessProbe, container.startupProbe].filter(Boolean)) {
        expect(routes.has(probe.httpGet.path)).toBe(true);
        expect({ service, port: portOf(probe.httpGet.port) }).toEqual({ service, port });
      }
      expect(deployment.spec.template.metadata.annotations['prometheus.io/port']).toBe(String(port));
    }
  });

  it('every env name a Deployment sets is one the code reads, and every ConfigMap and Secret key it uses exists', () => {
    const known = envNamesRead();
    const secrets = documentedSecrets();
    for (const workload of [...deployments, ...byKind('StatefulSet'), ...byKind('Job')]) {
      for (const container of podSpec(workload).containers) {
        for (const e of container.env ?? []) {
          const ref = e.valueFrom?.secretKeyRef ?? e.valueFrom?.configMapKeyRef;
          if (e.valueFrom?.secretKeyRef) expect({ workload: workload.metadata.name, ref, documented: secrets.get(ref.name)?.has(ref.key) ?? false }).toEqual({ workload: workload.metadata.name, ref, documented: true });
          if (e.valueFrom?.configMapKeyRef) expect({ workload: workload.metadata.name, ref, exists: ref.key in (configMaps.get(ref.name) ?? {}) }).toEqual({ workload: workload.metadata.name, ref, exists: true });
        }
        for (const from of container.envFrom ?? []) if (from.configMapRef) expect(configMaps.has(from.configMapRef.name)).toBe(true);
        for (const volume of podSpec(workload).volumes ?? []) if (volume.configMap) expect(configMaps.has(volume.configMap.name)).toBe(true);
      }
    }
    for (const deployment of deployments) {
      const [container] = deployment.spec.template.spec.containers;
      const names = [
        ...(container.env ?? []).map((e: any) => e.name),
        ...(container.envFrom ?? []).flatMap((f: any) => Object.keys(configMaps.get(f.configMapRef?.name) ?? {})),
      ];
      expect({ deployment: deployment.metadata.name, unread: names.filter((n: string) => !known.has(n)) }).toEqual({ deployment: deployment.metadata.name, unread: [] });
      // Each process gets its own database URL (so each schema can move to a server of its own), and the actor secret.
      const secretKeys = (container.env ?? []).filter((e: any) => e.valueFrom?.secretKeyRef).map((e: any) => e.name);
      const service = deployment.metadata.name.toUpperCase();
      expect(secretKeys).toEqual(expect.arrayContaining([`${service}_DATABASE_URL`, 'OPS_ACTOR_SECRET', ...(service === 'GATEWAY' ? ['JWT_SECRET'] : [])]));
      expect(names.filter((n: string) => n.endsWith('_DATABASE_URL') || n === 'DATABASE_URL')).toEqual([`${service}_DATABASE_URL`]);
    }
  });

  it('every ops-platform container runs the overlay image as a non-root user with memory limits', () => {
    const image = kustomization.images.find((i: any) => i.name === 'ops-platform');
    for (const workload of [...deployments, ...byKind('Job')]) {
      const spec = podSpec(workload);
      for (const container of spec.containers) {
        expect(container.image).toBe(`${image.newName}:${image.newTag}`);
        expect(spec.securityContext.runAsNonRoot).toBe(true);
        expect(container.resources.limits.memory).toBeDefined();
        expect(container.resources.requests.memory).toBeDefined();
      }
    }
    expect(configMaps.get('ops-config')!.OPS_PROFILE).toBe(overlay === 'production' ? 'production' : 'demo');
  });

  it('NATS: three JetStream servers with routes, file storage on claims, and a consumer user that cannot publish events', () => {
    const nats = byKind('StatefulSet').find((s) => s.metadata.name === 'nats')!;
    expect(nats.spec.replicas).toBe(3);
    const headless = byKind('Service').find((s) => s.metadata.name === nats.spec.serviceName)!;
    expect(headless.spec.clusterIP).toBe('None');
    expect(nats.spec.volumeClaimTemplates[0].metadata.name).toBe('data');
    const conf: string = configMaps.get('nats-config')!['nats.conf'];
    for (let i = 0; i < 3; i += 1) expect(conf).toContain(`nats://nats-${i}.${headless.metadata.name}:6222`);
    expect(conf).toMatch(/jetstream\s*\{[^}]*store_dir:\s*\/data\//);
    const consumer = conf.slice(conf.indexOf('user: consumer'));
    const publishDeny = /publish\s*\{[\s\S]*?deny:\s*\[([^\]]*)\]/.exec(consumer)![1];
    const subscribeAllow = /subscribe\s*\{[\s\S]*?allow:\s*\[([^\]]*)\]/.exec(consumer)![1];
    for (const service of producers) {
      expect(publishDeny).toContain(`"${service}.>"`);
      expect(subscribeAllow).toContain(`"${service}.>"`);
      expect(consumer).toContain(`$JS.API.CONSUMER.CREATE.${service.toUpperCase()}.>`);
    }
    expect(publishDeny).toContain('"$JS.API.STREAM.CREATE.>"');
    // The streams' subjects are `<service>.>` (libs/contracts/src/streams.ts).
    expect(read('libs/contracts/src/streams.ts')).toContain('subjects: [`${service}.>`]');
    const job = byKind('Job').find((j) => j.metadata.name === 'streams-setup')!;
    const [container] = job.spec.template.spec.containers;
    expect(container.command).toEqual(['node', 'scripts/streams.mjs', 'apply']);
    expect(container.env.find((e: any) => e.name === 'STREAM_REPLICAS').value).toBe(String(nats.spec.replicas));
  });
});

describe('the renderer and the schemas catch mistakes', () => {
  it('a broken manifest fails', () => {
    const [deployment] = render(join(root, 'deploy/k8s/overlays/production')).filter((d) => d.kind === 'Deployment');
    deployment.spec.template.spec.containers[0].ports[0].containerPort = 'http';
    delete deployment.spec.selector;
    const errors = validateAgainstSchema(deployment).join('\n');
    expect(errors).toMatch(/containerPort: must be integer/);
    expect(errors).toMatch(/must have required property selector/);
    expect(() => applyJsonPatch(deployment, [{ op: 'replace', path: '/spec/nothing/here', value: 1 }])).toThrow();
  });
});

describe('deploy/Dockerfile', () => {
  const text = read('deploy/Dockerfile');
  it('builds on node:24-slim and runs the built output as node, production profile, with a node health check', () => {
    expect(text.match(/^FROM node:24-slim\b/gm)).toHaveLength(2);
    expect(text).toMatch(/^USER node$/m);
    expect(text).toMatch(/OPS_PROFILE=production/);
    expect(text).toMatch(/MALLOC_MMAP_THRESHOLD_=/);
    expect(text).toMatch(/^HEALTHCHECK .*CMD \["node", "deploy\/healthcheck.mjs"\]/m);
    expect(text).toMatch(/npm prune --omit=dev/);
    expect(read('deploy/healthcheck.mjs')).toContain("'/health/ready'");
    expect(read('.dockerignore').split('\n')).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.git']));
  });
});

describe('docker-compose.yml', () => {
  // Compose files use YAML 1.1 merge keys (`<<: *service`).
  const compose = yaml.load(read('docker-compose.yml'), { schema: yaml.YAML11_SCHEMA }) as any;
  const prometheus = yaml.load(read('deploy/observability/prometheus.yml')) as any;
  const ports = defaultPorts();
  it('every process is health-checked, waits for healthy Postgres and NATS, exports traces and is scraped', () => {
    expect(compose.services.nats.healthcheck.test.join(' ')).toContain('/healthz?js-enabled-only=true');
    const targets = prometheus.scrape_configs.flatMap((c: any) => c.static_configs.flatMap((s: any) => s.targets));
    for (const service of services) {
      const s = compose.services[service];
      expect(s.depends_on.postgres.condition).toBe('service_healthy');
      expect(s.depends_on.nats.condition).toBe('service_healthy');
      expect(s.healthcheck.test).toEqual(['CMD', 'node', 'deploy/healthcheck.mjs']);
      expect(s.environment.SERVICE).toBe(service);
      expect(s.environment.OTEL_SERVICE_NAME).toBe(service);
      expect(s.environment.OTEL_EXPORTER_OTLP_ENDPOINT).toMatch(/^http:\/\/otel-collector:4318$/);
      expect(targets).toContain(`${service}:${s.environment[`${service.toUpperCase()}_HTTP_PORT`] ?? ports[service]}`);
    }
  });
  it('every file it mounts exists', () => {
    const mounts = Object.values(compose.services).flatMap((s: any) => s.volumes ?? []).map((v: string) => v.split(':')[0]).filter((v: string) => v.startsWith('./'));
    expect(mounts.length).toBeGreaterThan(3);
    expect(mounts.filter((m: string) => !existsSync(join(root, m)))).toEqual([]);
    const providers = yaml.load(read('deploy/observability/grafana/provisioning/dashboards/ops.yml')) as any;
    expect(providers.providers[0].options.path).toBe('/var/lib/grafana/dashboards');
  });
});

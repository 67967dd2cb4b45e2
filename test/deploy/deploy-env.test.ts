// The root docker-compose.yml, the Kubernetes manifests (deploy/k8s) and the Prometheus scrape
// configs match the services: every environment key they set is in the service's config schema,
// every required key is set, images/Dockerfiles/ports/probes line up, and the local port table is
// the same everywhere (compose, prometheus.local.yml, docs/operations.md).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { aggregatorConfigSchema } from '@driftline/aggregator';
import { cliConfigSchema } from '@driftline/cli';
import { detectorConfigSchema } from '@driftline/detector';
import { eraserConfigSchema } from '@driftline/eraser';
import { joinerConfigSchema } from '@driftline/joiner';
import { triggerConfigSchema } from '@driftline/trigger';
import { repoRoot } from '../support/repo-root.ts';

interface Shape { readonly shape: Readonly<Record<string, { safeParse(value: unknown): { success: boolean } }>> }

const SCHEMAS: Readonly<Record<string, Shape>> = {
  aggregator: aggregatorConfigSchema, joiner: joinerConfigSchema, detector: detectorConfigSchema, trigger: triggerConfigSchema, eraser: eraserConfigSchema,
};
const SERVICES = Object.keys(SCHEMAS);
/** The local port table (docs/operations.md): where each service listens on 127.0.0.1 outside containers. */
const LOCAL_PORTS: Readonly<Record<string, number>> = { aggregator: 9464, joiner: 9465, detector: 9466, trigger: 9467, eraser: 9468 };
const CONTAINER_PORT = 9464;

const read = (path: string): string => readFileSync(join(repoRoot, path), 'utf8');
const keysOf = (schema: Shape): string[] => Object.keys(schema.shape);
/** Keys without a default that must be set (zod: undefined does not parse). */
const requiredOf = (schema: Shape): string[] => Object.entries(schema.shape).filter(([, t]) => !t.safeParse(undefined).success).map(([k]) => k);

describe('docker-compose.yml', () => {
  interface ComposeService { image?: string; build?: { context: string; dockerfile: string }; environment?: Record<string, unknown>; ports?: string[]; depends_on?: Record<string, unknown>; healthcheck?: { test: string[] }; volumes?: string[]; command?: string[] }
  const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };

  it.each(SERVICES)('%s: env keys are in its config schema, required ones set, image built from its Dockerfile, port published as in the table', (service) => {
    const s = compose.services[service];
    expect(s, service).toBeDefined();
    const env = Object.keys(s?.environment ?? {});
    const schema = SCHEMAS[service]!;
    expect(env.filter((k) => !keysOf(schema).includes(k))).toEqual([]);
    expect(requiredOf(schema).filter((k) => !env.includes(k))).toEqual([]);
    expect(String(s?.environment?.['HTTP_PORT'])).toBe(String(CONTAINER_PORT));
    expect(s?.environment?.['HTTP_HOST']).toBe('0.0.0.0');
    expect(s?.build?.dockerfile).toBe(`services/${service}/Dockerfile`);
    expect(existsSync(join(repoRoot, s?.build?.dockerfile ?? '-'))).toBe(true);
    expect(s?.image).toMatch(new RegExp(`^driftline/${service}:`));
    expect(s?.ports).toEqual([`127.0.0.1:${LOCAL_PORTS[service]}:${CONTAINER_PORT}`]);
    expect(s?.healthcheck?.test.join(' ')).toContain(`127.0.0.1:${CONTAINER_PORT}/readyz`);
  });

  it('creates the topics with the CLI before the services start, with keys of the CLI config', () => {
    const topics = compose.services['topics'];
    expect(topics?.command).toContain('services/cli/src/main.ts');
    expect(Object.keys(topics?.environment ?? {}).filter((k) => !keysOf(cliConfigSchema).includes(k))).toEqual([]);
    for (const service of SERVICES) expect(compose.services[service]?.depends_on?.['topics'], service).toEqual({ condition: 'service_completed_successfully' });
  });

  it('depends only on services it defines', () => {
    const names = Object.keys(compose.services);
    for (const [name, s] of Object.entries(compose.services)) expect(Object.keys(s.depends_on ?? {}).filter((d) => !names.includes(d)), name).toEqual([]);
  });

  it('mounts the Grafana dashboards where the provisioning provider reads them, and the Prometheus config directory', () => {
    const provider = parse(read('deploy/grafana/provisioning/dashboards/driftline.yaml')) as { providers: { options: { path: string } }[] };
    const path = provider.providers[0]?.options.path;
    expect(compose.services['grafana']?.volumes).toContain(`./deploy/grafana/dashboards:${path ?? '-'}:ro`);
    expect(compose.services['prometheus']?.volumes).toContain('./deploy/prometheus:/etc/prometheus:ro');
  });
});

describe('Prometheus scrape configs', () => {
  interface Config { rule_files: string[]; scrape_configs: { job_name: string; static_configs?: { targets: string[] }[] }[] }
  const targetsOf = (file: string): Record<string, string[]> => Object.fromEntries((parse(read(file)) as Config).scrape_configs.map((c) => [c.job_name, c.static_configs?.flatMap((s) => s.targets) ?? []]));

  it('scrapes each service in the compose network on its container port (prometheus.yml)', () => {
    const targets = targetsOf('deploy/prometheus/prometheus.yml');
    for (const service of SERVICES) expect(targets[service], service).toEqual([`${service}:${CONTAINER_PORT}`]);
  });

  it('scrapes each local service on its port of the table (prometheus.local.yml)', () => {
    const targets = targetsOf('deploy/prometheus/prometheus.local.yml');
    for (const service of SERVICES) expect(targets[service], service).toEqual([`127.0.0.1:${LOCAL_PORTS[service]}`]);
  });

  it('names the jobs of the Kubernetes config after the pods\' app.kubernetes.io/name (prometheus.k8s.yml)', () => {
    const config = parse(read('deploy/prometheus/prometheus.k8s.yml')) as { scrape_configs: { relabel_configs: { source_labels?: string[]; target_label?: string }[] }[] };
    const relabel = config.scrape_configs[0]?.relabel_configs ?? [];
    expect(relabel.find((r) => r.target_label === 'job')?.source_labels).toEqual(['__meta_kubernetes_pod_label_app_kubernetes_io_name']);
  });

  it('docs/operations.md lists the same local ports', () => {
    const doc = read('docs/operations.md');
    for (const service of SERVICES) expect(doc).toMatch(new RegExp(`^\\| ${service} \\| ${LOCAL_PORTS[service]} \\|`, 'm'));
  });
});

describe('Kubernetes manifests (deploy/k8s)', () => {
  interface EnvVar { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string }; secretKeyRef?: { name: string; key: string; optional?: boolean } } }
  interface Container { name: string; image: string; ports?: { name: string; containerPort: number }[]; envFrom?: { configMapRef?: { name: string } }[]; env?: EnvVar[]; livenessProbe?: { httpGet: { path: string; port: string } }; readinessProbe?: { httpGet: { path: string; port: string } }; resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }
  interface Manifest { kind: string; metadata: { name: string; namespace?: string; labels?: Record<string, string> }; data?: Record<string, string>; spec?: { selector?: Record<string, unknown>; ports?: { port: number; targetPort: string }[]; template?: { metadata?: { labels?: Record<string, string> }; spec: { containers: Container[] } } } }

  const base = join(repoRoot, 'deploy/k8s/base');
  const files = (function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]));
  })(base).filter((f) => f.endsWith('.yaml'));
  const manifests = files.filter((f) => !f.endsWith('kustomization.yaml')).flatMap((f) => parseAllDocuments(readFileSync(f, 'utf8')).map((d) => d.toJS() as Manifest));
  const configMaps = new Map(manifests.filter((m) => m.kind === 'ConfigMap').map((m) => [m.metadata.name, m.data ?? {}]));
  const deployments = manifests.filter((m) => m.kind === 'Deployment');
  const secretKeys = [...read('deploy/k8s/overlays/example/credentials.env.example').matchAll(/^#?([A-Z_]+)=/gm)].map((m) => m[1]);

  /** The env names a container gets, from its config maps and its env list. */
  const envNames = (c: Container): string[] => [
    ...(c.envFrom ?? []).flatMap((f) => Object.keys(configMaps.get(f.configMapRef?.name ?? '') ?? {})),
    ...(c.env ?? []).map((e) => e.name),
  ];

  it('lists every manifest in the base kustomization, all in namespace driftline', () => {
    const kustomization = parse(readFileSync(join(base, 'kustomization.yaml'), 'utf8')) as { resources: string[] };
    expect(kustomization.resources.slice().sort()).toEqual(files.filter((f) => !f.endsWith('kustomization.yaml')).map((f) => relative(base, f)).sort());
    for (const m of manifests) if (m.kind !== 'Namespace') expect(m.metadata.namespace, `${m.kind} ${m.metadata.name}`).toBe('driftline');
  });

  it('has one Deployment and one Service per service', () => {
    expect(deployments.map((d) => d.metadata.name).sort()).toEqual([...SERVICES].sort());
    expect(manifests.filter((m) => m.kind === 'Service').map((s) => s.metadata.name).sort()).toEqual([...SERVICES].sort());
  });

  it.each(SERVICES)('%s: env keys in its config schema, required ones set, references resolve, probes, resources, port', (service) => {
    const deployment = deployments.find((d) => d.metadata.name === service);
    const container = deployment?.spec?.template?.spec.containers[0];
    expect(container?.image).toMatch(new RegExp(`^driftline/${service}:`));
    const schema = SCHEMAS[service]!;
    const names = envNames(container!);
    expect(names.filter((k) => !keysOf(schema).includes(k))).toEqual([]);
    expect(requiredOf(schema).filter((k) => !names.includes(k))).toEqual([]);
    for (const f of container?.envFrom ?? []) expect(configMaps.has(f.configMapRef?.name ?? ''), f.configMapRef?.name).toBe(true);
    for (const e of container?.env ?? []) {
      const secret = e.valueFrom?.secretKeyRef;
      if (secret !== undefined) {
        expect(secret.name).toBe('driftline-credentials');
        expect(secretKeys, `${e.name} ← ${secret.key}`).toContain(secret.key);
        expect(secret.optional, e.name).toBe(!requiredOf(schema).includes(e.name));
      }
    }
    expect(String(configMaps.get('driftline-common')?.['HTTP_PORT'])).toBe(String(CONTAINER_PORT));
    expect(container?.ports).toEqual([{ name: 'http', containerPort: CONTAINER_PORT }]);
    expect(container?.livenessProbe?.httpGet).toEqual({ path: '/livez', port: 'http' });
    expect(container?.readinessProbe?.httpGet).toEqual({ path: '/readyz', port: 'http' });
    expect(container?.resources?.requests?.['memory']).toBeDefined();
    expect(container?.resources?.limits?.['memory']).toBeDefined();
    const svc = manifests.find((m) => m.kind === 'Service' && m.metadata.name === service);
    expect(svc?.spec?.selector).toEqual({ 'app.kubernetes.io/name': service });
    expect(deployment?.spec?.template?.metadata?.labels?.['app.kubernetes.io/name']).toBe(service);
    expect(svc?.spec?.ports).toEqual([{ name: 'http', port: CONTAINER_PORT, targetPort: 'http' }]);
  });

  it('creates the topics with a Job whose env keys are the CLI\'s and whose config map keys exist', () => {
    const job = manifests.find((m) => m.kind === 'Job');
    const container = job?.spec?.template?.spec.containers[0];
    expect(envNames(container!).filter((k) => !keysOf(cliConfigSchema).includes(k))).toEqual([]);
    for (const e of container?.env ?? []) {
      const ref = e.valueFrom?.configMapKeyRef;
      if (ref !== undefined) expect(Object.keys(configMaps.get(ref.name) ?? {}), `${ref.name}/${ref.key}`).toContain(ref.key);
    }
  });

  it('the example overlay only sets keys every service reads in the common config map', () => {
    const patch = parse(read('deploy/k8s/overlays/example/connections.yaml')) as Manifest;
    expect(patch.metadata.name).toBe('driftline-common');
    for (const key of Object.keys(patch.data ?? {})) for (const service of SERVICES) expect(keysOf(SCHEMAS[service]!), `${service}: ${key}`).toContain(key);
  });
});

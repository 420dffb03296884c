#!/usr/bin/env node
// Fallback generator of multi-document Kubernetes manifests, for a clone without ../shared/bench.
// A smaller cousin of ../shared/bench/gen.mjs (seeded; Pods, Deployments, StatefulSets, Jobs and
// CronJobs with 1-3 containers, resources, probes, env and init containers).
//
//   node bench/gen.mjs --out bench/data --sizes 100,1000,5000 [--seed 42]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { stringify } = require('yaml');

const args = { out: 'bench/data', sizes: [100, 1000, 5000], seed: 42 };
for (let i = 2; i < process.argv.length; i++) {
  const k = process.argv[i];
  const v = process.argv[++i];
  if (k === '--out') args.out = v;
  else if (k === '--sizes') args.sizes = v.split(',').map(Number);
  else if (k === '--seed') args.seed = Number(v);
  else throw new Error(`unknown argument ${k}`);
}

function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)), pick: (a) => a[Math.floor(next() * a.length)], chance: (p) => next() < p };
}

const CPU = ['50m', '100m', '250m', '500m', '1', '2'];
const MEM = ['64Mi', '128Mi', '256Mi', '512Mi', '1Gi', '2Gi'];
const LIM = {
  '50m': '200m',
  '100m': '250m',
  '250m': '1',
  '500m': '1',
  1: '2',
  2: '4',
  '64Mi': '128Mi',
  '128Mi': '256Mi',
  '256Mi': '512Mi',
  '512Mi': '1Gi',
  '1Gi': '2Gi',
  '2Gi': '4Gi',
};

function probe(r, port) {
  const p = r.chance(0.7) ? { httpGet: { path: '/healthz', port } } : { tcpSocket: { port } };
  return { ...p, initialDelaySeconds: r.int(0, 30), periodSeconds: r.pick([5, 10, 15]), ...(r.chance(0.4) ? { failureThreshold: r.int(3, 6) } : {}) };
}

function container(r, name) {
  const cpu = r.pick(CPU);
  const memory = r.pick(MEM);
  const port = r.pick([8080, 8443, 9000]);
  const c = {
    name,
    image: `registry.example.com/${name}:${r.int(1, 9)}.${r.int(0, 20)}.${r.int(0, 9)}`,
    ports: [{ name: 'http', containerPort: port }],
    env: [
      { name: 'APP_NAME', value: name },
      { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
    ],
    resources: { requests: { cpu, memory }, ...(r.chance(0.8) ? { limits: { cpu: LIM[cpu], memory: LIM[memory] } } : {}) },
  };
  if (r.chance(0.6)) c.livenessProbe = probe(r, port);
  c.readinessProbe = probe(r, port);
  return c;
}

function podSpec(r, app, restartPolicy) {
  const containers = Array.from({ length: r.pick([1, 1, 1, 2, 3]) }, (_, i) => container(r, i === 0 ? app : `${app}-${i}`));
  const spec = {};
  if (r.chance(0.25))
    spec.initContainers = [
      { name: 'migrate', image: 'busybox:1.36.1', command: ['sh', '-c', 'true'], resources: { requests: { cpu: '10m', memory: '16Mi' } } },
    ];
  spec.containers = containers;
  if (restartPolicy) spec.restartPolicy = restartPolicy;
  spec.terminationGracePeriodSeconds = r.pick([10, 30, 60]);
  return spec;
}

function object(r, i) {
  const app = `${r.pick(['api', 'worker', 'gateway', 'indexer', 'cache'])}-${i}`;
  const metadata = { name: app, namespace: r.pick(['prod', 'staging', 'dev']), labels: { app } };
  const template = (restartPolicy) => ({ metadata: { labels: { app } }, spec: podSpec(r, app, restartPolicy) });
  switch (r.pick(['Deployment', 'Deployment', 'StatefulSet', 'Pod', 'Job', 'CronJob'])) {
    case 'Pod':
      return { apiVersion: 'v1', kind: 'Pod', metadata, spec: podSpec(r, app) };
    case 'StatefulSet':
      return {
        apiVersion: 'apps/v1',
        kind: 'StatefulSet',
        metadata,
        spec: { serviceName: app, replicas: r.int(1, 5), selector: { matchLabels: { app } }, template: template() },
      };
    case 'Job':
      return { apiVersion: 'batch/v1', kind: 'Job', metadata, spec: { backoffLimit: 4, template: template('OnFailure') } };
    case 'CronJob':
      return { apiVersion: 'batch/v1', kind: 'CronJob', metadata, spec: { schedule: '*/15 * * * *', jobTemplate: { spec: { template: template('Never') } } } };
    default:
      return {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata,
        spec: { replicas: r.int(1, 10), selector: { matchLabels: { app } }, template: template() },
      };
  }
}

mkdirSync(args.out, { recursive: true });
for (const n of args.sizes) {
  const r = rng(args.seed + n);
  const docs = Array.from({ length: n }, (_, i) => stringify(object(r, i), { lineWidth: 0 }));
  const file = join(args.out, `k8s-${n}.yaml`);
  writeFileSync(file, `---\n${docs.join('---\n')}`);
  console.error(`[gen] ${file}: ${n} objects`);
}

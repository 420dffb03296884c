#!/usr/bin/env node
// What `kubectl get -o yaml` and `-o json` print, made by kubectl itself: test/data/kubectl-get/.
//
//   node scripts/kubectl-get-fixtures.mjs [--kubectl PATH]
//
// kubectl v1.32 talks to a stand-in API server on 127.0.0.1 (a random port, for the run only) that answers
// discovery and serves the pods and Deployments below as the API server returns them (defaults, status, owner
// references); kubectl's own printers write the files: a List for several objects (`kind: List`, keys sorted,
// `metadata.resourceVersion: ""`), the object alone for one. The JSON streams are jq's, as people make them
// (`kubectl get pods -o json | jq -c '.items[]'`). Nothing here runs in the tests: they read the files.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(repo, 'test/data/kubectl-get');
const kubectl = process.argv.includes('--kubectl') ? process.argv[process.argv.indexOf('--kubectl') + 1] : 'kubectl';

// ---------------------------------------------------------------- the objects, as the API server returns them

const created = '2026-03-02T09:14:07Z';
const tolerations = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];
const apiAccess = (suffix) => ({
  name: `kube-api-access-${suffix}`,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  },
});
const mount = (suffix) => ({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: `kube-api-access-${suffix}`, readOnly: true });
const containerDefaults = { imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' };
const podSpecDefaults = {
  dnsPolicy: 'ClusterFirst',
  enableServiceLinks: true,
  preemptionPolicy: 'PreemptLowerPriority',
  priority: 0,
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  serviceAccount: 'default',
  serviceAccountName: 'default',
  terminationGracePeriodSeconds: 30,
};
const runningStatus = (containers, qosClass, ip, init = []) => ({
  conditions: [
    { lastProbeTime: null, lastTransitionTime: created, status: 'True', type: 'PodReadyToStartContainers' },
    { lastProbeTime: null, lastTransitionTime: created, status: 'True', type: 'Initialized' },
    { lastProbeTime: null, lastTransitionTime: created, status: 'True', type: 'Ready' },
    { lastProbeTime: null, lastTransitionTime: created, status: 'True', type: 'ContainersReady' },
    { lastProbeTime: null, lastTransitionTime: created, status: 'True', type: 'PodScheduled' },
  ],
  containerStatuses: containers.map((c, i) => ({
    containerID: `containerd://${(i + 7).toString(16).repeat(64).slice(0, 64)}`,
    image: `docker.io/library/${c.image}`,
    imageID: `docker.io/library/${c.image.split(':')[0]}@sha256:${'a1b2c3d4'.repeat(8)}`,
    lastState: {},
    name: c.name,
    ready: true,
    restartCount: 0,
    started: true,
    state: { running: { startedAt: created } },
  })),
  hostIP: '10.0.12.4',
  hostIPs: [{ ip: '10.0.12.4' }],
  ...(init.length
    ? {
        initContainerStatuses: init.map((c) => ({
          containerID: `containerd://${'e'.repeat(64)}`,
          image: `docker.io/library/${c.image}`,
          imageID: `docker.io/library/${c.image.split(':')[0]}@sha256:${'0f1e2d3c'.repeat(8)}`,
          lastState: {},
          name: c.name,
          ready: true,
          restartCount: 0,
          started: false,
          state: { terminated: { containerID: `containerd://${'e'.repeat(64)}`, exitCode: 0, finishedAt: created, reason: 'Completed', startedAt: created } },
        })),
      }
    : {}),
  phase: 'Running',
  podIP: ip,
  podIPs: [{ ip }],
  qosClass,
  startTime: created,
});

const webContainer = {
  ...containerDefaults,
  image: 'nginx:1.27',
  name: 'app',
  ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
  readinessProbe: { failureThreshold: 3, httpGet: { path: '/', port: 'http', scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
  resources: { limits: { memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } },
};
const webPod = (name, suffix, ip) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    creationTimestamp: created,
    generateName: 'web-7d4b9c8f6d-',
    labels: { app: 'web', 'pod-template-hash': '7d4b9c8f6d' },
    name,
    namespace: 'default',
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: 'ReplicaSet',
        name: 'web-7d4b9c8f6d',
        uid: '3f6c1d2e-8a4b-4c1d-9e2f-5a6b7c8d9e01',
      },
    ],
    resourceVersion: String(48213 + ip.length),
    uid: suffix === 'x2x7k' ? '0b7e4a1c-2f4a-4d6b-8c1e-9a0b1c2d3e4f' : '0b7e4a1d-2f4a-4d6b-8c1e-9a0b1c2d3e50',
  },
  spec: {
    ...podSpecDefaults,
    containers: [{ ...webContainer, volumeMounts: [mount(suffix)] }],
    nodeName: 'worker-1',
    tolerations,
    volumes: [apiAccess(suffix)],
  },
  status: runningStatus([webContainer], 'Burstable', ip),
});

const apiContainers = [
  {
    ...containerDefaults,
    image: 'ghcr.io/example/api:2.4.1',
    name: 'api',
    resources: { limits: { cpu: '500m', memory: '512Mi' }, requests: { cpu: '500m', memory: '512Mi' } },
  },
  {
    ...containerDefaults,
    image: 'envoyproxy/envoy:v1.31.0',
    name: 'proxy',
    resources: { limits: { cpu: '100m', memory: '64Mi' }, requests: { cpu: '100m', memory: '64Mi' } },
  },
];
const migrate = {
  ...containerDefaults,
  command: ['/bin/migrate', '--wait'],
  image: 'ghcr.io/example/api:2.4.1',
  name: 'migrate',
  resources: { limits: { cpu: '200m', memory: '128Mi' }, requests: { cpu: '200m', memory: '128Mi' } },
};
const apiPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    creationTimestamp: created,
    generateName: 'api-5f8d7b6c9-',
    labels: { app: 'api', 'pod-template-hash': '5f8d7b6c9' },
    name: 'api-5f8d7b6c9-q8w2n',
    namespace: 'default',
    ownerReferences: [
      {
        apiVersion: 'apps/v1',
        blockOwnerDeletion: true,
        controller: true,
        kind: 'ReplicaSet',
        name: 'api-5f8d7b6c9',
        uid: '7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d',
      },
    ],
    resourceVersion: '48290',
    uid: '5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a',
  },
  spec: {
    ...podSpecDefaults,
    containers: apiContainers.map((c) => ({ ...c, volumeMounts: [mount('q8w2n')] })),
    initContainers: [{ ...migrate, volumeMounts: [mount('q8w2n')] }],
    nodeName: 'worker-2',
    tolerations,
    volumes: [apiAccess('q8w2n')],
  },
  status: runningStatus(apiContainers, 'Guaranteed', '10.244.2.17', [migrate]),
};

const debugContainer = { ...containerDefaults, command: ['sleep', '3600'], image: 'busybox:1.36', name: 'debug', resources: {}, stdin: true, tty: true };
const debugPod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    creationTimestamp: created,
    labels: { run: 'debug' },
    name: 'debug',
    namespace: 'default',
    resourceVersion: '48377',
    uid: '9c8b7a6f-5e4d-4c3b-2a1f-0e9d8c7b6a5f',
  },
  spec: {
    ...podSpecDefaults,
    containers: [{ ...debugContainer, volumeMounts: [mount('7tq9p')] }],
    nodeName: 'worker-1',
    tolerations,
    volumes: [apiAccess('7tq9p')],
  },
  status: runningStatus([debugContainer], 'BestEffort', '10.244.1.31'),
};

const pods = [webPod('web-7d4b9c8f6d-x2x7k', 'x2x7k', '10.244.1.23'), webPod('web-7d4b9c8f6d-m9zl4', 'm9zl4', '10.244.2.9'), apiPod, debugPod];

const deployment = (name, uid, replicas, template, generation) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: {
    annotations: { 'deployment.kubernetes.io/revision': '1' },
    creationTimestamp: created,
    generation,
    labels: { app: name },
    name,
    namespace: 'default',
    resourceVersion: String(48100 + generation),
    uid,
  },
  spec: {
    progressDeadlineSeconds: 600,
    replicas,
    revisionHistoryLimit: 10,
    selector: { matchLabels: { app: name } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
    template,
  },
  status: {
    availableReplicas: replicas,
    conditions: [
      {
        lastTransitionTime: created,
        lastUpdateTime: created,
        message: 'Deployment has minimum availability.',
        reason: 'MinimumReplicasAvailable',
        status: 'True',
        type: 'Available',
      },
      {
        lastTransitionTime: created,
        lastUpdateTime: created,
        message: `ReplicaSet "${name}" has successfully progressed.`,
        reason: 'NewReplicaSetAvailable',
        status: 'True',
        type: 'Progressing',
      },
    ],
    observedGeneration: generation,
    readyReplicas: replicas,
    replicas,
    updatedReplicas: replicas,
  },
});
const templateDefaults = {
  dnsPolicy: 'ClusterFirst',
  restartPolicy: 'Always',
  schedulerName: 'default-scheduler',
  securityContext: {},
  terminationGracePeriodSeconds: 30,
};
const deployments = [
  deployment(
    'web',
    '1e2d3c4b-5a69-4788-9a0b-c1d2e3f4a5b6',
    2,
    { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { ...templateDefaults, containers: [webContainer] } },
    1,
  ),
  deployment(
    'api',
    '2f3e4d5c-6b7a-4899-8a1b-d2e3f4a5b6c7',
    1,
    { metadata: { creationTimestamp: null, labels: { app: 'api' } }, spec: { ...templateDefaults, containers: apiContainers, initContainers: [migrate] } },
    3,
  ),
];

// ---------------------------------------------------------------- the stand-in API server

const json = (response, body) => {
  response.writeHead(200, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(body));
};
const list = (kind, apiVersion, items) => ({ apiVersion, items, kind, metadata: { resourceVersion: '48400' } });
const resource = (name, kind, shortNames) => ({ kind, name, namespaced: true, shortNames, singularName: kind.toLowerCase(), verbs: ['get', 'list'] });
function answer(request, response) {
  const url = new URL(request.url, 'http://localhost');
  const path = url.pathname;
  if (path === '/api')
    return json(response, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }] });
  if (path === '/apis') {
    const apps = { name: 'apps', preferredVersion: { groupVersion: 'apps/v1', version: 'v1' }, versions: [{ groupVersion: 'apps/v1', version: 'v1' }] };
    return json(response, { apiVersion: 'v1', groups: [apps], kind: 'APIGroupList' });
  }
  if (path === '/api/v1')
    return json(response, { apiVersion: 'v1', groupVersion: 'v1', kind: 'APIResourceList', resources: [resource('pods', 'Pod', ['po'])] });
  if (path === '/apis/apps/v1')
    return json(response, {
      apiVersion: 'v1',
      groupVersion: 'apps/v1',
      kind: 'APIResourceList',
      resources: [resource('deployments', 'Deployment', ['deploy'])],
    });
  if (path === '/api/v1/namespaces/default/pods') return json(response, list('PodList', 'v1', pods));
  if (path === '/apis/apps/v1/namespaces/default/deployments') return json(response, list('DeploymentList', 'apps/v1', deployments));
  const pod = pods.find((p) => path === `/api/v1/namespaces/default/pods/${p.metadata.name}`);
  if (pod) return json(response, pod);
  const found = deployments.find((d) => path === `/apis/apps/v1/namespaces/default/deployments/${d.metadata.name}`);
  if (found) return json(response, found);
  response.writeHead(404, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify({ apiVersion: 'v1', code: 404, kind: 'Status', message: `${path} not found`, reason: 'NotFound', status: 'Failure' }));
}

const server = createServer(answer);
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const { port } = server.address();
const home = mkdtempSync(join(tmpdir(), 'pod-lens-kubectl-get-'));
const kubeconfig = join(home, 'config');
writeFileSync(
  kubeconfig,
  [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: stand-in',
    `  cluster: {server: "http://127.0.0.1:${port}"}`,
    'contexts:',
    '- name: stand-in',
    '  context: {cluster: stand-in, user: nobody, namespace: default}',
    'current-context: stand-in',
    'users:',
    '- name: nobody',
    '  user: {}',
    '',
  ].join('\n'),
);

function run(command, args, input) {
  // kubectl waits for the server: run it asynchronously so that this process keeps answering.
  return new Promise((done, fail) => {
    const child = spawn(command, args, { env: { ...process.env, KUBECONFIG: kubeconfig, HOME: home }, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => (code === 0 ? done(out) : fail(new Error(`${command} ${args.join(' ')}: ${code}\n${err}`))));
    child.stdin.end(input ?? '');
  });
}

try {
  mkdirSync(outDir, { recursive: true });
  const files = {
    'get-pods.yaml': ['get', 'pods', '-o', 'yaml'],
    'get-pods.json': ['get', 'pods', '-o', 'json'],
    'get-deployments.yaml': ['get', 'deployments', '-o', 'yaml'],
    'get-deployments.json': ['get', 'deployments', '-o', 'json'],
    'get-deployments-and-pods.yaml': ['get', 'deployments,pods', '-o', 'yaml'],
    'get-pod.yaml': ['get', 'pod', 'api-5f8d7b6c9-q8w2n', '-o', 'yaml'],
  };
  for (const [name, args] of Object.entries(files)) writeFileSync(join(outDir, name), await run(kubectl, args));
  const podsJson = await run(kubectl, ['get', 'pods', '-o', 'json']);
  writeFileSync(join(outDir, 'pods-jq-c.json'), await run('jq', ['-c', '.items[]'], podsJson));
  writeFileSync(join(outDir, 'pods-jq.json'), await run('jq', ['.items[]'], podsJson));
  console.log(`wrote ${Object.keys(files).length + 2} files to ${outDir}`);
} finally {
  server.close();
  rmSync(home, { recursive: true, force: true });
}

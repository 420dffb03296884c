import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyzeText, defaultNode } from '../../../server/src/engine/analyze';
import { readClusterObjects } from '../../../server/src/engine/admission';
import { buildReportFile, type ReportObject } from '../../../server/src/engine/report';

/**
 * The admission plugins on by default, applied from objects in the same
 * input: real LimitRange, ResourceQuota, PriorityClass and RuntimeClass
 * manifests, with the numbers and the plugins' own sentences.
 */

const dataDir = path.join(__dirname, '..', '..', '..', '..', 'test', 'data', 'admission');

function analyzed(file: string, namespace?: string): ReportObject[] {
  const text = fs.readFileSync(path.join(dataDir, file), 'utf8');
  const result = analyzeText(text, { node: defaultNode, cluster: { objects: readClusterObjects(text, namespace), namespace } });
  return buildReportFile(file, result).objects;
}

function object(objects: ReportObject[], name: string): ReportObject {
  const found = objects.find((candidate) => candidate.name === name);
  assert.ok(found, name);
  return found;
}

function errors(found: ReportObject): [string, string][] {
  return found.diagnostics.filter((d) => d.severity === 'error').map((d) => [d.code, d.message]);
}

test('LimitRange defaults fill missing requests and limits, after API defaulting, init containers too', () => {
  const objects = analyzed('limit-range-defaults.yaml');
  const web = object(objects, 'web');
  assert.equal(web.qosClass, 'Burstable');
  assert.deepEqual(web.requests, { cpuMilli: 300, memoryBytes: 268435456 });
  const rows = web.containers!.map((c) => [
    c.name,
    c.requests.cpuMilli,
    c.requests.memoryBytes,
    c.limits.cpuMilli,
    c.limits.memoryBytes,
    c.cgroup.cpuShares,
    c.cgroup.oomScoreAdj,
    c.defaults,
  ]);
  const all = {
    'limits.cpu': 'LimitRange/defaults',
    'limits.memory': 'LimitRange/defaults',
    'requests.cpu': 'LimitRange/defaults',
    'requests.memory': 'LimitRange/defaults',
  };
  assert.deepEqual(rows, [
    ['app', 100, 134217728, 500, 268435456, 102, 993, all],
    // limits.cpu 200m alone: the API server's defaulting makes it the request before LimitRanger runs, so defaultRequest (100m) is not used.
    ['cache', 200, 134217728, 200, 268435456, 204, 993, { 'limits.memory': 'LimitRange/defaults', 'requests.memory': 'LimitRange/defaults' }],
    ['migrate', 100, 134217728, 500, 268435456, 102, 993, all],
  ]);
  assert.equal(web.diagnostics.filter((d) => d.code.startsWith('missing-')).length, 0);
  // Another namespace: untouched, BestEffort.
  const elsewhere = object(objects, 'elsewhere');
  assert.equal(elsewhere.qosClass, 'BestEffort');
  assert.equal(elsewhere.containers![0].defaults, undefined);
});

test('objects without a namespace are in the one given, else default', () => {
  // The LimitRange names namespace shop; with --namespace shop the Deployment "elsewhere" (namespace other) is still untouched.
  const objects = analyzed('limit-range-defaults.yaml', 'shop');
  assert.equal(object(objects, 'web').qosClass, 'Burstable');
  assert.equal(object(objects, 'elsewhere').qosClass, 'BestEffort');
  // The bounds LimitRange and the pods name none: in namespace "team" they are together, and the LimitRange applies.
  const bounds = analyzed('limit-range-bounds.yaml', 'team');
  assert.deepEqual(
    errors(object(bounds, 'too-big')).map(([code]) => code),
    ['limit-range-max'],
  );
  assert.equal(object(bounds, 'from-max').qosClass, 'Guaranteed');
});

test("LimitRange min, max and maxLimitRequestRatio refuse pods in the plugin's words", () => {
  const objects = analyzed('limit-range-bounds.yaml');
  assert.deepEqual(errors(object(objects, 'too-big')), [
    ['limit-range-max', 'pods "too-big" is forbidden: maximum cpu usage per Container is 2, but limit is 4'],
  ]);
  assert.deepEqual(errors(object(objects, 'bursty')), [
    ['limit-range-ratio', 'pods "bursty" is forbidden: memory max limit to request ratio per Container is 2, but provided ratio is 3.000000'],
  ]);
  assert.deepEqual(errors(object(objects, 'pod-total')), [
    ['limit-range-max', 'pods "pod-total" is forbidden: maximum memory usage per Pod is 1536Mi, but limit is 2Gi'],
  ]);
  assert.equal(object(objects, 'too-big').invalid, true);
  // A max with no default: the LimitRange's own defaulting makes max the default limit and the default request, so the pod is Guaranteed.
  const fromMax = object(objects, 'from-max');
  assert.equal(fromMax.qosClass, 'Guaranteed');
  assert.deepEqual(fromMax.containers![0].requests, { cpuMilli: 2000, memoryBytes: 1073741824 });
  assert.equal(fromMax.containers![0].cgroup.oomScoreAdj, -997);
});

test("ResourceQuota requires cpu and memory values of every container, in the plugin's words", () => {
  const objects = analyzed('resource-quota.yaml');
  assert.deepEqual(errors(object(objects, 'sloppy')), [
    [
      'resource-quota-required',
      'pods "sloppy" is forbidden: failed quota: compute: must specify limits.memory for: app,setup; requests.cpu for: app,sidecar; requests.memory for: setup',
    ],
  ]);
  const api = object(objects, 'api');
  assert.deepEqual(errors(api), []);
  const notes = api.diagnostics.filter((d) => d.code === 'resource-quota-scope-unsupported').map((d) => d.message);
  assert.deepEqual(notes, ['ResourceQuota cross-namespace in namespace team is not applied: Pod Lens does not evaluate its CrossNamespacePodAffinity scope']);
});

test('how many replicas a quota holds', () => {
  const text = fs.readFileSync(path.join(dataDir, 'resource-quota.yaml'), 'utf8');
  const result = analyzeText(text, { node: defaultNode, cluster: { objects: readClusterObjects(text) } });
  const api = result.documents.find((d) => d.objects[0]?.workload.name === 'api')!.objects[0].analysis!;
  // The BestEffort-scoped quota does not match a Burstable pod.
  assert.deepEqual(api.admission?.quotas, [
    {
      quota: 'compute',
      namespace: 'team',
      replicas: 6,
      limitedBy: 'requests.cpu',
      resources: [
        { name: 'requests.cpu', hard: '2', perPod: '300m', pods: 6 },
        { name: 'requests.memory', hard: '2Gi', perPod: '256Mi', pods: 8 },
        { name: 'limits.memory', hard: '3Gi', perPod: '512Mi', pods: 6 },
        { name: 'pods', hard: '10', perPod: '1', pods: 10 },
      ],
    },
  ]);
});

test('PriorityClass values reach the eviction order; a globalDefault class applies to pods without a name', () => {
  const objects = analyzed('priority-runtime.yaml');
  const checkout = object(objects, 'checkout');
  assert.match(checkout.eviction!.reasons.at(-1)!, /^priority 1000000 \(PriorityClass\/high\): /);
  const plain = object(objects, 'plain');
  assert.match(plain.eviction!.reasons.at(-1)!, /^priority 1000 \(PriorityClass\/everyday \(globalDefault\)\): /);
});

test("RuntimeClass overhead joins the pod's requests; another overhead is refused", () => {
  const objects = analyzed('priority-runtime.yaml');
  const checkout = object(objects, 'checkout');
  // 500m + 250m, 512Mi + 160Mi.
  assert.deepEqual(checkout.requests, { cpuMilli: 750, memoryBytes: 704643072 });
  // A limit the pod has grows by the overhead too: 1 CPU + 250m, 512Mi + 160Mi.
  assert.deepEqual(checkout.limits, { cpuMilli: 1250, memoryBytes: 704643072 });
  assert.deepEqual(errors(object(objects, 'own-overhead')), [
    ['runtimeclass-overhead', `pods "own-overhead" is forbidden: pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead`],
  ]);
  assert.deepEqual(errors(object(objects, 'overhead-without')), [
    ['runtimeclass-overhead', 'pods "overhead-without" is forbidden: pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead'],
  ]);
});

test('a name not found in the inputs is a note, never an error', () => {
  const unknown = object(analyzed('priority-runtime.yaml'), 'unknown-names');
  assert.deepEqual(errors(unknown), []);
  assert.deepEqual(
    unknown.diagnostics.filter((d) => d.code === 'admission-object-not-found').map((d) => [d.severity, d.message]),
    [
      ['information', 'PriorityClass "gold" is not in the inputs: its priority is unknown here; the cluster must hold it, or the pod is refused'],
      [
        'information',
        `RuntimeClass "wasm" is not in the inputs: its overhead (if any) is not counted in the pod's requests; the cluster must hold it, or the pod is refused`,
      ],
    ],
  );
});

test('a default limit below a written request is refused by the pod validation that follows admission', () => {
  const text = [
    'apiVersion: v1',
    'kind: LimitRange',
    'metadata: { name: small }',
    'spec:',
    '  limits:',
    '    - type: Container',
    '      default: { cpu: 500m }',
    '      defaultRequest: { cpu: 100m }',
    '---',
    'apiVersion: v1',
    'kind: Pod',
    'metadata: { name: p }',
    'spec:',
    '  containers:',
    '    - name: app',
    '      image: nginx',
    '      resources:',
    '        requests: { cpu: "1" }',
    '',
  ].join('\n');
  const result = analyzeText(text, { node: defaultNode, cluster: { objects: readClusterObjects(text) } });
  const findings = result.documents[1].objects[0].findings.filter((f) => f.severity === 'error').map((f) => [f.code, f.message]);
  assert.deepEqual(findings, [
    ['request-exceeds-limit', 'spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m'],
  ]);
});

test('without objects in the inputs nothing changes', () => {
  const text = fs.readFileSync(path.join(dataDir, 'limit-range-defaults.yaml'), 'utf8').replace(/^kind: LimitRange/m, 'kind: ConfigMap');
  const result = analyzeText(text, { node: defaultNode, cluster: { objects: readClusterObjects(text) } });
  assert.equal(result.documents[1].objects[0].analysis!.qos.qosClass, 'Burstable'); // cache has a cpu limit
  assert.equal(result.documents[1].objects[0].analysis!.containers[0].defaults, undefined);
});

test("a template's pods refused by admission: a warning in the controller's event words, and the workload keeps its numbers", () => {
  const objects = analyzed('template-refusals.yaml');
  const warnings = (found: ReportObject) => found.diagnostics.filter((d) => d.severity === 'warning').map((d) => [d.code, d.message]);
  const web = object(objects, 'web');
  assert.deepEqual(errors(web), []);
  assert.deepEqual(warnings(web), [
    [
      'limit-range-max',
      'the API server accepts this Deployment, but refuses every pod its controller creates from the template (FailedCreate: pods "web-…" is forbidden: maximum cpu usage per Container is 2, but limit is 4)',
    ],
  ]);
  assert.equal(web.invalid, undefined);
  assert.equal(web.qosClass, 'Burstable');
  assert.deepEqual(web.limits, { cpuMilli: 4000, memoryBytes: 268435456 });
  // A StatefulSet's first pod is db-0; the default limit 500m is below the written request 1, which the pod's validation refuses.
  const db = object(objects, 'db');
  assert.deepEqual(errors(db), []);
  assert.deepEqual(warnings(db), [
    [
      'request-exceeds-limit',
      'the API server accepts this StatefulSet, but every pod its controller creates from the template is invalid once the LimitRange\'s defaults are in (FailedCreate: Pod "db-0" is invalid: spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m)',
    ],
  ]);
});

test('an empty runtimeClassName or priorityClassName names no object: no note that one is missing', () => {
  const text = 'apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  runtimeClassName: ""\n  priorityClassName: ""\n  containers: [{name: a, image: b}]\n';
  const codes = analyzeText(text, { node: defaultNode, cluster: { objects: readClusterObjects(text) } }).documents[0].objects[0].findings.map((f) => f.code);
  assert.equal(codes.includes('admission-object-not-found'), false, codes.join(', '));
});

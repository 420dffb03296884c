import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { analyzeText, objectIndexAt, type ObjectResult } from '../../server/src/engine/analyze';
import { customResourceTable } from '../../server/src/engine/custom-resources';
import { buildReportFile } from '../../server/src/engine/report';

/**
 * Custom resources that carry pod templates, from their projects' own
 * examples (test/data/custom-resources, each with its source at the top):
 * one object per pod template, judged by that pod spec only.
 */

const dataDir = path.join(__dirname, '..', '..', '..', 'test', 'data', 'custom-resources');
const fixture = (name: string) => readFileSync(path.join(dataDir, name), 'utf8');
const objectsOf = (text: string): ObjectResult[] => analyzeText(text).documents.flatMap((d) => d.objects);

interface Expected {
  file: string;
  kind: string;
  /** Per pod template: its path, label, QoS class, and `container:cpu.shares/oom_score_adj` of each container. */
  templates: [podSpecPath: string, label: string | null, qos: string, containers: string][];
}

const table: Expected[] = [
  { file: 'argo-rollout-canary.yaml', kind: 'Rollout', templates: [['spec.template.spec', null, 'BestEffort', 'rollouts-demo:2/1000']] },
  // Knative names its containers itself (user-container…): two unnamed containers are no refusal.
  { file: 'knative-multi-container.yaml', kind: 'Service', templates: [['spec.template.spec', null, 'BestEffort', '#0:2/1000 #1:2/1000']] },
  {
    file: 'kubeflow-pytorchjob-simple.yaml',
    kind: 'PyTorchJob',
    templates: [
      ['spec.pytorchReplicaSpecs.Master.template.spec', 'PyTorchJob Master', 'BestEffort', 'pytorch:2/1000'],
      ['spec.pytorchReplicaSpecs.Worker.template.spec', 'PyTorchJob Worker', 'BestEffort', 'pytorch:2/1000'],
    ],
  },
  {
    file: 'jobset-success-policy.yaml',
    kind: 'JobSet',
    templates: [
      ['spec.replicatedJobs[0].template.spec.template.spec', 'replicated job leader', 'BestEffort', 'leader:2/1000'],
      ['spec.replicatedJobs[1].template.spec.template.spec', 'replicated job workers', 'BestEffort', 'worker:2/1000'],
    ],
  },
  {
    file: 'lws-multi-template.yaml',
    kind: 'LeaderWorkerSet',
    templates: [
      ['spec.leaderWorkerTemplate.leaderTemplate.spec', 'LeaderWorkerSet leader', 'Burstable', 'nginx2:51/999'],
      ['spec.leaderWorkerTemplate.workerTemplate.spec', 'LeaderWorkerSet worker', 'Burstable', 'nginx:51/999'],
    ],
  },
  {
    file: 'ray-cluster-heterogeneous.yaml',
    kind: 'RayCluster',
    templates: [
      ['spec.headGroupSpec.template.spec', 'RayCluster head', 'BestEffort', 'ray-head:2/1000'],
      ['spec.workerGroupSpecs[0].template.spec', 'worker group small-group', 'Burstable', 'ray-worker:204/999 init-myservice:2/999'],
      ['spec.workerGroupSpecs[1].template.spec', 'worker group medium-group', 'Burstable', 'ray-worker:1024/999 init-myservice:2/999'],
    ],
  },
  {
    // Volcano's Job reuses the built-in kind name in its own group: judged as Volcano's, never as batch/v1's.
    file: 'volcano-tf-example.yaml',
    kind: 'Job',
    templates: [
      ['spec.tasks[0].template.spec', 'task ps', 'BestEffort', 'tensorflow:2/1000'],
      ['spec.tasks[1].template.spec', 'task worker', 'BestEffort', 'tensorflow:2/1000'],
    ],
  },
  // The Secret beside it (data not even base64) is no workload: only the ScaledJob's pod template is judged.
  {
    file: 'keda-scaledjob-rabbitmq.yaml',
    kind: 'ScaledJob',
    templates: [['spec.jobTargetRef.template.spec', null, 'BestEffort', 'demo-rabbitmq-client:2/1000']],
  },
  { file: 'kruise-cloneset-sample.yaml', kind: 'CloneSet', templates: [['spec.template.spec', null, 'BestEffort', 'main:2/1000']] },
  // `rollingParams:` left empty (null) is the DeploymentConfig's own business, outside the pod spec.
  { file: 'openshift-deploymentconfig-simple.yaml', kind: 'DeploymentConfig', templates: [['spec.template.spec', null, 'BestEffort', 'myapp:2/1000']] },
  {
    // Limits only: the requests default to them, so 1 CPU (1024 shares) and Guaranteed (-997).
    file: 'kubeflow-mpijob-pi.yaml',
    kind: 'MPIJob',
    templates: [
      ['spec.mpiReplicaSpecs.Launcher.template.spec', 'MPIJob Launcher', 'Guaranteed', 'mpi-launcher:1024/-997'],
      ['spec.mpiReplicaSpecs.Worker.template.spec', 'MPIJob Worker', 'Guaranteed', 'mpi-worker:1024/-997'],
    ],
  },
  { file: 'kubeflow-notebook-v1.yaml', kind: 'Notebook', templates: [['spec.template.spec', null, 'BestEffort', 'notebook-sample-v1:2/1000']] },
  // A Revision as the cluster served it: its spec is the pod spec; Knative's readiness probe port 0 (the queue proxy's) is no refusal.
  { file: 'knative-revision-served.yaml', kind: 'Revision', templates: [['spec', null, 'BestEffort', 'user-container:2/1000']] },
  {
    // 200m requested: 204 shares; no memory request, so Burstable at the 999 ceiling.
    file: 'ray-job-sample.yaml',
    kind: 'RayJob',
    templates: [
      ['spec.rayClusterSpec.headGroupSpec.template.spec', 'RayJob head', 'Burstable', 'ray-head:204/999'],
      ['spec.rayClusterSpec.workerGroupSpecs[0].template.spec', 'worker group small-group', 'Burstable', 'ray-worker:204/999'],
    ],
  },
  {
    // 2Gi requested on the assumed 16Gi node: 1000 - 1000 * 2 / 16 = 875.
    file: 'ray-service-sample.yaml',
    kind: 'RayService',
    templates: [
      ['spec.rayClusterConfig.headGroupSpec.template.spec', 'RayService head', 'Burstable', 'ray-head:2048/875'],
      ['spec.rayClusterConfig.workerGroupSpecs[0].template.spec', 'worker group small-group', 'Burstable', 'ray-worker:512/875'],
    ],
  },
];

for (const { file, kind, templates } of table) {
  test(`${file}: one object per pod template, with its own numbers and no error`, () => {
    const objects = objectsOf(fixture(file));
    const containerText = (o: ObjectResult) =>
      (o.analysis?.containers ?? []).map((c) => `${c.resources.name}:${c.cgroup.cpuShares}/${c.cgroup.oomScoreAdj}`).join(' ');
    assert.deepEqual(
      objects.map((o) => [o.workload.podSpecPath, o.template?.label ?? null, o.analysis?.qos.qosClass ?? 'none', containerText(o)]),
      templates,
    );
    for (const object of objects) {
      assert.equal(object.workload.kind, kind);
      assert.equal(object.invalid, false);
      assert.deepEqual(
        object.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => `${f.code}: ${f.message}`),
        [],
      );
    }
  });
}

test('the table of custom resources is the one sources.md gives', () => {
  assert.deepEqual(
    customResourceTable().map((row) => `${row.group} ${row.kind}: ${row.podSpecPaths.join(', ')}`),
    [
      'argoproj.io Rollout: spec.template.spec',
      'serving.knative.dev Service: spec.template.spec',
      'serving.knative.dev Configuration: spec.template.spec',
      'serving.knative.dev Revision: spec',
      'keda.sh ScaledJob: spec.jobTargetRef.template.spec',
      'kubeflow.org PyTorchJob: spec.pytorchReplicaSpecs.*.template.spec',
      'kubeflow.org TFJob: spec.tfReplicaSpecs.*.template.spec',
      'kubeflow.org XGBoostJob: spec.xgbReplicaSpecs.*.template.spec',
      'kubeflow.org PaddleJob: spec.paddleReplicaSpecs.*.template.spec',
      'kubeflow.org MPIJob: spec.mpiReplicaSpecs.*.template.spec',
      'kubeflow.org Notebook: spec.template.spec',
      'ray.io RayCluster: spec.headGroupSpec.template.spec, spec.workerGroupSpecs[].template.spec',
      'ray.io RayJob: spec.rayClusterSpec.headGroupSpec.template.spec, spec.rayClusterSpec.workerGroupSpecs[].template.spec',
      'ray.io RayService: spec.rayClusterConfig.headGroupSpec.template.spec, spec.rayClusterConfig.workerGroupSpecs[].template.spec',
      'apps.kruise.io CloneSet: spec.template.spec',
      'apps.kruise.io StatefulSet: spec.template.spec',
      'apps.kruise.io DaemonSet: spec.template.spec',
      'batch.volcano.sh Job: spec.tasks[].template.spec',
      'jobset.x-k8s.io JobSet: spec.replicatedJobs[].template.spec.template.spec',
      'leaderworkerset.x-k8s.io LeaderWorkerSet: spec.leaderWorkerTemplate.leaderTemplate.spec, spec.leaderWorkerTemplate.workerTemplate.spec',
      'apps.openshift.io DeploymentConfig: spec.template.spec',
    ],
  );
});

/** A RayCluster worker group with one line changed from the kuberay sample. */
function rayWith(from: string, to: string): string {
  const text = fixture('ray-cluster-heterogeneous.yaml');
  assert.ok(text.includes(from), from);
  return text.replace(from, to);
}

test('inside the pod spec: an unknown field is refused by strict validation, a unit slip is reported', () => {
  const unknown = objectsOf(rayWith('        initContainers: # to avoid', '        initContainer: # to avoid'));
  assert.deepEqual(
    unknown.flatMap((o) => o.findings.filter((f) => f.severity === 'error').map((f) => [o.workload.podSpecPath, f.code, f.message])),
    [['spec.workerGroupSpecs[0].template.spec', 'unknown-field', 'unknown field "spec.workerGroupSpecs[0].template.spec.initContainer"']],
  );
  const slip = objectsOf(rayWith('              cpu: "200m"\n', '              cpu: "200m"\n              memory: 128m\n'));
  const slips = slip.flatMap((o) => o.findings.filter((f) => f.code === 'memory-millibytes').map((f) => [o.workload.podSpecPath, f.severity]));
  assert.deepEqual(slips, [['spec.workerGroupSpecs[0].template.spec', 'warning']]);
});

test('outside the pod spec nothing is judged: unknown fields of the resource, its own name rules, a missing container name', () => {
  // Ray's own fields (rayStartParams, groupName) are not a PodSpec's; an upper-case name would be refused for a built-in kind.
  const objects = objectsOf(
    rayWith('  name: raycluster-heterogeneous\n', '  name: RayCluster_Heterogeneous\n').replace('        - name: ray-head\n          image', '        - image'),
  );
  assert.equal(objects.length, 3);
  assert.deepEqual(
    objects.flatMap((o) => o.findings.filter((f) => f.severity === 'error' || f.severity === 'warning').map((f) => f.code)),
    [],
  );
});

test('what the API server would refuse in a Pod made from the template is a warning, and the numbers are for hovers only', () => {
  const objects = objectsOf(rayWith('              cpu: "2"\n', '              cpu: "500m"\n'));
  const medium = objects[2];
  assert.equal(medium.workload.podSpecPath, 'spec.workerGroupSpecs[1].template.spec');
  assert.equal(medium.invalid, true);
  assert.equal(medium.analysis, null);
  assert.deepEqual(
    medium.findings.filter((f) => f.severity !== 'information' && f.severity !== 'hint').map((f) => [f.severity, f.code, f.message]),
    [
      [
        'warning',
        'request-exceeds-limit',
        'a Pod made from this template would be refused: spec.workerGroupSpecs[1].template.spec.containers[0].resources.requests: Invalid value: "1": must be less than or equal to cpu limit of 500m',
      ],
    ],
  );
  // The other templates keep their numbers.
  assert.deepEqual(
    objects.slice(0, 2).map((o) => o.analysis?.qos.qosClass),
    ['BestEffort', 'Burstable'],
  );
});

test('a position picks the pod template written there; elsewhere in the object, its first', () => {
  const text = fixture('ray-cluster-heterogeneous.yaml');
  const document = analyzeText(text).documents[1];
  const at = (needle: string) => objectIndexAt(document.objects, text.indexOf(needle) - document.slice.start);
  assert.equal(at('cpu: "1000m"'), 2);
  assert.equal(at('groupName: small-group'), 1);
  assert.equal(at('dashboard-host'), 0);
  assert.equal(at('kind: RayCluster'), 0);
  assert.equal(at('rayVersion'), 0);
});

test('the report: one entry per pod template, told apart by podSpecPath', () => {
  const text = fixture('ray-cluster-heterogeneous.yaml');
  const report = buildReportFile('ray.yaml', analyzeText(text));
  assert.deepEqual(
    report.objects.map((o) => [o.document, o.kind, o.name, o.podSpecPath, o.qosClass, o.podCgroup?.cpuShares]),
    [
      [1, 'RayCluster', 'raycluster-heterogeneous', 'spec.headGroupSpec.template.spec', 'BestEffort', 2],
      [1, 'RayCluster', 'raycluster-heterogeneous', 'spec.workerGroupSpecs[0].template.spec', 'Burstable', 204],
      [1, 'RayCluster', 'raycluster-heterogeneous', 'spec.workerGroupSpecs[1].template.spec', 'Burstable', 1024],
    ],
  );
});

test('the fields a custom resource adds beside its pod spec (Knative) are not unknown; others are', () => {
  const text = fixture('knative-multi-container.yaml').replace(
    '    spec:\n      containers:',
    '    spec:\n      containerConcurrency: 10\n      timeoutSeconds: 300\n      containers:',
  );
  assert.deepEqual(
    objectsOf(text).flatMap((o) => o.findings.filter((f) => f.severity === 'error').map((f) => f.code)),
    [],
  );
  const rollout = fixture('argo-rollout-canary.yaml').replace('    spec:\n      containers:', '    spec:\n      containerConcurrency: 10\n      containers:');
  assert.deepEqual(
    objectsOf(rollout).flatMap((o) => o.findings.filter((f) => f.severity === 'error').map((f) => f.message)),
    ['unknown field "spec.template.spec.containerConcurrency"'],
  );
});

test('a Kubeflow replica spec sets restartPolicy beside the template: the pod spec has its own, the default Always', () => {
  const objects = analyzeText(fixture('kubeflow-pytorchjob-simple.yaml')).documents.flatMap((d) => d.objects);
  assert.equal(objects.length, 2);
  const withPolicy = fixture('kubeflow-pytorchjob-simple.yaml').replace(
    '        spec:\n          containers:',
    '        spec:\n          restartPolicy: Sometimes\n          containers:',
  );
  const refused = objectsOf(withPolicy)[0];
  assert.equal(refused.invalid, true);
  assert.match(
    refused.findings.find((f) => f.code === 'pod-restart-policy')?.message ?? '',
    /^a Pod made from this template would be refused: .*restartPolicy: Unsupported value: "Sometimes"/,
  );
});

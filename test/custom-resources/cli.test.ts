import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { main } from '../../server/src/cli/main';
import { captureIo } from '../conformance/run';

/** The CLI on custom resources: an entry of `objects[]` per pod template, and `simulate` picks one. */

const root = path.resolve(__dirname, '../../..');
const ray = 'test/data/custom-resources/ray-cluster-heterogeneous.yaml';

async function run(args: string[]) {
  const io = { ...captureIo(root), readStdin: async () => '' };
  const code = await main(args, io);
  return { code, out: io.out.join(''), err: io.err.join('') };
}

interface ReportObject {
  document: number;
  kind: string;
  podSpecPath: string;
  qosClass: string;
  containers: { name: string; cgroup: { cpuShares: number; oomScoreAdj: number } }[];
  diagnostics: { severity: string }[];
}

test('analyze --json: a RayCluster is an object per pod template, each with its numbers', async () => {
  const { code, out } = await run(['analyze', '--json', ray]);
  assert.equal(code, 0);
  const [file] = JSON.parse(out).files;
  assert.deepEqual(
    (file.objects as ReportObject[]).map((o) => [
      o.document,
      o.kind,
      o.podSpecPath,
      o.qosClass,
      o.containers.map((c) => `${c.name}:${c.cgroup.cpuShares}`).join(' '),
    ]),
    [
      [1, 'RayCluster', 'spec.headGroupSpec.template.spec', 'BestEffort', 'ray-head:2'],
      [1, 'RayCluster', 'spec.workerGroupSpecs[0].template.spec', 'Burstable', 'ray-worker:204 init-myservice:2'],
      [1, 'RayCluster', 'spec.workerGroupSpecs[1].template.spec', 'Burstable', 'ray-worker:1024 init-myservice:2'],
    ],
  );
  assert.deepEqual(
    (file.objects as ReportObject[]).flatMap((o) => o.diagnostics.filter((d) => d.severity === 'error')),
    [],
  );
});

test('simulate: the first pod template, or the one --pod-spec names (with --document or alone)', async () => {
  const first = await run(['simulate', ray, '--until', '1']);
  assert.equal(first.code, 0);
  assert.match(first.out, /^RayCluster raycluster-heterogeneous \(document 1, spec\.headGroupSpec\.template\.spec\), simulated until 1 s\n/);
  const medium = await run(['simulate', ray, '--document', '1', '--pod-spec', 'spec.workerGroupSpecs[1].template.spec', '--until', '1', '--json']);
  assert.equal(medium.code, 0);
  const result = JSON.parse(medium.out);
  assert.deepEqual(result.object, { kind: 'RayCluster', name: 'raycluster-heterogeneous', document: 1, podSpecPath: 'spec.workerGroupSpecs[1].template.spec' });
  assert.deepEqual(Object.keys(result.summary.containers).sort(), ['init-myservice', 'ray-worker']);
  const alone = await run(['simulate', ray, '--pod-spec', 'spec.workerGroupSpecs[0].template.spec', '--until', '1']);
  assert.match(alone.out, /^RayCluster raycluster-heterogeneous \(document 1, spec\.workerGroupSpecs\[0\]\.template\.spec\), simulated until 1 s\n/);
  const wrong = await run(['simulate', ray, '--document', '1', '--pod-spec', 'spec.workerGroupSpecs[2].template.spec']);
  assert.equal(wrong.code, 2);
  assert.match(
    wrong.err,
    /document 1 has no pod template at spec\.workerGroupSpecs\[2\]\.template\.spec \(its pod specs: spec\.headGroupSpec\.template\.spec, spec\.workerGroupSpecs\[0\]\.template\.spec, spec\.workerGroupSpecs\[1\]\.template\.spec\)/,
  );
});

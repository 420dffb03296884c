import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { analyzeDocumentDetail, defaultNode } from '../../server/src/engine/analyze';
import { splitDocuments } from '../../server/src/engine/documents';
import { type PodSpecModel } from '../../server/src/engine/model';
import { simulatedPod } from '../../server/src/engine/simulation';

/** The one pod model: what the API server decodes and defaults, read once from the YAML. */

function model(yaml: string): PodSpecModel {
  const detail = analyzeDocumentDetail(splitDocuments(yaml)[0], { node: defaultNode });
  assert.ok(detail.objects[0]?.model, 'a pod spec');
  return detail.objects[0].model;
}

const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n${spec}`;

test('SetDefaults_PodSpec: grace period 30 and restartPolicy Always when unset or empty', () => {
  const unset = model(pod('  containers:\n  - name: app\n    image: app:1\n'));
  assert.equal(unset.gracePeriodSeconds, 30);
  assert.equal(unset.terminationGracePeriodSeconds.written, false);
  assert.equal(unset.restartPolicy, 'Always');
  const empty = model(pod('  restartPolicy: ""\n  terminationGracePeriodSeconds: 0\n  containers:\n  - name: app\n    image: app:1\n'));
  assert.equal(empty.restartPolicy, 'Always');
  assert.equal(empty.restartPolicyField.value, '');
  // 0 is a value, not an absence: the pod is killed at once.
  assert.equal(empty.gracePeriodSeconds, 0);
});

const integers: [written: string, decoded: number | undefined, wrongType: boolean][] = [
  ['45', 45, false],
  ['45.0', 45, false], // kubectl's round trip turns an integral float into an integer
  ['4.5e1', 45, false],
  ['0x2d', 45, false], // go-yaml v2 reads Go's literal prefixes
  ['055', 45, false], // and a leading 0 as octal (YAML 1.1)
  ['4_5', 45, false],
  ['"45"', undefined, true], // a string is refused by the decoder
  ['45.5', undefined, true],
  ['.5_0', undefined, true],
  ['yes', undefined, true],
  ['~', undefined, false], // null is an absent value
];

for (const [written, decoded, wrongType] of integers) {
  test(`an integer field written ${written}`, () => {
    const m = model(pod(`  terminationGracePeriodSeconds: ${written}\n  containers:\n  - name: app\n    image: app:1\n`));
    assert.equal(m.terminationGracePeriodSeconds.value, decoded);
    assert.equal(m.terminationGracePeriodSeconds.wrongType, wrongType);
    assert.equal(m.terminationGracePeriodSeconds.written, true);
    assert.equal(m.gracePeriodSeconds, decoded ?? 30);
  });
}

test('SetDefaults_Probe: zero and absent values take the defaults, negatives stay for validation', () => {
  const m = model(
    pod(`  containers:
  - name: app
    image: app:1
    readinessProbe:
      httpGet: {port: 80}
    livenessProbe:
      exec: {command: [check]}
      periodSeconds: 0
      timeoutSeconds: 5
      failureThreshold: -1
      initialDelaySeconds: 12
      terminationGracePeriodSeconds: 3
`),
  );
  const { readiness, liveness, startup } = m.containers[0].probes;
  assert.equal(startup, null);
  assert.deepEqual(
    [readiness!.initialDelaySeconds, readiness!.periodSeconds, readiness!.timeoutSeconds, readiness!.successThreshold, readiness!.failureThreshold],
    [0, 10, 1, 1, 3],
  );
  assert.equal(readiness!.terminationGracePeriodSeconds, null);
  assert.deepEqual(
    [liveness!.initialDelaySeconds, liveness!.periodSeconds, liveness!.timeoutSeconds, liveness!.failureThreshold, liveness!.terminationGracePeriodSeconds],
    [12, 10, 5, -1, 3],
  );
  assert.equal(liveness!.written.periodSeconds.value, 0);
  assert.equal(liveness!.written.periodSeconds.written, true);
  assert.equal(liveness!.field.keySpan !== null, true);
});

test('roles: init containers with restartPolicy Always are sidecars; app containers first, then init containers in order', () => {
  const m = model(
    pod(`  initContainers:
  - name: migrate
    image: m:1
  - name: proxy
    image: p:1
    restartPolicy: Always
  containers:
  - name: app
    image: app:1
`),
  );
  assert.deepEqual(
    m.containers.map((c) => [c.name, c.role, c.path]),
    [
      ['app', 'app', 'spec.containers[0]'],
      ['migrate', 'init', 'spec.initContainers[0]'],
      ['proxy', 'sidecar', 'spec.initContainers[1]'],
    ],
  );
});

const preStops: [hook: string, seconds: number | null, action: string, shown: string | null][] = [
  ['sleep: {seconds: 7}', 7, 'sleep', '7'],
  ['exec: {command: [sleep, "30"]}', 30, 'exec', '"30"'],
  ['exec: {command: [/bin/sleep, "15"]}', 15, 'exec', '"15"'],
  ['exec: {command: [busybox, sleep, "2m"]}', 120, 'exec', '"2m"'],
  ['exec: {command: [sleep, "1", "2s", "1m"]}', 63, 'exec', '"1", "2s", "1m"'],
  ['exec: {command: [sh, -c, "sleep 10"]}', 10, 'exec', 'sleep 10'],
  ['exec: {command: [/bin/sh, -c, "nginx -s quit && sleep 5 && sleep 5"]}', 10, 'exec', 'sleep 5'],
  ['exec: {command: [sh, -c, "/bin/sleep 3"]}', 3, 'exec', '/bin/sleep 3'],
  ['exec: {command: [/app/drain]}', null, 'exec', null],
  ['exec: {command: [sleep, forever]}', null, 'exec', null],
  ['httpGet: {path: /quit, port: 80}', null, 'httpGet', null],
];

for (const [hook, seconds, action, shown] of preStops) {
  test(`preStop ${hook}`, () => {
    const text = pod(`  containers:\n  - name: app\n    image: app:1\n    lifecycle:\n      preStop:\n        ${hook}\n`);
    const preStop = model(text).containers[0].preStop!;
    assert.equal(preStop.action, action);
    assert.equal(preStop.sleepSeconds, seconds);
    assert.equal(preStop.isSleepAction, action === 'sleep');
    const span = preStop.sleepSpan;
    assert.equal(span ? text.slice(span.start, span.end) : null, shown);
    // The simulator waits the known time, and takes an unknown one as instant.
    assert.equal(simulatedPod(model(text)).containers[0].preStopSeconds, seconds ?? 0);
  });
}

test('no preStop hook: the simulator has none to wait for', () => {
  const m = model(pod('  containers:\n  - name: app\n    image: app:1\n'));
  assert.equal(m.containers[0].preStop, null);
  assert.equal(simulatedPod(m).containers[0].preStopSeconds, null);
});

test('the simulator refuses what it cannot run, with the reason', () => {
  assert.throws(() => simulatedPod(model(pod('  containers:\n  - image: app:1\n'))), /containers\[0\] has no name/);
  assert.throws(() => simulatedPod(model(pod('  containers:\n  - {name: a, image: x}\n  - {name: a, image: y}\n'))), /two containers are named 'a'/);
  assert.throws(
    () => simulatedPod(model(pod('  containers:\n  - name: a\n    image: x\n    livenessProbe: {exec: {command: [c]}, periodSeconds: -5}\n'))),
    /periodSeconds is -5/,
  );
});

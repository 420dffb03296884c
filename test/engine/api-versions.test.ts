import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { builtInKindVersions, isCustomGroup, unservedVersion } from '../../server/src/engine/api-versions';
import { workloadKinds } from '../../server/src/engine/workloads';

/** The v1.36 served group/versions of the built-in kinds Pod Lens reads (see api-versions.ts for the sources). */

test('every workload kind the engine reads has its served versions', () => {
  for (const kind of workloadKinds) {
    const versions = builtInKindVersions[kind];
    assert.ok(versions, kind);
    assert.ok(versions.served.length > 0, kind);
    for (const apiVersion of versions.served) assert.equal(unservedVersion(kind, apiVersion), null, `${kind} ${apiVersion}`);
  }
});

test('what kubectl finds no endpoint for, and what it offers instead', () => {
  const cases: [string, string, { servedVersion: string; removedSince: string | null } | null][] = [
    ['Deployment', 'apps/v1', null],
    ['Deployment', 'apps/v1beta1', { servedVersion: 'apps/v1', removedSince: 'v1.16' }],
    ['Deployment', 'apps/v1beta2', { servedVersion: 'apps/v1', removedSince: 'v1.16' }],
    ['Deployment', 'extensions/v1beta1', { servedVersion: 'apps/v1', removedSince: 'v1.16' }],
    ['Deployment', 'v1', { servedVersion: 'apps/v1', removedSince: null }],
    ['Deployment', 'scheduling.k8s.io/v1', { servedVersion: 'apps/v1', removedSince: null }],
    ['DaemonSet', 'extensions/v1beta1', { servedVersion: 'apps/v1', removedSince: 'v1.16' }],
    ['StatefulSet', 'apps/v1beta1', { servedVersion: 'apps/v1', removedSince: 'v1.16' }],
    ['ReplicaSet', 'apps/v1beta2', { servedVersion: 'apps/v1', removedSince: 'v1.16' }],
    ['CronJob', 'batch/v1beta1', { servedVersion: 'batch/v1', removedSince: 'v1.25' }],
    ['CronJob', 'batch/v1', null],
    ['Job', 'batch/v1', null],
    ['Job', 'extensions/v1beta1', { servedVersion: 'batch/v1', removedSince: null }],
    ['Pod', 'v1', null],
    ['Pod', 'apps/v1', { servedVersion: 'v1', removedSince: null }],
    ['Pod', 'V1', { servedVersion: 'v1', removedSince: null }],
    ['PodTemplate', 'v1', null],
    ['ReplicationController', 'v1', null],
    ['LimitRange', 'v1', null],
    ['ResourceQuota', 'v1', null],
    ['PriorityClass', 'scheduling.k8s.io/v1', null],
    ['PriorityClass', 'scheduling.k8s.io/v1beta1', { servedVersion: 'scheduling.k8s.io/v1', removedSince: 'v1.22' }],
    ['RuntimeClass', 'node.k8s.io/v1beta1', { servedVersion: 'node.k8s.io/v1', removedSince: 'v1.25' }],
    // Not judged: custom and aggregated groups, kinds Pod Lens does not read, an empty apiVersion (missing-api-version's).
    ['StatefulSet', 'apps.kruise.io/v1beta1', null],
    ['Job', 'batch.volcano.sh/v1alpha1', null],
    ['Pod', 'metrics.k8s.io/v1beta1', null],
    ['Ingress', 'extensions/v1beta1', null],
    ['toString', 'v1', null],
    ['Pod', '', null],
  ];
  for (const [kind, apiVersion, expected] of cases) assert.deepEqual(unservedVersion(kind, apiVersion), expected, `${kind} ${apiVersion}`);
});

test('a dotted group is custom unless the API server has it built in; a group without a dot never is', () => {
  assert.equal(isCustomGroup('apps'), false);
  assert.equal(isCustomGroup('extensions'), false);
  assert.equal(isCustomGroup(''), false);
  assert.equal(isCustomGroup('scheduling.k8s.io'), false);
  assert.equal(isCustomGroup('gateway.networking.k8s.io'), true);
  assert.equal(isCustomGroup('argoproj.io'), true);
});

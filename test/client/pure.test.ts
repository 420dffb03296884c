import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeReasons, reasonsAsText } from '../../client/src/reasons';
import { RestartPolicy } from '../../client/src/restart-policy';

test('CodeLens reasons: engine-shaped objects become labelled sections', () => {
  const reasons = normalizeReasons([
    {
      workload: 'Deployment/web',
      qos: { qosClass: 'Burstable', reasons: ['app has a memory request below its limit'] },
      eviction: { risk: 'medium', reasons: ['usage can exceed the memory request', 'priority 0'] },
    },
  ]);
  assert.equal(reasons.title, 'Deployment/web');
  assert.deepEqual(reasons.sections, [
    { label: 'QoS class: Burstable', reasons: ['app has a memory request below its limit'] },
    { label: 'Eviction risk: medium', reasons: ['usage can exceed the memory request', 'priority 0'] },
  ]);
  assert.match(reasonsAsText(reasons), /^QoS class: Burstable: app has/);
});

test("CodeLens reasons: the server's ShowReasonsArguments", () => {
  const reasons = normalizeReasons([
    {
      uri: 'file:///w/web.yaml',
      document: 0,
      kind: 'Deployment',
      name: 'web',
      qosClass: 'Burstable',
      qosReasons: ['app: memory request below its limit'],
      eviction: { risk: 'medium', reasons: ['usage can exceed the memory request'] },
      errors: [],
    },
  ]);
  assert.equal(reasons.title, 'Deployment web');
  assert.deepEqual(reasons.sections, [
    { label: 'QoS class: Burstable', reasons: ['app: memory request below its limit'] },
    { label: 'Eviction risk: medium', reasons: ['usage can exceed the memory request'] },
  ]);
  const refused = normalizeReasons([
    { uri: 'u', document: 1, kind: 'Pod', name: null, qosClass: null, qosReasons: [], eviction: null, errors: ['spec.containers: Required value'] },
  ]);
  assert.equal(refused.title, 'Pod');
  assert.deepEqual(refused.sections, [{ label: 'Refused by the API server', reasons: ['spec.containers: Required value'] }]);
});

test('CodeLens reasons: plain strings and string lists are accepted too', () => {
  assert.deepEqual(normalizeReasons(['one', ['two', 'three']]).sections, [{ label: '', reasons: ['one', 'two', 'three'] }]);
  assert.deepEqual(normalizeReasons([{ reasons: ['a'], evictionReasons: ['b'] }]).sections, [
    { label: 'Reasons', reasons: ['a'] },
    { label: 'Eviction risk', reasons: ['b'] },
  ]);
  assert.deepEqual(normalizeReasons([]).sections, []);
  assert.deepEqual(normalizeReasons([42, null, { n: 1 }]).sections, []);
  assert.equal(reasonsAsText(normalizeReasons([])), 'Pod Lens: no reasons were given.');
});

test('restart policy: restarts, tells the user once, gives up on a crash loop', () => {
  let now = 0;
  const policy = new RestartPolicy(5, 180_000, () => now);
  const first = policy.onClosed();
  assert.equal(first.restart, true);
  assert.ok(first.notify);
  now += 1000;
  const second = policy.onClosed();
  assert.equal(second.restart, true);
  assert.equal(second.notify, undefined);
  now += 1000;
  policy.onClosed();
  policy.onClosed();
  const fifth = policy.onClosed();
  assert.equal(fifth.restart, false);
  assert.match(fifth.notify ?? '', /crashed 5 times/);
  policy.reset();
  assert.equal(policy.onClosed().restart, true);
});

test('restart policy: crashes far apart never add up', () => {
  let now = 0;
  const policy = new RestartPolicy(3, 1000, () => now);
  for (let i = 0; i < 10; i++) {
    now += 2000;
    assert.equal(policy.onClosed().restart, true);
  }
});

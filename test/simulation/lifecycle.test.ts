import { test } from 'node:test';
import assert from 'node:assert/strict';
import { app, eventsOf, pod, probe, run, times } from './helpers';

// ---- restart policies and phases (lifecycle a.6, a.7) ------------------------------------------

interface PolicyCase {
  policy: 'Always' | 'OnFailure' | 'Never' | undefined;
  exitCode: number;
  restartDelays: number[];
  phase: string;
}

const policyCases: PolicyCase[] = [
  { policy: undefined, exitCode: 1, restartDelays: [0, 10, 20], phase: 'Running' },
  { policy: 'Always', exitCode: 0, restartDelays: [0, 10, 20], phase: 'Running' },
  { policy: 'OnFailure', exitCode: 1, restartDelays: [0, 10, 20], phase: 'Running' },
  { policy: 'OnFailure', exitCode: 0, restartDelays: [], phase: 'Succeeded' },
  { policy: 'Never', exitCode: 1, restartDelays: [], phase: 'Failed' },
  { policy: 'Never', exitCode: 0, restartDelays: [], phase: 'Succeeded' },
];

for (const { policy, exitCode, restartDelays, phase } of policyCases) {
  test(`restartPolicy ${policy ?? '(default)'}, exit ${exitCode}: delays ${JSON.stringify(restartDelays)}, ${phase}`, () => {
    const spec = pod([app()], policy ? { restartPolicy: policy } : {});
    const result = run(spec, `--exit app:4:${exitCode} --until 60`);
    assert.deepEqual(result.summary.containers.app.restartDelays, restartDelays);
    assert.equal(result.summary.phase, phase);
    if (restartDelays.length === 0) {
      assert.deepEqual(times(result, { type: 'restart-scheduled' }), []);
      assert.deepEqual(times(result, { type: 'phase', phase }), [4]);
      assert.deepEqual(times(result, { type: 'condition', condition: 'Ready', status: false }), [4]);
    } else {
      // Running through the back-off: no phase change after the start.
      assert.deepEqual(times(result, { type: 'phase' }), [0, 0]);
    }
  });
}

test('a Job template keeps its own restartPolicy', () => {
  // The CLI passes the template's pod spec: OnFailure from the template, not the Always default.
  const result = run({ restartPolicy: 'OnFailure', containers: [app()] }, '--exit app:3:0 --until 30');
  assert.equal(result.summary.phase, 'Succeeded');
});

test('t = 0: Pending, waiting, started, Running, Ready for a pod without probes', () => {
  const result = run(pod([app()]), '--until 10');
  assert.deepEqual(
    result.events.map((e) => (e.type === 'phase' ? `phase:${e.phase}` : e.type === 'condition' ? `${e.condition}:${e.status}` : e.type)),
    ['phase:Pending', 'Initialized:true', 'container-waiting', 'container-started', 'phase:Running', 'ContainersReady:true', 'Ready:true', 'endpoint'],
  );
  assert.equal(result.summary.readyAt, 0);
  assert.equal(result.until, 10);
  assert.equal(result.version, 1);
});

test('--pull delays each first start, not restarts', () => {
  const result = run(pod([app()]), '--pull 7 --exit app:3 --until 30');
  assert.deepEqual(times(result, { type: 'container-started' }), [7, 10, 23]);
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 10]);
  assert.equal(eventsOf(result, { type: 'phase', phase: 'Running' })[0].t, 7);
});

// ---- probes (lifecycle b) ------------------------------------------------------------------------

test('liveness detection: the first tick at or after the failure, plus (threshold - 1) periods', () => {
  const table: { at: number; period: number; threshold: number; kill: number }[] = [
    { at: 35, period: 10, threshold: 3, kill: 60 },
    { at: 40, period: 10, threshold: 3, kill: 60 },
    { at: 41, period: 10, threshold: 1, kill: 50 },
    { at: 12, period: 5, threshold: 2, kill: 20 },
    { at: 0, period: 10, threshold: 3, kill: 30 },
  ];
  for (const { at, period, threshold, kill } of table) {
    const spec = pod([app({ livenessProbe: probe({ periodSeconds: period, failureThreshold: threshold }) })]);
    const result = run(spec, `--liveness-fails app:${at} --until 120`);
    assert.equal(times(result, { type: 'signal', signal: 'SIGTERM' })[0], kill, `fails at ${at}`);
    // --liveness-fails lasts until the restart: one kill only.
    assert.equal(result.summary.containers.app.restarts, 1, `fails at ${at}`);
  }
});

test('ticks run from admission, not from the container start; initialDelaySeconds skips young runs', () => {
  const spec = pod([app({ livenessProbe: probe({ periodSeconds: 10, initialDelaySeconds: 15 }) })]);
  const result = run(spec, '--pull 3 --until 60');
  // Started at 3: ages at ticks 10, 20, 30: 7 (skipped), 17, 27.
  assert.deepEqual(times(result, { type: 'probe', probe: 'liveness' }), [20, 30, 40, 50, 60]);
});

test('startup budget exhausted: killed at the failureThreshold-th failing tick, then restarted', () => {
  const spec = pod([app({ startupProbe: probe({ periodSeconds: 10, failureThreshold: 3 }) })]);
  const result = run(spec, '--healthy-after app:1000 --until 200');
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), [30, 60, 90, 120, 150]);
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 0, 0, 0, 40]);
  assert.equal(result.summary.readyAt, null);
});

test('startup budget not exhausted: liveness and readiness wait for startup success', () => {
  const spec = pod([
    app({
      startupProbe: probe({ periodSeconds: 10, failureThreshold: 30 }),
      livenessProbe: probe({ periodSeconds: 10 }),
      readinessProbe: probe({ periodSeconds: 5 }),
    }),
  ]);
  const result = run(spec, '--healthy-after app:100 --until 200');
  assert.deepEqual(times(result, { type: 'probe', probe: 'startup', result: 'success' }), [100]);
  assert.deepEqual(times(result, { type: 'probe', probe: 'startup' }).length, 10);
  assert.equal(times(result, { type: 'probe', probe: 'liveness' })[0], 110);
  // The readiness manual trigger at the startup success; its ticker restarts from there.
  assert.deepEqual(times(result, { type: 'probe', probe: 'readiness' }).slice(0, 3), [100, 105, 110]);
  assert.equal(result.summary.readyAt, 100);
  assert.deepEqual(times(result, { type: 'signal' }), []);
});

test('readiness: probed at once on start; Ready follows the thresholds; endpoints follow Ready', () => {
  const spec = pod([app({ readinessProbe: probe({ periodSeconds: 5, failureThreshold: 3, successThreshold: 2 }) })]);
  const result = run(spec, '--readiness-fails app:30:60 --until 100');
  // Successes at 0 and 5 (successThreshold 2): Ready at 5.
  assert.equal(result.summary.readyAt, 5);
  assert.deepEqual(times(result, { type: 'condition', condition: 'Ready', status: false }), [40]);
  assert.deepEqual(times(result, { type: 'condition', condition: 'Ready', status: true }), [5, 65]);
  assert.deepEqual(times(result, { type: 'endpoint', ready: false }), [40]);
  assert.deepEqual(times(result, { type: 'endpoint', ready: true }), [5, 65]);
  assert.deepEqual(times(result, { type: 'signal' }), []);
});

test('readiness with --healthy-after: first probe at start fails, Ready at the first passing tick', () => {
  const spec = pod([app({ readinessProbe: probe({ periodSeconds: 10 }) })]);
  const result = run(spec, '--healthy-after app:25 --until 60');
  assert.deepEqual(times(result, { type: 'probe', probe: 'readiness', result: 'failure' }), [0, 10, 20]);
  assert.equal(result.summary.readyAt, 30);
});

test('readiness gates keep Ready false', () => {
  const result = run(pod([app()], { readinessGates: [{ conditionType: 'example.com/ready' }] }), '--until 30');
  assert.deepEqual(times(result, { type: 'condition', condition: 'ContainersReady', status: true }), [0]);
  assert.equal(result.summary.readyAt, null);
});

// ---- init containers and sidecars (lifecycle c) --------------------------------------------------

test('init containers run one at a time, app containers after the last', () => {
  const spec = pod([app()], {
    initContainers: [
      { name: 'fetch', image: 'x' },
      { name: 'migrate', image: 'x' },
    ],
  });
  const result = run(spec, '--exit fetch:5:0 --exit migrate:3:0 --until 60');
  assert.deepEqual(times(result, { type: 'container-started', container: 'fetch' }), [0]);
  assert.deepEqual(times(result, { type: 'container-started', container: 'migrate' }), [5]);
  assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), [8]);
  assert.deepEqual(times(result, { type: 'condition', condition: 'Initialized', status: true }), [8]);
  assert.deepEqual(times(result, { type: 'phase', phase: 'Running' }), [8]);
  assert.deepEqual(
    eventsOf(result, { type: 'container-waiting' }).map((e) => e.type === 'container-waiting' && e.reason),
    ['PodInitializing', 'PodInitializing', 'PodInitializing'],
  );
});

test('a failing init container is re-run with back-off under Always; the pod stays Pending', () => {
  const spec = pod([app()], { initContainers: [{ name: 'setup', image: 'x' }] });
  const result = run(spec, '--exit setup:2 --until 60');
  assert.deepEqual(times(result, { type: 'container-started', container: 'setup' }), [0, 2, 14, 36]);
  assert.deepEqual(result.summary.containers.setup.restartDelays, [0, 10, 20]);
  assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), []);
  assert.equal(result.summary.phase, 'Pending');
});

test('a failing init container under Never fails the pod; app containers never start', () => {
  const spec = pod([app()], { restartPolicy: 'Never', initContainers: [{ name: 'setup', image: 'x' }] });
  const result = run(spec, '--exit setup:2 --until 60');
  assert.deepEqual(times(result, { type: 'phase', phase: 'Failed' }), [2]);
  assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), []);
  assert.deepEqual(times(result, { type: 'restart-scheduled' }), []);
  assert.equal(result.summary.phase, 'Failed');
});

test('an OOM-killed init container counts as failed', () => {
  const spec = pod([app()], {
    restartPolicy: 'Never',
    initContainers: [{ name: 'setup', image: 'x', resources: { limits: { memory: '32Mi' } } }],
  });
  const result = run(spec, '--oom setup:4 --until 60');
  assert.equal(result.summary.phase, 'Failed');
  assert.deepEqual(times(result, { type: 'container-terminated', reason: 'OOMKilled' }), [4]);
});

const sidecarPod = (extra: Record<string, unknown> = {}) =>
  pod([app()], {
    terminationGracePeriodSeconds: 30,
    initContainers: [
      { name: 'proxy', image: 'x', restartPolicy: 'Always', startupProbe: probe({ periodSeconds: 5 }) },
      { name: 'logs', image: 'x', restartPolicy: 'Always' },
    ],
    ...extra,
  });

test('sidecars start in order; the next waits for the startup probe; apps after the last', () => {
  const result = run(sidecarPod(), '--healthy-after proxy:7 --until 60');
  assert.deepEqual(times(result, { type: 'container-started', container: 'proxy' }), [0]);
  // proxy's startup probe fails at 5 (age 5 < 7) and passes at 10.
  assert.deepEqual(times(result, { type: 'container-started', container: 'logs' }), [10]);
  assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), [10]);
  assert.deepEqual(times(result, { type: 'condition', condition: 'Initialized', status: true }), [10]);
  assert.equal(result.summary.phase, 'Running');
});

test('on deletion sidecars get SIGTERM after every app container exited, last sidecar first', () => {
  const result = run(sidecarPod(), '--delete 100 --shutdown app:5 --shutdown logs:3 --shutdown proxy:1 --until 200');
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM', container: 'app' }), [100]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM', container: 'logs' }), [105]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM', container: 'proxy' }), [108]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGKILL' }), []);
  assert.deepEqual(times(result, { type: 'phase', phase: 'Failed' }), [109]);
});

test('a sidecar waits at most the grace left for its turn, then gets the 2 s minimum', () => {
  const result = run(sidecarPod(), '--delete 100 --shutdown app:never --shutdown logs:never --until 200');
  // app: SIGTERM 100, SIGKILL 130. logs waits for app until 130 (grace 30 - 30 = 0 -> 2): SIGTERM 130, SIGKILL 132.
  assert.deepEqual(times(result, { type: 'signal', container: 'app' }), [100, 130]);
  assert.deepEqual(times(result, { type: 'signal', container: 'logs' }), [130, 132]);
  assert.deepEqual(times(result, { type: 'signal', container: 'proxy' }), [130]);
});

test('sidecar preStop hooks start at deletion too', () => {
  const spec = pod([app()], {
    initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always', lifecycle: { preStop: { sleep: { seconds: 3 } } } }],
  });
  const result = run(spec, '--delete 50 --shutdown app:10 --until 100');
  assert.deepEqual(times(result, { type: 'prestop-started', container: 'proxy' }), [50]);
  assert.deepEqual(times(result, { type: 'prestop-finished', container: 'proxy' }), [53]);
  assert.deepEqual(times(result, { type: 'signal', container: 'proxy' }), [60]);
});

test('a sidecar is restarted whatever the pod restart policy; it is stopped when the apps are done', () => {
  const spec = pod([app()], {
    restartPolicy: 'Never',
    initContainers: [{ name: 'proxy', image: 'x', restartPolicy: 'Always' }],
  });
  const result = run(spec, '--exit-once proxy:5 --exit app:12:0 --until 60');
  assert.deepEqual(times(result, { type: 'container-started', container: 'proxy' }), [0, 5]);
  // app exits 0 at 12 and will not restart: KillPod stops the sidecar, then the pod is Succeeded.
  assert.deepEqual(times(result, { type: 'container-terminated', container: 'app' }), [12]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM', container: 'proxy' }), [12]);
  assert.equal(result.summary.phase, 'Succeeded');
  assert.deepEqual(times(result, { type: 'phase', phase: 'Succeeded' }), [12]);
});

test("an app container's own restartPolicy and restartPolicyRules override the pod's (KEP-5307)", () => {
  const own = run(pod([app({ restartPolicy: 'Never' })]), '--exit app:4 --until 60');
  assert.deepEqual(own.summary.containers.app.restartDelays, []);
  assert.equal(own.summary.phase, 'Failed');
  const rules = {
    restartPolicy: 'Never',
    restartPolicyRules: [{ action: 'Restart', exitCodes: { operator: 'In', values: [42] } }],
  };
  const retried = run(pod([app(rules)], { restartPolicy: 'Never' }), '--exit-once app:4:42 --exit app:100:3 --until 200');
  assert.deepEqual(retried.summary.containers.app.restartDelays, [0]);
  assert.deepEqual(times(retried, { type: 'container-started' }), [0, 4]);
  assert.equal(retried.summary.phase, 'Failed');
  assert.deepEqual(times(retried, { type: 'phase', phase: 'Failed' }), [104]);
});

// ---- the bound on probe runs ---------------------------------------------------------------------

test('a horizon whose probe runs fit the bound runs to the end; one second more is refused with what fits', () => {
  const probed = pod([app({ livenessProbe: probe({ periodSeconds: 1 }) })]);
  const longest = run(probed, '--until 1000000');
  assert.equal(longest.summary.containers.app.restarts, 0);
  assert.ok(longest.events.length > 0);
  assert.throws(
    () => run(probed, '--until 1000001'),
    /a horizon of 1000001 s is too long for this pod: its 1 probe would run up to 1,000,001 times \(the simulation allows 1,000,000\); simulate at most 1000000 s/,
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { app, eventsOf, pod, probe, run, times } from './helpers';
import { type JobControllerModel, type SimulationResult } from '../../server/src/engine/simulation';
import { parseSimulateArgs } from '../../server/src/cli/simulate-args';
import { simulateJson } from '../support/pod-spec';

function simulateJob(podSpec: unknown, options: string, jobController: JobControllerModel): SimulationResult {
  const args = parseSimulateArgs(options.split(/\s+/).filter((word) => word !== ''));
  return simulateJson(podSpec, args.scenario, { until: args.until, jobController });
}

// Rules that act at the level of the pod sync rather than one container's:
// a terminal phase stops what still runs, activeDeadlineSeconds, the
// podHasInitialized gate on regular containers, the readiness trigger of
// every status generation; and what the Job controller does to its pod.

const sidecar = (name: string, fields: Record<string, unknown> = {}) => ({
  name,
  image: `registry.example.com/${name}:1`,
  restartPolicy: 'Always',
  ...fields,
});
const init = (name: string) => ({ name, image: `registry.example.com/${name}:1` });

test('a regular init container failing under Never makes the pod Failed and the running sidecar is stopped', () => {
  for (const failure of ['--exit migrate:5:2', '--oom migrate:5']) {
    // --oom needs a memory limit to act on.
    const migrate = { ...init('migrate'), resources: { limits: { memory: '64Mi' } } };
    const spec = pod([app()], { restartPolicy: 'Never', initContainers: [sidecar('proxy'), migrate] });
    const result = run(spec, `${failure} --shutdown proxy:3 --until 60`);
    assert.deepEqual(times(result, { type: 'phase', phase: 'Failed' }), [5], failure);
    // SyncTerminatingPod kills it with the pod's grace: SIGTERM at once, exit 143 when it is done.
    assert.deepEqual(times(result, { type: 'signal', container: 'proxy', signal: 'SIGTERM' }), [5], failure);
    assert.deepEqual(times(result, { type: 'signal', container: 'proxy', signal: 'SIGKILL' }), [], failure);
    assert.deepEqual(result.summary.containers.proxy.lastTermination, { t: 8, reason: 'Error', exitCode: 143, signal: 'SIGTERM' }, failure);
    assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), [], failure);
    assert.equal(result.summary.phase, 'Failed', failure);
  }
});

test('the terminal-phase kill gives at least 1 s of grace, so a preStop hook still runs with a grace of 0', () => {
  const spec = pod([app()], {
    restartPolicy: 'Never',
    terminationGracePeriodSeconds: 0,
    initContainers: [sidecar('proxy', { lifecycle: { preStop: { sleep: { seconds: 5 } } } }), init('migrate')],
  });
  const result = run(spec, '--exit migrate:5:2 --shutdown proxy:never --until 60');
  assert.deepEqual(times(result, { type: 'prestop-started', container: 'proxy' }), [5]);
  // The hook is waited for at most the 1 s grace, which leaves 0: raised to the 2 s minimum.
  assert.deepEqual(times(result, { type: 'signal', container: 'proxy', signal: 'SIGTERM' }), [6]);
  assert.deepEqual(times(result, { type: 'signal', container: 'proxy', signal: 'SIGKILL' }), [8]);
});

test('activeDeadlineSeconds: Failed with DeadlineExceeded at the deadline, containers killed with the pod grace', () => {
  const cases: { options: string; sigkill: number[]; exit: { t: number; exitCode: number } }[] = [
    { options: '', sigkill: [], exit: { t: 60, exitCode: 143 } },
    { options: '--shutdown app:4', sigkill: [], exit: { t: 64, exitCode: 143 } },
    { options: '--shutdown app:never', sigkill: [70], exit: { t: 70, exitCode: 137 } },
  ];
  for (const { options, sigkill, exit } of cases) {
    const spec = pod([app()], { activeDeadlineSeconds: 60, terminationGracePeriodSeconds: 10 });
    const result = run(spec, `${options} --until 200`);
    const failed = eventsOf(result, { type: 'phase', phase: 'Failed' });
    assert.deepEqual(failed, [{ t: 60, type: 'phase', phase: 'Failed', reason: 'DeadlineExceeded' }], options);
    assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), [60], options);
    assert.deepEqual(times(result, { type: 'signal', signal: 'SIGKILL' }), sigkill, options);
    assert.deepEqual(
      eventsOf(result, { type: 'container-terminated' }).map((e) => ({ t: e.t, exitCode: (e as { exitCode: number }).exitCode })),
      [exit],
      options,
    );
    // Nothing restarts a pod that is Failed.
    assert.deepEqual(times(result, { type: 'restart-scheduled' }), [], options);
    assert.equal(result.summary.phase, 'Failed', options);
  }
});

test('activeDeadlineSeconds does nothing to a pod that already finished', () => {
  const finished = run(pod([app()], { restartPolicy: 'Never', activeDeadlineSeconds: 60 }), '--exit app:5:0 --until 200');
  assert.deepEqual(times(finished, { type: 'phase' }), [0, 0, 5]);
  assert.equal(finished.summary.phase, 'Succeeded');
});

test('a deadline passing while a deleted pod is being killed makes its final status Failed, DeadlineExceeded', () => {
  // The kill does not hurry (no status is generated during it), but the final status runs ShouldEvict:
  // the exit 0 at 53 would make it Succeeded; the deadline at 52 makes it Failed.
  const spec = pod([app({ lifecycle: { preStop: { exec: { command: ['sh', '-c', 'sleep 10'] } } } })], { activeDeadlineSeconds: 52 });
  const during = run(spec, '--delete 50 --exit-once app:53:0 --until 100');
  assert.deepEqual(eventsOf(during, { type: 'phase', phase: 'Failed' }), [{ t: 53, type: 'phase', phase: 'Failed', reason: 'DeadlineExceeded' }]);
  assert.deepEqual(eventsOf(during, { type: 'phase', phase: 'Succeeded' }), []);
  // A deadline after the pod stopped changes nothing.
  const after = run(pod([app()], { activeDeadlineSeconds: 100 }), '--delete 30 --shutdown app:never --until 200');
  assert.deepEqual(times(after, { type: 'signal', signal: 'SIGKILL' }), [60]);
  assert.deepEqual(eventsOf(after, { type: 'phase', phase: 'Failed' }), [{ t: 60, type: 'phase', phase: 'Failed' }]);
});

test('during the kill of a deleted pod its conditions stay as they were; the final status drops them', () => {
  // b needs 20 s after SIGTERM: a's exit at 50 is not reflected until b is gone at 70 (SyncTerminatingPod
  // generates the status before killPod and after it, not in between).
  const spec = pod([app({ name: 'a' }), app({ name: 'b' })]);
  const result = run(spec, '--delete 50 --shutdown b:20 --until 100');
  assert.deepEqual(times(result, { type: 'container-terminated' }), [50, 70]);
  assert.deepEqual(times(result, { type: 'condition', condition: 'ContainersReady', status: false }), [70]);
  assert.deepEqual(times(result, { type: 'condition', condition: 'Ready', status: false }), [70]);
  assert.deepEqual(times(result, { type: 'phase', phase: 'Failed' }), [70]);
  // The endpoint is left at the deletion itself.
  assert.deepEqual(times(result, { type: 'endpoint', ready: false }), [50]);
});

test('a terminal phase drops ContainersReady and Ready at once, while containers still stop', () => {
  const spec = pod([app({ lifecycle: { preStop: { sleep: { seconds: 10 } } } })], { activeDeadlineSeconds: 60 });
  const result = run(spec, '--until 120');
  assert.deepEqual(times(result, { type: 'condition', condition: 'ContainersReady', status: false }), [60]);
  assert.deepEqual(times(result, { type: 'condition', condition: 'Ready', status: false }), [60]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), [70]);
});

test("a sidecar's liveness probe keeps running after deletion (StopLivenessAndStartup walks spec.containers)", () => {
  const spec = pod([app()], { initContainers: [sidecar('proxy', { livenessProbe: probe({ periodSeconds: 5 }) })] });
  const result = run(spec, '--delete 50 --shutdown app:20 --until 100');
  assert.deepEqual(
    times(result, { type: 'probe', container: 'proxy', probe: 'liveness' }).filter((t) => t > 50),
    [55, 60, 65],
  );
});

test('a regular container that exits while the last init container (a sidecar) is down waits for the sidecar', () => {
  // proxy crash-loops: restarts at 5, 20, 45, 90, 175. app exits at 100: nothing regular runs and the
  // last init container is in back-off, so computePodActions stops before the regular containers
  // until the sync that sees proxy running again.
  const spec = pod([app()], { initContainers: [sidecar('proxy')] });
  const result = run(spec, '--exit proxy:5 --exit-once app:100 --until 300');
  assert.deepEqual(times(result, { type: 'container-started', container: 'proxy' }), [0, 5, 20, 45, 90, 175]);
  assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), [0, 175]);
  assert.deepEqual(eventsOf(result, { type: 'restart-scheduled', container: 'app' }), [
    { t: 175, type: 'restart-scheduled', container: 'app', delaySeconds: 75 },
  ]);
  assert.deepEqual(result.summary.containers.app.restartDelays, [75]);
  assert.equal(result.summary.phase, 'Running');
});

test('the hold needs the last init container to be a sidecar that is down; otherwise the restart is immediate', () => {
  const cases: { initContainers: Record<string, unknown>[]; options: string; appStarts: number[] }[] = [
    // A regular init container after the sidecar: it finished, so the pod counts as initialized.
    { initContainers: [sidecar('proxy'), init('migrate')], options: '--exit migrate:1:0 --exit proxy:5 --exit-once app:99', appStarts: [1, 100] },
    // The sidecar is running: nothing to wait for.
    { initContainers: [sidecar('proxy')], options: '--exit-once app:100', appStarts: [0, 100] },
  ];
  for (const { initContainers, options, appStarts } of cases) {
    const result = run(pod([app()], { initContainers }), `${options} --until 300`);
    assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), appStarts, options);
    assert.deepEqual(result.summary.containers.app.restartDelays, [0], options);
  }
});

test('a back-off that runs out while the sidecar is down is held too, and judged again when it is back', () => {
  // app exits at 5, 10 and 25; the last exit is held back 20 s, until 45. proxy exits at 22 and 44 and
  // is held back until 54. At 45 the pod is not initialized; at 54 doBackOff finds the back-off over.
  const spec = pod([app()], { initContainers: [sidecar('proxy')] });
  const result = run(spec, '--exit app:5 --exit proxy:22 --until 56');
  assert.deepEqual(times(result, { type: 'container-started', container: 'proxy' }), [0, 22, 54]);
  assert.deepEqual(times(result, { type: 'container-started', container: 'app' }), [0, 5, 20, 54]);
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 10, 29]);
});

test('every pod sync probes the readiness of a started container that is not ready', () => {
  // app's readiness fails until 40 and runs every 30 s; b's exit at 45 makes the kubelet sync the pod,
  // and that sync's status generation triggers app's readiness worker: Ready at 45, not at the 60 s tick.
  const spec = pod([app({ readinessProbe: probe({ periodSeconds: 30, failureThreshold: 1 }) }), { name: 'b', image: 'registry.example.com/b:1' }]);
  const result = run(spec, '--readiness-fails app:0:40 --exit-once b:45 --until 100');
  assert.deepEqual(times(result, { type: 'probe', container: 'app', probe: 'readiness' }), [0, 30, 45, 75]);
  assert.equal(result.summary.readyAt, 45);
});

test('a probe run at the same instant as the sync is not repeated by the trigger', () => {
  const spec = pod([app({ readinessProbe: probe({ periodSeconds: 10 }) })]);
  const result = run(spec, '--readiness-fails app:0:25 --until 40');
  // Triggered at the start (0), then its own ticks; no sync in between.
  assert.deepEqual(times(result, { type: 'probe', probe: 'readiness' }), [0, 10, 20, 30, 40]);
  assert.equal(result.summary.readyAt, 30);
});

// ---- the Job controller (pkg/controller/job: pastBackoffLimitOnFailure, pastActiveDeadline) -------

test("a Job's OnFailure pod is deleted once its containers' restarts reach backoffLimit", () => {
  // Starts at 0, 5, 20, 45, 90, 175, 340 (back-off 0, 10, 20, 40, 80, 160 after 5 s runs).
  const cases: { backoffLimit: number; deletedAt: number }[] = [
    { backoffLimit: 6, deletedAt: 340 },
    { backoffLimit: 2, deletedAt: 20 },
    { backoffLimit: 1, deletedAt: 5 },
    // 0: any restart at all.
    { backoffLimit: 0, deletedAt: 5 },
  ];
  for (const { backoffLimit, deletedAt } of cases) {
    const spec = pod([app()], { restartPolicy: 'OnFailure' });
    const result = simulateJob(spec, '--exit app:5 --until 900', { backoffLimit, activeDeadlineSeconds: null });
    assert.deepEqual(eventsOf(result, { type: 'deleted' }), [{ t: deletedAt, type: 'deleted', reason: 'BackoffLimitExceeded' }], `limit ${backoffLimit}`);
    // The pod just restarted is killed with the pod's grace: SIGTERM, exit 143 at once.
    assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), [deletedAt], `limit ${backoffLimit}`);
    assert.equal(result.summary.containers.app.restarts, Math.max(backoffLimit, 1), `limit ${backoffLimit}`);
    assert.equal(result.summary.phase, 'Failed', `limit ${backoffLimit}`);
  }
});

test('sidecar and init container restarts count toward backoffLimit; a Never template is not counted', () => {
  const withSidecar = pod([app()], { restartPolicy: 'OnFailure', initContainers: [sidecar('proxy')] });
  // proxy restarts at 3 and 16 (exits at 3 and 6, then 10 s of back-off), app at 5: the third restart reaches 3.
  const counted = simulateJob(withSidecar, '--exit proxy:3 --exit-once app:5 --until 100', { backoffLimit: 3, activeDeadlineSeconds: null });
  assert.deepEqual(times(counted, { type: 'deleted', reason: 'BackoffLimitExceeded' }), [16]);
  const never = simulateJob(pod([app()], { restartPolicy: 'Never' }), '--exit app:5 --until 100', { backoffLimit: 0, activeDeadlineSeconds: null });
  assert.deepEqual(times(never, { type: 'deleted' }), []);
  assert.equal(never.summary.phase, 'Failed');
});

test("a Job's activeDeadlineSeconds deletes its running pod; a finished pod is left alone", () => {
  const running = simulateJob(pod([app()], { restartPolicy: 'OnFailure' }), '--shutdown app:never --until 200', {
    backoffLimit: 6,
    activeDeadlineSeconds: 100,
  });
  assert.deepEqual(eventsOf(running, { type: 'deleted' }), [{ t: 100, type: 'deleted', reason: 'DeadlineExceeded' }]);
  assert.deepEqual(times(running, { type: 'signal', signal: 'SIGKILL' }), [130]);
  assert.equal(running.summary.phase, 'Failed');
  const done = simulateJob(pod([app()], { restartPolicy: 'OnFailure' }), '--exit app:10:0 --until 200', { backoffLimit: 6, activeDeadlineSeconds: 100 });
  assert.deepEqual(times(done, { type: 'deleted' }), []);
  assert.equal(done.summary.phase, 'Succeeded');
});

test('without a Job controller (a bare Pod) nothing deletes a crash-looping OnFailure pod', () => {
  const result = run(pod([app()], { restartPolicy: 'OnFailure' }), '--exit app:5 --until 900');
  assert.deepEqual(times(result, { type: 'deleted' }), []);
  assert.equal(result.summary.phase, 'Running');
});

test('a sleep-action preStop hook holds killContainer after the process exits; an exec hook ends with it', () => {
  // app exits 0 at 52, during its 10 s preStop (deleted at 50). With the sleep action the kubelet still
  // waits until 60 (issue #134338): only then does the sidecar get its turn and the pod its final status.
  const cases: { hook: Record<string, unknown>; release: number }[] = [
    { hook: { sleep: { seconds: 10 } }, release: 60 },
    { hook: { exec: { command: ['sh', '-c', 'sleep 10'] } }, release: 52 },
  ];
  for (const { hook, release } of cases) {
    const spec = pod([app({ lifecycle: { preStop: hook } })], { initContainers: [sidecar('proxy')] });
    const result = run(spec, '--delete 50 --exit-once app:52:0 --until 100');
    const label = Object.keys(hook)[0];
    assert.deepEqual(
      eventsOf(result, { type: 'container-terminated', container: 'app' }).map((e) => e.t),
      [52],
      label,
    );
    assert.deepEqual(times(result, { type: 'signal', container: 'proxy', signal: 'SIGTERM' }), [release], label);
    assert.deepEqual(times(result, { type: 'phase', phase: 'Succeeded' }), [release], label);
    assert.deepEqual(times(result, { type: 'condition', condition: 'Ready', status: false }), [release], label);
    assert.deepEqual(times(result, { type: 'prestop-finished', container: 'app' }), label === 'sleep' ? [60] : [], label);
  }
});

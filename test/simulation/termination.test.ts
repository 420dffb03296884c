import { test } from 'node:test';
import assert from 'node:assert/strict';
import { app, eventsOf, pod, probe, run, times } from './helpers';

interface TerminationCase {
  name: string;
  grace: number | undefined;
  preStop: Record<string, unknown> | undefined;
  options: string;
  sigterm: number[];
  sigkill: number[];
  exit: { t: number; exitCode: number };
  preStopFinished?: number[];
}

const sleepHook = (seconds: number) => ({ preStop: { sleep: { seconds } } });
const execHook = (command: string[]) => ({ preStop: { exec: { command } } });

// lifecycle d, "Arithmetic (deletion at D, grace G, hook p, shutdown s)", with D = 100.
const cases: TerminationCase[] = [
  {
    name: 'no hook: SIGTERM at D, SIGKILL at D+G',
    grace: 30,
    preStop: undefined,
    options: '--delete 100 --shutdown app:never',
    sigterm: [100],
    sigkill: [130],
    exit: { t: 130, exitCode: 137 },
  },
  {
    name: 'default grace is 30 s',
    grace: undefined,
    preStop: undefined,
    options: '--delete 100 --shutdown app:never',
    sigterm: [100],
    sigkill: [130],
    exit: { t: 130, exitCode: 137 },
  },
  {
    name: 'p < G, integer p: SIGTERM at D+p, SIGKILL at D+G',
    grace: 30,
    preStop: sleepHook(5),
    options: '--delete 100 --shutdown app:never',
    sigterm: [105],
    sigkill: [130],
    exit: { t: 130, exitCode: 137 },
    preStopFinished: [105],
  },
  {
    name: 'p < G, fractional p: only whole seconds of the hook are subtracted',
    grace: 30,
    preStop: undefined,
    options: '--delete 100 --prestop app:2.5 --shutdown app:never',
    sigterm: [102.5],
    sigkill: [130.5],
    exit: { t: 130.5, exitCode: 137 },
    preStopFinished: [102.5],
  },
  {
    name: 'p >= G: SIGTERM at D+G, SIGKILL at D+G+2 (the 2 s extension)',
    grace: 10,
    preStop: execHook(['sleep', '30']),
    options: '--delete 100 --shutdown app:never',
    sigterm: [110],
    sigkill: [112],
    exit: { t: 112, exitCode: 137 },
    preStopFinished: [],
  },
  {
    name: 'p = G: the hook ends as the grace does; 2 s after SIGTERM',
    grace: 10,
    preStop: execHook(['sh', '-c', 'sleep 10']),
    options: '--delete 100 --shutdown app:never',
    sigterm: [110],
    sigkill: [112],
    exit: { t: 112, exitCode: 137 },
    preStopFinished: [110],
  },
  {
    name: 'grace left below 2 s is raised to 2 s',
    grace: 3,
    preStop: sleepHook(2),
    options: '--delete 100 --shutdown app:never',
    sigterm: [102],
    sigkill: [104],
    exit: { t: 104, exitCode: 137 },
  },
  {
    name: 'G = 0: SIGTERM at D, SIGKILL at D+2',
    grace: 0,
    preStop: undefined,
    options: '--delete 100 --shutdown app:never',
    sigterm: [100],
    sigkill: [102],
    exit: { t: 102, exitCode: 137 },
  },
  {
    name: 'G = 0 with a hook: the pod worker gives 1 s, the hook runs in it, then 2 s',
    grace: 0,
    preStop: sleepHook(5),
    options: '--delete 100 --shutdown app:never',
    sigterm: [101],
    sigkill: [103],
    exit: { t: 103, exitCode: 137 },
  },
  {
    name: 'a process that exits within the grace exits 143, no SIGKILL',
    grace: 30,
    preStop: sleepHook(5),
    options: '--delete 100 --shutdown app:2',
    sigterm: [105],
    sigkill: [],
    exit: { t: 107, exitCode: 143 },
  },
  {
    name: 'a process that needs exactly the grace left is not SIGKILLed',
    grace: 30,
    preStop: sleepHook(5),
    options: '--delete 100 --shutdown app:25',
    sigterm: [105],
    sigkill: [],
    exit: { t: 130, exitCode: 143 },
  },
  {
    name: '--prestop overrides the spec, and gives a hook to a container without one',
    grace: 30,
    preStop: undefined,
    options: '--delete 100 --prestop app:7 --shutdown app:0',
    sigterm: [107],
    sigkill: [],
    exit: { t: 107, exitCode: 143 },
    preStopFinished: [107],
  },
  {
    name: 'an httpGet hook returns at once',
    grace: 30,
    preStop: { preStop: { httpGet: { path: '/quit', port: 8080 } } },
    options: '--delete 100',
    sigterm: [100],
    sigkill: [],
    exit: { t: 100, exitCode: 143 },
    preStopFinished: [100],
  },
];

for (const testCase of cases) {
  test(`termination: ${testCase.name}`, () => {
    const spec = pod([app(testCase.preStop ? { lifecycle: testCase.preStop } : {})], {
      ...(testCase.grace === undefined ? {} : { terminationGracePeriodSeconds: testCase.grace }),
    });
    const result = run(spec, `${testCase.options} --until 300`);
    assert.deepEqual(times(result, { type: 'deleted' }), [100]);
    assert.deepEqual(times(result, { type: 'endpoint', ready: false }), [100]);
    assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), testCase.sigterm);
    assert.deepEqual(times(result, { type: 'signal', signal: 'SIGKILL' }), testCase.sigkill);
    const exits = eventsOf(result, { type: 'container-terminated' });
    assert.equal(exits.length, 1);
    assert.equal(exits[0].t, testCase.exit.t);
    assert.equal(exits[0].type === 'container-terminated' && exits[0].exitCode, testCase.exit.exitCode);
    if (testCase.preStop || testCase.options.includes('--prestop')) {
      assert.deepEqual(times(result, { type: 'prestop-started' }), [100]);
    } else {
      assert.deepEqual(times(result, { type: 'prestop-started' }), []);
    }
    if (testCase.preStopFinished) assert.deepEqual(times(result, { type: 'prestop-finished' }), testCase.preStopFinished);
    // Ready stays true until the container exits; the pod ends Failed on a non-zero exit.
    assert.deepEqual(times(result, { type: 'condition', condition: 'Ready', status: false }), [testCase.exit.t]);
    assert.equal(result.summary.phase, 'Failed');
    assert.deepEqual(times(result, { type: 'phase', phase: 'Failed' }), [testCase.exit.t]);
    assert.deepEqual(times(result, { type: 'restart-scheduled' }), []);
  });
}

test('a deleted pod whose containers all last exited 0 ends Succeeded', () => {
  const spec = pod([app({ lifecycle: sleepHook(5) })]);
  const result = run(spec, '--delete 100 --exit app:103:0 --until 200');
  assert.deepEqual(times(result, { type: 'signal' }), []);
  assert.deepEqual(times(result, { type: 'container-terminated', exitCode: 0 }), [103]);
  assert.equal(result.summary.phase, 'Succeeded');
});

test('deleting a pod in back-off stops the restart and ends it at once', () => {
  const result = run(pod([app()]), '--exit app:5 --delete 15 --until 100');
  assert.deepEqual(times(result, { type: 'container-started' }), [0, 5]);
  assert.deepEqual(times(result, { type: 'phase', phase: 'Failed' }), [15]);
  assert.deepEqual(times(result, { type: 'signal' }), []);
});

test('probe-level terminationGracePeriodSeconds applies to a liveness kill', () => {
  const spec = pod([app({ livenessProbe: probe({ periodSeconds: 10, failureThreshold: 3, terminationGracePeriodSeconds: 5 }) })]);
  const result = run(spec, '--liveness-fails app:35 --shutdown app:never --until 100');
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), [60]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGKILL' }), [65]);
  // The restart comes in the same sync as the kill, once it completes.
  assert.deepEqual(times(result, { type: 'container-started' }), [0, 65]);
});

test('a liveness kill runs the preStop hook first, within the grace', () => {
  const spec = pod([app({ lifecycle: sleepHook(4), livenessProbe: probe({ periodSeconds: 10, failureThreshold: 3 }) })], { terminationGracePeriodSeconds: 20 });
  const result = run(spec, '--liveness-fails app:35 --shutdown app:3 --until 100');
  assert.deepEqual(times(result, { type: 'prestop-started' }), [60]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), [64]);
  assert.deepEqual(times(result, { type: 'container-terminated', exitCode: 143 }), [67]);
  assert.deepEqual(times(result, { type: 'container-started' }), [0, 67]);
});

test('probe-level grace does not apply when the pod is deleted', () => {
  const spec = pod([app({ livenessProbe: probe({ periodSeconds: 10, failureThreshold: 3, terminationGracePeriodSeconds: 5 }) })]);
  const result = run(spec, '--delete 50 --shutdown app:never --until 100');
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGKILL' }), [80]);
  // Liveness stops probing on deletion.
  assert.deepEqual(times(result, { type: 'probe', probe: 'liveness' }), [10, 20, 30, 40]);
});

test('an OOM kill sends no signal and exits 137 OOMKilled', () => {
  const spec = pod([app({ resources: { limits: { memory: '64Mi' } } })]);
  const result = run(spec, '--oom app:20 --until 60');
  assert.deepEqual(times(result, { type: 'container-terminated', reason: 'OOMKilled', exitCode: 137 }), [20, 40]);
  assert.deepEqual(times(result, { type: 'signal' }), []);
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 10]);
});

test('no memory limit, no cgroup OOM kill', () => {
  const result = run(pod([app()]), '--oom app:20 --until 60');
  assert.deepEqual(times(result, { type: 'container-terminated' }), []);
});

test('a pod-level memory limit lets the OOM killer end a container', () => {
  const result = run(pod([app()], { resources: { limits: { memory: '128Mi' } } }), '--oom app:20 --until 30');
  assert.deepEqual(times(result, { type: 'container-terminated', reason: 'OOMKilled' }), [20]);
});

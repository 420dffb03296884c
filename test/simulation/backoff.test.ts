import { test } from 'node:test';
import assert from 'node:assert/strict';
import { type BackoffEntry, decideRestartAfterExit, decideRestartAfterProbeKill } from '../../server/src/engine/simulation/backoff';
import { app, pod, probe, run, times } from './helpers';

test('crash loop waits 0, 10, 20, 40, 80, 160, 300, 300 from each exit', () => {
  let entry: BackoffEntry | null = null;
  let t = 0;
  const delays: number[] = [];
  for (let i = 0; i < 9; i++) {
    const exitAt = t + 5;
    const decision = decideRestartAfterExit(entry, exitAt);
    delays.push(decision.restartAt - exitAt);
    entry = decision.entry;
    t = decision.restartAt;
  }
  assert.deepEqual(delays, [0, 10, 20, 40, 80, 160, 300, 300, 300]);
});

test('a run of more than 600 s since the last restart decision forgets the back-off', () => {
  // Restart decision at 1000 with a 160 s entry; the next run lasts 601 s.
  const entry: BackoffEntry = { backoffSeconds: 160, lastUpdate: 1000 };
  const decision = decideRestartAfterExit(entry, 1601);
  assert.equal(decision.restartAt, 1601);
  assert.deepEqual(decision.entry, { backoffSeconds: 10, lastUpdate: 1601 });
  // Exactly 600 s is not yet expired (HasExpiredFunc uses >): a wait that ends before expiry doubles.
  const held = decideRestartAfterExit({ backoffSeconds: 10, lastUpdate: 1000 }, 1590);
  assert.equal(held.restartAt, 1600);
  assert.equal(held.entry?.backoffSeconds, 20);
  // An exit at exactly 600 s is still in back-off; GC drops the entry just after, but only the sync
  // requeued for the end of the wait sees that: restart at 1610 with a fresh entry, not a doubled one.
  const atBoundary = decideRestartAfterExit({ backoffSeconds: 10, lastUpdate: 1000 }, 1600);
  assert.equal(atBoundary.restartAt, 1610);
  assert.deepEqual(atBoundary.entry, { backoffSeconds: 10, lastUpdate: 1610 });
  // 595 s: the same, 10 s after the exit (not 5, when GC runs).
  const justUnder = decideRestartAfterExit({ backoffSeconds: 10, lastUpdate: 1000 }, 1595);
  assert.equal(justUnder.restartAt, 1605);
  assert.deepEqual(justUnder.entry, { backoffSeconds: 10, lastUpdate: 1605 });
});

test('runs of exactly 600 s and of 595 s: 10 s waits from the second exit on, never 0 or 20', () => {
  for (const run of [600, 595]) {
    let entry: BackoffEntry | null = null;
    let t = 0;
    const delays: number[] = [];
    for (let i = 0; i < 5; i++) {
      const exitAt = t + run;
      const decision = decideRestartAfterExit(entry, exitAt);
      delays.push(decision.restartAt - exitAt);
      entry = decision.entry;
      t = decision.restartAt;
    }
    assert.deepEqual(delays, [0, 10, 10, 10, 10], `runs of ${run} s`);
  }
});

test('GC cuts a back-off wait short when the entry expires inside it, and resets it', () => {
  // lifecycle a.3: a 500 s run followed by a 160 s back-off restarts at lastUpdate + 600..660: the
  // refused sync is requeued at 1560 (entry still there) and 1620 (gone): restart at 1620, reset.
  const decision = decideRestartAfterExit({ backoffSeconds: 160, lastUpdate: 1000 }, 1500);
  assert.equal(decision.restartAt, 1620);
  assert.deepEqual(decision.entry, { backoffSeconds: 10, lastUpdate: 1620 });
  // A 300 s wait whose entry expires 250 s in: requeues at 60, 120, 180, 240 (still there), 300.
  const late = decideRestartAfterExit({ backoffSeconds: 300, lastUpdate: 1000 }, 1350);
  assert.equal(late.restartAt, 1650);
  assert.deepEqual(late.entry, { backoffSeconds: 10, lastUpdate: 1650 });
});

test('the back-off is capped at 300 s', () => {
  const decision = decideRestartAfterExit({ backoffSeconds: 300, lastUpdate: 0 }, 10);
  assert.equal(decision.restartAt, 310);
  assert.equal(decision.entry?.backoffSeconds, 300);
});

test('probe kills restart in the same sync, judged against the previous exit (a.5)', () => {
  let entry: BackoffEntry | null = null;
  let previousExit: number | null = null;
  const delays: number[] = [];
  let restartAt = 0;
  for (let kill = 1; kill <= 6; kill++) {
    const killAt: number = restartAt + 30;
    const decision = decideRestartAfterProbeKill(entry, previousExit, killAt);
    delays.push(decision.restartAt - killAt);
    entry = decision.entry;
    previousExit = killAt;
    restartAt = decision.restartAt;
  }
  assert.deepEqual(delays, [0, 0, 0, 0, 40, 80]);
});

test('the first probe kill makes no back-off entry', () => {
  assert.deepEqual(decideRestartAfterProbeKill(null, null, 30), { restartAt: 30, entry: null });
});

test('liveness kills every 30 s give restartDelays [0, 0, 0, 0, 40, 80] in the simulation', () => {
  const spec = pod([app({ livenessProbe: probe({ periodSeconds: 10, failureThreshold: 3 }) })]);
  const result = run(spec, '--healthy-after app:100000 --until 400');
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 0, 0, 0, 40, 80]);
  assert.deepEqual(times(result, { type: 'signal', signal: 'SIGTERM' }), [30, 60, 90, 120, 150, 220, 330]);
  assert.deepEqual(times(result, { type: 'container-started' }), [0, 30, 60, 90, 120, 190, 300]);
  assert.deepEqual(times(result, { type: 'container-waiting', reason: 'CrashLoopBackOff' }), [150, 220, 330]);
});

test('crash loop in the simulation: restarts at 5, 20, 45, 90, 175, 340, 645', () => {
  const result = run(pod([app()]), '--exit app:5 --until 900');
  assert.deepEqual(times(result, { type: 'container-started' }), [0, 5, 20, 45, 90, 175, 340, 645]);
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 10, 20, 40, 80, 160, 300]);
  assert.deepEqual(
    result.events.filter((e) => e.type === 'restart-scheduled').map((e) => (e.type === 'restart-scheduled' ? e.delaySeconds : -1)),
    [0, 10, 20, 40, 80, 160, 300, 300],
  );
  // CrashLoopBackOff only while a restart is held back, never for the immediate one.
  assert.deepEqual(times(result, { type: 'container-waiting', reason: 'CrashLoopBackOff' }), [10, 25, 50, 95, 180, 345, 650]);
});

test('exit 0 under Always gets the same back-off as a crash (a.4)', () => {
  const result = run(pod([app()]), '--exit app:5:0 --until 100');
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 10, 20, 40]);
  assert.equal(result.summary.phase, 'Running');
});

test('a liveness kill after more than 600 s since the last restart decision restarts at once with a fresh entry', () => {
  // Run 1 exits at 5 (restart at once, entry 10 s at 5); run 2 fails liveness from 700: killed at 720.
  // 720 - 5 > 600: GC has forgotten the entry, so the restart is immediate and the entry starts again at 10 s.
  const spec = pod([app({ livenessProbe: probe({ periodSeconds: 10, failureThreshold: 3 }) })]);
  const result = run(spec, '--exit-once app:5 --liveness-fails app:700 --until 900');
  assert.deepEqual(result.summary.containers.app.restartDelays, [0, 0]);
  assert.deepEqual(times(result, { type: 'container-started' }), [0, 5, 720]);
});

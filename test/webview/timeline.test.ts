import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { buildTimeline, keyNumbers, listedEvents, readoutAt, presets, axisTicks, type Segment } from '../../client/webview/timeline';
import { emptyScenario, type Scenario } from '../../client/src/webview-protocol';
import { formatTimeline } from '../../server/src/engine/simulation';
import { run, webDeployment } from './fixtures';

const spans = (segments: Segment[], kinds: string[]) => segments.filter((s) => kinds.includes(s.kind)).map((s) => [s.from, s.to]);

/** Merges touching spans, so that "ready" drawn in pieces compares with a condition drawn whole. */
function merged(list: number[][]): number[][] {
  const out: number[][] = [];
  for (const [from, to] of list) {
    const last = out[out.length - 1];
    if (last && last[1] === from) last[1] = to;
    else out.push([from, to]);
  }
  return out;
}

const single = (probe: Record<string, unknown>) => ({
  containers: [{ name: 'app', image: 'registry.example.com/app:1', readinessProbe: { exec: { command: ['/bin/check'] }, ...probe } }],
});

test("a lone container's readiness drawn from its probe results matches the simulator's ContainersReady", () => {
  const cases: [string, Record<string, unknown>, (s: Scenario) => void][] = [
    [
      'blip with thresholds',
      { periodSeconds: 5, failureThreshold: 3, successThreshold: 2 },
      (s) => s.readinessFails.push({ container: 'app', from: 40, to: 70 }),
    ],
    ['crash loop', { periodSeconds: 3 }, (s) => s.exit.push({ container: 'app', afterSeconds: 20, exitCode: 1 })],
    ['slow start', { periodSeconds: 10, initialDelaySeconds: 5 }, (s) => s.healthyAfter.push({ container: 'app', seconds: 35 })],
  ];
  for (const [what, probe, build] of cases) {
    const scenario = emptyScenario();
    build(scenario);
    const simulated = run(single(probe), scenario, 400, { kind: 'Pod', name: 'p', document: 0 });
    const timeline = buildTimeline(simulated.result, simulated.model);
    const containersReady = timeline.pod.rows.find((r) => r.label === 'ContainersReady')!;
    assert.deepEqual(merged(spans(timeline.containers[0].segments, ['ready'])), merged(spans(containersReady.segments, ['ready'])), what);
  }
});

test('web-deployment crash loop: lanes in spec order, back-off bands are the waits, key numbers from the summary', () => {
  const simulated = webDeployment((s) => s.exit.push({ container: 'app', afterSeconds: 5, exitCode: 1 }));
  const timeline = buildTimeline(simulated.result, simulated.model);
  assert.deepEqual(
    timeline.containers.map((c) => [c.name, c.role]),
    [
      ['log-shipper', 'sidecar'],
      ['migrate', 'init'],
      ['app', 'app'],
    ],
  );
  const app = timeline.containers[2];
  const delays = simulated.result.summary.containers.app.restartDelays.filter((d) => d > 0);
  assert.deepEqual(
    app.bands
      .filter((b) => b.kind === 'backoff')
      .map((b) => b.to - b.from)
      .slice(0, delays.length),
    delays.map((d, i) => Math.min(d, 900 - app.bands[i].from)),
  );
  assert.equal(app.markers.filter((m) => m.kind === 'restart').length, simulated.result.summary.containers.app.restarts);
  // Segments tile the lane: no gaps, no overlaps, up to the horizon.
  for (const lane of timeline.containers) {
    for (let i = 1; i < lane.segments.length; i++) assert.equal(lane.segments[i].from, lane.segments[i - 1].to, lane.name);
    assert.equal(lane.segments.at(-1)!.to, 900);
  }
  const numbers = keyNumbers(simulated.result, simulated.model);
  assert.equal(numbers.readyAt, `${simulated.result.summary.readyAt} s`);
  assert.deepEqual(
    numbers.restarts.map((r) => r.name),
    ['log-shipper', 'migrate', 'app'],
  );
  assert.equal(numbers.sigkill, 'none');
  assert.equal(numbers.phase, `${simulated.result.summary.phase} at 900 s`);
});

test('the event list folds repeated passing probes exactly as pod-lens simulate prints them', () => {
  const simulated = webDeployment((s) => s.readinessFails.push({ container: 'app', from: 100, to: 130 }), 300);
  const printed = formatTimeline(simulated.result)
    .split('\n')
    .filter((line) => /^\s*[\d.]+ s {2}/.test(line));
  assert.equal(listedEvents(simulated.result, false).length, printed.length);
  assert.equal(listedEvents(simulated.result, true).length, simulated.result.events.length);
});

test('termination: grace countdown from the deletion, SIGTERM turns the lane to terminating, time to SIGKILL', () => {
  const simulated = webDeployment((s) => {
    s.delete.push(60);
    s.shutdown.push({ container: 'app', seconds: 'never' });
  }, 180);
  const timeline = buildTimeline(simulated.result, simulated.model);
  assert.equal(timeline.pod.deletedAt, 60);
  assert.equal(timeline.pod.graceEndsAt, 105);
  assert.deepEqual(readoutAt(timeline, 70).pod.at(-1), 'grace period: 35 s left');
  const app = timeline.containers.find((c) => c.name === 'app')!;
  const sigterm = simulated.result.events.find((e) => e.type === 'signal' && e.signal === 'SIGTERM' && e.container === 'app')!;
  assert.equal(app.segments.find((s) => s.kind === 'terminating')!.from, sigterm.t);
  assert.deepEqual(
    app.bands.find((b) => b.kind === 'prestop'),
    { from: 60, to: 70, kind: 'prestop', label: 'preStop' },
  );
  assert.equal(keyNumbers(simulated.result, simulated.model).sigkill, '105 s (45 s after deletion)');
  assert.equal(readoutAt(timeline, 104).containers.find((c) => c.name === 'app')!.state, 'terminating (SIGTERM sent)');
});

test('without the pod model: lanes from the result, roles unknown, readiness from probe results', () => {
  const simulated = webDeployment();
  const timeline = buildTimeline(simulated.result, null);
  assert.deepEqual(timeline.containers.map((c) => c.name).sort(), ['app', 'log-shipper', 'migrate']);
  assert.ok(timeline.containers.every((c) => c.role === null));
  assert.ok(timeline.containers.find((c) => c.name === 'app')!.segments.some((s) => s.kind === 'ready'));
});

test('presets: every one names only containers of the pod, and each story shows in the simulation', () => {
  const { model } = webDeployment();
  const lanes = [...model.initContainers, ...model.containers];
  const list = presets(model, lanes);
  assert.deepEqual(
    list.map((p) => p.id),
    ['healthy', 'crash-loop', 'slow-start', 'graceful', 'forced', 'oom-loop'],
  );
  const byId = Object.fromEntries(list.map((p) => [p.id, p]));
  const outcome = (id: string) => webDeployment((s) => Object.assign(s, byId[id].scenario), byId[id].until).result;
  assert.ok(outcome('healthy').summary.readyAt !== null);
  assert.ok(outcome('crash-loop').summary.containers.app.restarts >= 5);
  const slow = outcome('slow-start');
  assert.ok(
    slow.events.some((e) => e.type === 'container-terminated' && e.container === 'app'),
    'the slow start is killed',
  );
  assert.ok(slow.summary.containers.app.restarts >= 1);
  const graceful = outcome('graceful');
  assert.ok(!graceful.events.some((e) => e.type === 'signal' && e.signal === 'SIGKILL'));
  assert.ok(outcome('forced').events.some((e) => e.type === 'signal' && e.signal === 'SIGKILL' && e.container === 'app'));
  assert.ok(outcome('oom-loop').events.some((e) => e.type === 'container-terminated' && e.reason === 'OOMKilled'));
});

test('axis ticks are round and cover the horizon', () => {
  assert.deepEqual(axisTicks(900), [0, 120, 240, 360, 480, 600, 720, 840]);
  assert.deepEqual(axisTicks(180), [0, 30, 60, 90, 120, 150, 180]);
  assert.deepEqual(axisTicks(10), [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
});

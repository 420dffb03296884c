import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyScenario, Scenario, simulate, SimulationResult } from '../../server/src/engine/simulation';

const probeArbitrary = fc.option(
  fc.record({
    exec: fc.constant({ command: ['/bin/check'] }),
    periodSeconds: fc.integer({ min: 1, max: 20 }),
    failureThreshold: fc.integer({ min: 1, max: 5 }),
    initialDelaySeconds: fc.integer({ min: 0, max: 15 }),
    terminationGracePeriodSeconds: fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }),
  }),
  { nil: undefined },
);

const preStopArbitrary = fc.option(
  fc.oneof(
    fc.record({ preStop: fc.record({ sleep: fc.record({ seconds: fc.integer({ min: 0, max: 40 }) }) }) }),
    fc.record({ preStop: fc.record({ exec: fc.record({ command: fc.tuple(fc.constant('sleep'), fc.integer({ min: 0, max: 40 }).map(String)) }) }) }),
  ),
  { nil: undefined },
);

function containerArbitrary(name: string, probed: boolean) {
  return fc.record({
    name: fc.constant(name),
    image: fc.constant('registry.example.com/x:1'),
    livenessProbe: probed ? probeArbitrary : fc.constant(undefined),
    readinessProbe: probed ? probeArbitrary.map((p) => (p ? { ...p, terminationGracePeriodSeconds: undefined } : p)) : fc.constant(undefined),
    startupProbe: probed ? probeArbitrary : fc.constant(undefined),
    lifecycle: probed ? preStopArbitrary : fc.constant(undefined),
    resources: fc.constant({ limits: { memory: '64Mi' } }),
  });
}

const podArbitrary = fc
  .record({
    appCount: fc.integer({ min: 1, max: 2 }),
    initCount: fc.integer({ min: 0, max: 2 }),
    sidecarCount: fc.integer({ min: 0, max: 2 }),
    restartPolicy: fc.constantFrom('Always', 'OnFailure', 'Never', undefined),
    terminationGracePeriodSeconds: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
  })
  .chain((shape) =>
    fc.record({
      restartPolicy: fc.constant(shape.restartPolicy),
      terminationGracePeriodSeconds: fc.constant(shape.terminationGracePeriodSeconds),
      containers: fc.tuple(...Array.from({ length: shape.appCount }, (_, i) => containerArbitrary(`app${i}`, true))),
      initContainers: fc.tuple(
        ...Array.from({ length: shape.initCount }, (_, i) => containerArbitrary(`init${i}`, false)),
        ...Array.from({ length: shape.sidecarCount }, (_, i) =>
          containerArbitrary(`side${i}`, true).map((c) => ({ ...c, restartPolicy: 'Always' })),
        ),
      ),
    }),
  );

type PodSpec = { containers: { name: string }[]; initContainers: { name: string }[] };

function scenarioArbitrary(spec: PodSpec): fc.Arbitrary<{ scenario: Scenario; until: number }> {
  const names = [...spec.containers, ...spec.initContainers].map((c) => c.name);
  const name = fc.constantFrom(...names);
  const seconds = fc.integer({ min: 0, max: 400 }).map((n) => n / 2);
  return fc
    .record({
      exit: fc.array(fc.record({ container: name, afterSeconds: seconds, exitCode: fc.constantFrom(0, 1, 2) }), { maxLength: 2 }),
      exitOnce: fc.array(fc.record({ container: name, afterSeconds: seconds, exitCode: fc.constantFrom(0, 1) }), { maxLength: 1 }),
      healthyAfter: fc.array(fc.record({ container: name, seconds }), { maxLength: 2 }),
      livenessFails: fc.array(fc.record({ container: name, at: seconds }), { maxLength: 2 }),
      readinessFails: fc.array(
        fc.record({ container: name, from: seconds, length: seconds }).map((r) => ({ container: r.container, from: r.from, to: r.from + r.length })),
        { maxLength: 1 },
      ),
      oom: fc.array(fc.record({ container: name, afterSeconds: fc.integer({ min: 1, max: 300 }) }), { maxLength: 1 }),
      delete: fc.array(seconds, { maxLength: 1 }),
      shutdown: fc.array(
        fc.record({ container: name, seconds: fc.oneof(seconds.map((s) => s / 4), fc.constant('never' as const)) }),
        { maxLength: 2 },
      ),
      prestop: fc.array(fc.record({ container: name, seconds: fc.integer({ min: 0, max: 40 }) }), { maxLength: 1 }),
      pull: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      until: fc.integer({ min: 1, max: 1200 }),
    })
    .map(({ until, ...rules }) => ({ scenario: { ...emptyScenario(), ...rules }, until }));
}

const caseArbitrary = podArbitrary.chain((spec) =>
  scenarioArbitrary(spec as unknown as PodSpec).map((rest) => ({ spec, ...rest })),
);

function checkInvariants(result: SimulationResult, until: number): void {
  let previous = 0;
  const running = new Map<string, boolean>();
  const sigtermSinceStart = new Map<string, boolean>();
  const restartCounts = new Map<string, number>();
  for (const event of result.events) {
    assert.ok(event.t >= previous, `time went back: ${event.t} after ${previous}`);
    assert.ok(event.t <= until, `event after the horizon: ${JSON.stringify(event)}`);
    previous = event.t;
    switch (event.type) {
      case 'container-started': {
        assert.ok(!running.get(event.container), `${event.container} started twice at ${event.t}`);
        const expected = restartCounts.get(event.container) ?? 0;
        assert.equal(event.restartCount, expected, `${event.container} restartCount at ${event.t}`);
        restartCounts.set(event.container, expected + 1);
        running.set(event.container, true);
        sigtermSinceStart.set(event.container, false);
        break;
      }
      case 'container-terminated':
        assert.ok(running.get(event.container), `${event.container} terminated while not running at ${event.t}`);
        running.set(event.container, false);
        break;
      case 'signal':
        assert.ok(running.get(event.container), `${event.signal} to a stopped ${event.container} at ${event.t}`);
        if (event.signal === 'SIGTERM') sigtermSinceStart.set(event.container, true);
        // The kubelet always stops with SIGTERM first and a timeout of at least 2 s (killContainer).
        else assert.ok(sigtermSinceStart.get(event.container), `SIGKILL before SIGTERM for ${event.container} at ${event.t}`);
        break;
      case 'probe':
        assert.ok(running.get(event.container), `probe of a stopped ${event.container} at ${event.t}`);
        break;
    }
  }
  for (const [name, summary] of Object.entries(result.summary.containers)) {
    const starts = restartCounts.get(name) ?? 0;
    assert.equal(summary.restarts, Math.max(0, starts - 1), `${name} restarts`);
    assert.equal(summary.restartDelays.length, summary.restarts, `${name} restartDelays`);
    for (const delay of summary.restartDelays) assert.ok(delay >= 0 && delay <= 300, `${name} delay ${delay}`);
  }
  const phases = result.events.filter((e) => e.type === 'phase');
  assert.equal(phases[phases.length - 1].type === 'phase' && phases[phases.length - 1], phases.at(-1));
  const last = phases.at(-1);
  assert.equal(last?.type === 'phase' ? last.phase : undefined, result.summary.phase);
  // Terminal phases are final.
  const terminalAt = phases.findIndex((e) => e.type === 'phase' && (e.phase === 'Succeeded' || e.phase === 'Failed'));
  if (terminalAt >= 0) assert.equal(terminalAt, phases.length - 1);
}

test('invariants hold for random pods and scenarios', () => {
  fc.assert(
    fc.property(caseArbitrary, ({ spec, scenario, until }) => {
      const result = simulate(spec, scenario, { until });
      checkInvariants(result, until);
      // Deterministic: the same input gives the same output.
      assert.deepEqual(simulate(spec, scenario, { until }), result);
    }),
    { numRuns: 400, seed: 20260 },
  );
});

test('SIGKILL comes at least 2 s after SIGTERM, also with a grace of 0', () => {
  fc.assert(
    fc.property(caseArbitrary, ({ spec, scenario, until }) => {
      const result = simulate(spec, scenario, { until });
      const lastTerm = new Map<string, number>();
      for (const event of result.events) {
        if (event.type !== 'signal') continue;
        if (event.signal === 'SIGTERM') lastTerm.set(event.container, event.t);
        else assert.ok(event.t - (lastTerm.get(event.container) ?? -Infinity) >= 2 - 1e-9);
      }
    }),
    { numRuns: 200, seed: 7 },
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { emptyScenario, type Scenario } from '../../server/src/engine/simulation';
import { simulateJson } from '../support/pod-spec';
import { checkTimeline, maxRestartDelay } from './invariants';

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
        ...Array.from({ length: shape.sidecarCount }, (_, i) => containerArbitrary(`side${i}`, true).map((c) => ({ ...c, restartPolicy: 'Always' }))),
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
        fc.record({
          container: name,
          seconds: fc.oneof(
            seconds.map((s) => s / 4),
            fc.constant('never' as const),
          ),
        }),
        { maxLength: 2 },
      ),
      prestop: fc.array(fc.record({ container: name, seconds: fc.integer({ min: 0, max: 40 }) }), { maxLength: 1 }),
      pull: fc.option(fc.integer({ min: 0, max: 20 }), { nil: null }),
      until: fc.integer({ min: 1, max: 1200 }),
    })
    .map(({ until, ...rules }) => ({ scenario: { ...emptyScenario(), ...rules }, until }));
}

const caseArbitrary = podArbitrary.chain((spec) => scenarioArbitrary(spec as unknown as PodSpec).map((rest) => ({ spec, ...rest })));

test('invariants hold for random pods and scenarios', () => {
  fc.assert(
    fc.property(caseArbitrary, ({ spec, scenario, until }) => {
      const result = simulateJson(spec, scenario, { until });
      checkTimeline(result, until, maxRestartDelay(spec));
      // Deterministic: the same input gives the same output.
      assert.deepEqual(simulateJson(spec, scenario, { until }), result);
    }),
    { numRuns: 400, seed: 20260 },
  );
});

test('SIGKILL comes at least 2 s after SIGTERM, also with a grace of 0', () => {
  fc.assert(
    fc.property(caseArbitrary, ({ spec, scenario, until }) => {
      const result = simulateJson(spec, scenario, { until });
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

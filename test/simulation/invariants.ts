import * as assert from 'node:assert/strict';
import type { SimulationResult } from '../../server/src/engine/simulation';

/**
 * What must hold for every simulation, whatever the pod and scenario: time
 * never goes back and nothing comes after the horizon; a container never
 * starts twice without terminating; signals and probes only reach running
 * containers; SIGKILL only after SIGTERM (the kubelet's killContainer always
 * sends SIGTERM first); restart counts and delays agree with the events; the
 * summary's phase is the last phase event and a terminal phase is final.
 * Shared by the simulator's property test and `npm run fuzz`.
 */
const json = (value: unknown) => JSON.stringify(value);

/**
 * A restart waits at most the 300 s back-off cap, unless the pod's last init
 * container is a sidecar: then an app container's restart also waits for it
 * to run again (podHasInitialized), however long that takes.
 */
export function maxRestartDelay(podSpec: unknown): number {
  const init = (podSpec as { initContainers?: unknown } | null)?.initContainers;
  const last = Array.isArray(init) ? (init.at(-1) as { restartPolicy?: unknown } | undefined) : undefined;
  return last?.restartPolicy === 'Always' ? Infinity : 300;
}

export function checkTimeline(result: SimulationResult, until: number, restartDelayBound = 300): void {
  let previous = 0;
  const running = new Map<string, boolean>();
  const sigterm = new Map<string, boolean>();
  const starts = new Map<string, number>();
  for (const event of result.events) {
    assert.ok(Number.isFinite(event.t) && event.t >= previous, `time went back: ${event.t} after ${previous}`);
    assert.ok(event.t <= until, `event after the horizon: ${json(event)}`);
    previous = event.t;
    switch (event.type) {
      case 'container-started': {
        assert.ok(!running.get(event.container), `${event.container} started twice at ${event.t}`);
        const count = starts.get(event.container) ?? 0;
        assert.equal(event.restartCount, count, `${event.container} restartCount at ${event.t}`);
        starts.set(event.container, count + 1);
        running.set(event.container, true);
        sigterm.set(event.container, false);
        break;
      }
      case 'container-terminated':
        assert.ok(running.get(event.container), `${event.container} terminated while not running at ${event.t}`);
        running.set(event.container, false);
        break;
      case 'signal':
        assert.ok(running.get(event.container), `${event.signal} to a stopped ${event.container} at ${event.t}`);
        if (event.signal === 'SIGTERM') sigterm.set(event.container, true);
        else assert.ok(sigterm.get(event.container), `SIGKILL before SIGTERM for ${event.container} at ${event.t}`);
        break;
      case 'probe':
        assert.ok(running.get(event.container), `probe of a stopped ${event.container} at ${event.t}`);
        break;
    }
  }
  for (const [name, summary] of Object.entries(result.summary.containers)) {
    assert.equal(summary.restarts, Math.max(0, (starts.get(name) ?? 0) - 1), `${name} restarts`);
    assert.equal(summary.restartDelays.length, summary.restarts, `${name} restartDelays`);
    for (const delay of summary.restartDelays) assert.ok(delay >= 0 && delay <= restartDelayBound, `${name} delay ${delay}`);
  }
  const phases = result.events.filter((e) => e.type === 'phase');
  const last = phases.at(-1);
  assert.equal(last?.type === 'phase' ? last.phase : undefined, result.summary.phase, 'summary phase is the last phase event');
  const terminal = phases.findIndex((e) => e.type === 'phase' && (e.phase === 'Succeeded' || e.phase === 'Failed'));
  if (terminal >= 0) assert.equal(terminal, phases.length - 1, 'a terminal phase is final');
  if (result.summary.readyAt !== null) assert.ok(result.summary.readyAt >= 0 && result.summary.readyAt <= until, 'readyAt within the run');
}

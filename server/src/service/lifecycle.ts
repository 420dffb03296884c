import { type DocumentDetail, type ObjectDetail } from '../engine/analyze';
import { type PodSpecModel } from '../engine/model';
import {
  emptyScenario,
  jobControllerOf as jobController,
  type JobControllerModel,
  type Scenario,
  simulate,
  simulatedPod,
  type SimulationEvent,
  type SimulationResult,
} from '../engine/simulation';
import { jobSpecOf } from '../engine/workloads';
import { decideRestartAfterExit, type BackoffEntry } from '../engine/simulation/backoff';
import type { PodModel, ProbeKind } from '../engine/simulation/model';

/**
 * Every time the hovers state (first probe, kill of a hung app, startup
 * budget, back-off, termination timeline) is read off the lifecycle
 * simulator, so that a hover and `pod-lens simulate` can never disagree: if
 * the kubelet model changes, both change.
 */

/** The pod spec model of a workload, the simulator's input; null when there is none. */
export function podSpecOf(object: ObjectDetail | null | undefined): PodSpecModel | null {
  return object?.model ?? null;
}

/** The Job controller that owns a workload's pod (a Job's or a CronJob's job template); null for other kinds. */
export function jobControllerOf(document: DocumentDetail, object: ObjectDetail | null | undefined): JobControllerModel | null {
  const workload = object?.workload;
  if (!workload || !document.parsed) return null;
  const job = jobSpecOf(workload, document.parsed.document);
  return job ? jobController(job) : null;
}

/** The pod as the simulator runs it, or null when it cannot be run (unnamed or duplicate containers…). */
export function podModel(podSpec: PodSpecModel): PodModel | null {
  try {
    return simulatedPod(podSpec);
  } catch {
    return null;
  }
}

/** What the hovers read their times off: the pod under a scenario, null when it cannot be simulated. */
export function run(podSpec: PodSpecModel, scenario: Scenario, until: number): SimulationResult | null {
  try {
    return simulate(podSpec, scenario, { until });
  } catch {
    // A pod the simulator cannot run (no container names, duplicates) has no timings to show.
    return null;
  }
}

/** The crash-loop waits after each exit of a container that keeps exiting after a short run. */
export function backoffSchedule(restarts = 8): number[] {
  const delays: number[] = [];
  let entry: BackoffEntry | null = null;
  let exitAt = 0;
  for (let i = 0; i < restarts; i++) {
    const decision = decideRestartAfterExit(entry, exitAt);
    delays.push(decision.restartAt - exitAt);
    entry = decision.entry;
    exitAt = decision.restartAt + 1;
  }
  return delays;
}

const HORIZON = 3600;

const ofContainer = (events: SimulationEvent[], container: string) => events.filter((e) => 'container' in e && e.container === container);

function firstStart(events: SimulationEvent[], container: string): number | null {
  const started = events.find((e) => e.type === 'container-started' && e.container === container);
  return started ? started.t : null;
}

export interface KillTimeline {
  /** Seconds from the cause (probe failure, deletion) to each step; null where the step does not happen. */
  preStopStart: number | null;
  preStopEnd: number | null;
  sigterm: number | null;
  sigkill: number | null;
}

function killTimeline(events: SimulationEvent[], container: string, from: number): KillTimeline {
  const after = ofContainer(events, container).filter((e) => e.t >= from);
  const at = (predicate: (e: SimulationEvent) => boolean) => {
    const event = after.find(predicate);
    return event ? event.t - from : null;
  };
  return {
    preStopStart: at((e) => e.type === 'prestop-started'),
    preStopEnd: at((e) => e.type === 'prestop-finished'),
    sigterm: at((e) => e.type === 'signal' && e.signal === 'SIGTERM'),
    sigkill: at((e) => e.type === 'signal' && e.signal === 'SIGKILL'),
  };
}

export interface ProbeTimings {
  /** Seconds from the container's first start to the probe's first check. */
  firstCheck: number | null;
  /** Liveness: from the first failing check to the kill's SIGTERM/SIGKILL (the app ignoring SIGTERM). */
  hangKill: (KillTimeline & { detection: number }) | null;
  /** Startup: seconds from the container's start to the kill when the probe never passes. */
  startupBudget: { detection: number; kill: KillTimeline } | null;
  /** Readiness: seconds from the first failing check until the container is marked not ready. */
  unreadyAfter: number | null;
}

export function probeTimings(podSpec: PodSpecModel, container: string, kind: ProbeKind): ProbeTimings | null {
  const baseline = run(podSpec, emptyScenario(), HORIZON);
  if (!baseline) return null;
  const start = firstStart(baseline.events, container);
  const firstProbe = baseline.events.find((e) => e.type === 'probe' && e.container === container && e.probe === kind);
  const result: ProbeTimings = {
    firstCheck: start !== null && firstProbe ? firstProbe.t - start : null,
    hangKill: null,
    startupBudget: null,
    unreadyAfter: null,
  };
  if (!firstProbe || start === null) return result;

  if (kind === 'liveness') {
    // A hang that begins exactly at a check: the best case; one period later is the worst.
    const scenario = { ...emptyScenario(), livenessFails: [{ container, at: firstProbe.t }], shutdown: [{ container, seconds: 'never' as const }] };
    const hung = run(podSpec, scenario, HORIZON);
    const failure = hung?.events.find((e) => e.type === 'probe' && e.container === container && e.probe === 'liveness' && e.result === 'failure');
    if (hung && failure) {
      const timeline = killTimeline(hung.events, container, firstProbe.t);
      const decision = timeline.preStopStart ?? timeline.sigterm;
      if (decision !== null) result.hangKill = { ...timeline, detection: decision };
    }
  } else if (kind === 'startup') {
    const scenario = { ...emptyScenario(), healthyAfter: [{ container, seconds: HORIZON * 10 }], shutdown: [{ container, seconds: 'never' as const }] };
    const failing = run(podSpec, scenario, HORIZON);
    if (failing) {
      const kill = killTimeline(failing.events, container, start);
      const decision = kill.preStopStart ?? kill.sigterm;
      if (decision !== null) {
        result.startupBudget = {
          detection: decision,
          kill: killTimeline(failing.events, container, start + decision),
        };
      }
    }
  } else {
    const ready = baseline.events.find((e) => e.type === 'probe' && e.container === container && e.probe === 'readiness' && e.result === 'success');
    if (ready) {
      const from = ready.t + 1e-3;
      const scenario = { ...emptyScenario(), readinessFails: [{ container, from, to: HORIZON * 10 }] };
      const failing = run(podSpec, scenario, HORIZON);
      const unready = failing?.events.find((e) => e.type === 'condition' && e.condition === 'ContainersReady' && !e.status && e.t >= from);
      const firstFailure = failing?.events.find((e) => e.type === 'probe' && e.container === container && e.probe === 'readiness' && e.result === 'failure');
      if (unready && firstFailure) result.unreadyAfter = unready.t - firstFailure.t;
    }
  }
  return result;
}

export interface TerminationTimelines {
  grace: number;
  /** Per container, seconds from the deletion. */
  containers: Map<string, KillTimeline>;
}

/** What each container sees when the pod is deleted and no process reacts to SIGTERM. */
export function terminationTimelines(podSpec: PodSpecModel): TerminationTimelines | null {
  const model = podModel(podSpec);
  if (!model) return null;
  const baseline = run(podSpec, emptyScenario(), HORIZON);
  if (!baseline) return null;
  const starts = model.containers.map((c) => firstStart(baseline.events, c.name));
  if (starts.some((t) => t === null)) return null;
  const deleteAt = Math.max(...(starts as number[])) + 1;
  const everyone = [...model.initContainers, ...model.containers].map((c) => ({ container: c.name, seconds: 'never' as const }));
  const deleted = run(podSpec, { ...emptyScenario(), delete: [deleteAt], shutdown: everyone }, deleteAt + model.terminationGracePeriodSeconds + 600);
  if (!deleted) return null;
  const containers = new Map<string, KillTimeline>();
  for (const container of [...model.containers, ...model.initContainers.filter((c) => c.role === 'sidecar')]) {
    containers.set(container.name, killTimeline(deleted.events, container.name, deleteAt));
  }
  return { grace: model.terminationGracePeriodSeconds, containers };
}

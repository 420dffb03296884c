/**
 * The scenario, resolved per container: what each container's process does
 * (exits, OOM, probe answers, shutdown time, preStop length).
 */

import { type ContainerModel, type PodModel, type ProbeKind } from './model';
import { type Scenario } from './scenario';
import { type ProbeResult } from '../../protocol/simulation';

/** The scenario names a container the pod does not have. */
export class ScenarioError extends Error {}

export interface ProcessExit {
  afterSeconds: number;
  exitCode: number;
}

export interface ContainerBehaviour {
  /** Exit of every run (`--exit`). */
  exit: ProcessExit | null;
  /** Exit of the first run only (`--exit-once`). */
  exitOnce: ProcessExit | null;
  /** Seconds after each start at which the memory limit is passed; null when no OOM kill can happen. */
  oomAfterSeconds: number | null;
  healthyAfterSeconds: number | null;
  livenessFailsAt: number[];
  readinessFails: { from: number; to: number }[];
  /** Seconds the process needs after SIGTERM; Infinity when it ignores it. */
  shutdownSeconds: number;
  /** Seconds the preStop hook runs; null when the container has none. */
  preStopSeconds: number | null;
}

function earlierExit(a: ProcessExit | null, b: ProcessExit): ProcessExit {
  return a === null || b.afterSeconds < a.afterSeconds ? b : a;
}

export function resolveBehaviours(pod: PodModel, scenario: Scenario): Map<string, ContainerBehaviour> {
  const all: ContainerModel[] = [...pod.initContainers, ...pod.containers];
  const behaviours = new Map<string, ContainerBehaviour>();
  for (const container of all) {
    behaviours.set(container.name, {
      exit: null,
      exitOnce: null,
      oomAfterSeconds: null,
      healthyAfterSeconds: null,
      livenessFailsAt: [],
      readinessFails: [],
      shutdownSeconds: 0,
      preStopSeconds: container.preStopSeconds,
    });
  }
  const named = new Set<string>();
  const target = (option: string, name: string | null): ContainerBehaviour => {
    const resolved = name ?? pod.containers[0].name;
    if (option === '--exit' || option === '--exit-once' || option === '--oom') named.add(resolved);
    const behaviour = behaviours.get(resolved);
    if (!behaviour) {
      throw new ScenarioError(`${option}: the pod has no container '${resolved}' (it has ${all.map((c) => `'${c.name}'`).join(', ')})`);
    }
    return behaviour;
  };
  for (const rule of scenario.exit) {
    const behaviour = target('--exit', rule.container);
    behaviour.exit = earlierExit(behaviour.exit, { afterSeconds: rule.afterSeconds, exitCode: rule.exitCode });
  }
  for (const rule of scenario.exitOnce) {
    const behaviour = target('--exit-once', rule.container);
    behaviour.exitOnce = earlierExit(behaviour.exitOnce, { afterSeconds: rule.afterSeconds, exitCode: rule.exitCode });
  }
  for (const rule of scenario.oom) {
    const behaviour = target('--oom', rule.container);
    const model = all.find((c) => c.name === (rule.container ?? pod.containers[0].name))!;
    // Without a memory limit there is no cgroup limit to pass: the kernel's cgroup OOM killer never fires.
    if (!model.hasMemoryLimit) continue;
    behaviour.oomAfterSeconds = Math.min(behaviour.oomAfterSeconds ?? Infinity, rule.afterSeconds);
  }
  for (const rule of scenario.healthyAfter) {
    const behaviour = target('--healthy-after', rule.container);
    behaviour.healthyAfterSeconds = Math.max(behaviour.healthyAfterSeconds ?? 0, rule.seconds);
  }
  for (const rule of scenario.livenessFails) target('--liveness-fails', rule.container).livenessFailsAt.push(rule.at);
  for (const rule of scenario.readinessFails) {
    target('--readiness-fails', rule.container).readinessFails.push({ from: rule.from, to: rule.to });
  }
  for (const rule of scenario.shutdown) {
    target('--shutdown', rule.container).shutdownSeconds = rule.seconds === 'never' ? Infinity : rule.seconds;
  }
  for (const rule of scenario.prestop) target('--prestop', rule.container).preStopSeconds = rule.seconds;
  // The default scenario (simulation.md): a regular init container that no exit or OOM rule names completes
  // with exit code 0 as soon as it has started; sidecars and app containers run until a rule or a kill ends them.
  for (const container of pod.initContainers) {
    if (container.role === 'init' && !named.has(container.name)) behaviours.get(container.name)!.exit = { afterSeconds: 0, exitCode: 0 };
  }
  return behaviours;
}

/** The exit the process of run number `run` (1 = first) makes on its own, if any. */
export function exitOfRun(behaviour: ContainerBehaviour, run: number): ProcessExit | null {
  if (run === 1 && behaviour.exitOnce !== null) {
    return behaviour.exit === null ? behaviour.exitOnce : earlierExit(behaviour.exit, behaviour.exitOnce);
  }
  return behaviour.exit;
}

export interface RunFacts {
  /** Pod time of this run's start. */
  startedAt: number;
  /** 1 for the first run. */
  run: number;
}

/** What a probe of this run answers at pod time `t`. */
export function probeAnswer(behaviour: ContainerBehaviour, kind: ProbeKind, run: RunFacts, t: number): ProbeResult {
  if (behaviour.healthyAfterSeconds !== null && t - run.startedAt < behaviour.healthyAfterSeconds) return 'failure';
  if (kind === 'liveness') {
    // The run current at AT fails from AT until it ends; a container first started after AT fails too.
    for (const at of behaviour.livenessFailsAt) {
      if (t >= at && (run.startedAt <= at || run.run === 1)) return 'failure';
    }
  }
  if (kind === 'readiness') {
    for (const window of behaviour.readinessFails) if (t >= window.from && t < window.to) return 'failure';
  }
  return 'success';
}

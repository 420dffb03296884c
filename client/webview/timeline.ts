/**
 * Turns a simulation result into what the page draws: lanes of state
 * segments and markers, the state at a moment, the key numbers, one line per
 * event, and the scenario presets. No DOM here, so that node:test can check
 * it against real simulator output.
 *
 * The simulator reports probe results, not each container's readiness; the
 * readiness drawn here is the kubelet's worker rule applied to those results
 * (a container is ready after `successThreshold` passes in a row once it has
 * started, unready after `failureThreshold` failures in a row), which is how
 * the simulator decides the pod's own ContainersReady condition too.
 */

import { deletedText } from '../src/webview-protocol';
import type { ContainerModel, ContainerRole, PodModel, ProbeKind, Scenario, SimulationEvent, SimulationResult } from '../src/webview-protocol';

export type StateKind = 'waiting' | 'backoff' | 'running' | 'ready' | 'terminating' | 'completed' | 'failed';

export interface Segment {
  from: number;
  to: number;
  kind: StateKind;
  /** What the state is, in words (shown in the segment and read out). */
  label: string;
}

export type MarkerKind = 'probe' | 'start' | 'restart' | 'exit' | 'sigterm' | 'sigkill' | 'prestop' | 'deleted' | 'endpoint';

export interface Marker {
  t: number;
  kind: MarkerKind;
  label: string;
  /** Index of the event in `result.events`. */
  event: number;
  probe?: ProbeKind;
  passed?: boolean;
}

/** A span drawn under a lane's states: a back-off wait, a preStop hook, a grace period. */
export interface Band {
  from: number;
  to: number;
  kind: 'backoff' | 'prestop' | 'grace';
  label: string;
}

export interface ContainerLane {
  name: string;
  role: ContainerRole | null;
  image: string | null;
  segments: Segment[];
  markers: Marker[];
  bands: Band[];
}

export interface PodRow {
  label: string;
  segments: Segment[];
}

export interface PodLane {
  rows: PodRow[];
  markers: Marker[];
  bands: Band[];
  deletedAt: number | null;
  /** When the grace period of the deletion runs out; null without a deletion. */
  graceEndsAt: number | null;
  /** When every container of the deleted pod had exited, if before the grace period ran out. */
  goneAt: number | null;
}

export interface Timeline {
  until: number;
  containers: ContainerLane[];
  pod: PodLane;
}

export function formatSeconds(t: number): string {
  if (Number.isInteger(t)) return `${t} s`;
  return `${Number(t.toFixed(2))} s`;
}

/** The containers in spec order: init containers (sidecars among them), then app containers. */
export function containersOf(result: SimulationResult, model: PodModel | null): { name: string; role: ContainerRole | null; model: ContainerModel | null }[] {
  if (model) return [...model.initContainers, ...model.containers].map((c) => ({ name: c.name, role: c.role, model: c }));
  const names: string[] = Object.keys(result.summary.containers);
  for (const event of result.events) if ('container' in event && !names.includes(event.container)) names.push(event.container);
  return names.map((name) => ({ name, role: null, model: null }));
}

function containerTrack(
  result: SimulationResult,
  name: string,
  role: ContainerRole | null,
  model: ContainerModel | null,
): Omit<ContainerLane, 'name' | 'role' | 'image'> {
  const segments: Segment[] = [];
  const markers: Marker[] = [];
  const bands: Band[] = [];
  const ownEvents = result.events.filter((e) => 'container' in e && e.container === name);
  const probed = (kind: ProbeKind): boolean =>
    model
      ? (kind === 'startup' ? model.startupProbe : kind === 'liveness' ? model.livenessProbe : model.readinessProbe) !== null
      : ownEvents.some((e) => e.type === 'probe' && e.probe === kind);
  const readiness = model?.readinessProbe ?? null;
  const successThreshold = readiness?.successThreshold ?? 1;
  const failureThreshold = readiness?.failureThreshold ?? 1;
  const hasStartup = probed('startup');
  const hasReadiness = probed('readiness');
  const neverReady = role === 'init';

  let current: Segment | null = null;
  let started = false;
  let ready = false;
  let successes = 0;
  let failures = 0;
  let terminating = false;
  let prestopFrom: number | null = null;

  const open = (t: number, kind: StateKind, label: string): void => {
    if (current && current.kind === kind && current.label === label) return;
    if (current) {
      current.to = t;
      if (current.to > current.from) segments.push(current);
    }
    current = { from: t, to: t, kind, label };
  };
  const runningState = (t: number): void => {
    if (terminating) return;
    if (ready) open(t, 'ready', 'ready');
    else open(t, 'running', started || !hasStartup ? 'running, not ready' : 'running, not started');
  };

  result.events.forEach((event, index) => {
    if (!('container' in event) || event.container !== name) return;
    const t = event.t;
    switch (event.type) {
      case 'container-waiting':
        open(t, event.reason === 'CrashLoopBackOff' ? 'backoff' : 'waiting', `waiting (${event.reason})`);
        break;
      case 'container-started':
        started = !hasStartup;
        ready = !neverReady && started && !hasReadiness;
        successes = 0;
        failures = 0;
        terminating = false;
        prestopFrom = null;
        runningState(t);
        markers.push({
          t,
          kind: event.restartCount > 0 ? 'restart' : 'start',
          label: event.restartCount > 0 ? `restart ${event.restartCount}` : 'started',
          event: index,
        });
        break;
      case 'probe': {
        const passed = event.result === 'success';
        markers.push({ t, kind: 'probe', probe: event.probe, passed, label: `${event.probe} probe ${passed ? 'passed' : 'failed'}`, event: index });
        if (event.probe === 'startup' && passed && !started) {
          started = true;
          if (!hasReadiness && !neverReady) ready = true;
          runningState(t);
        } else if (event.probe === 'readiness' && started && !neverReady) {
          if (passed) {
            successes++;
            failures = 0;
            if (successes >= successThreshold) ready = true;
          } else {
            failures++;
            successes = 0;
            if (failures >= failureThreshold) ready = false;
          }
          runningState(t);
        }
        break;
      }
      case 'restart-scheduled':
        if (event.delaySeconds > 0) {
          bands.push({ from: t, to: Math.min(t + event.delaySeconds, result.until), kind: 'backoff', label: `back-off ${formatSeconds(event.delaySeconds)}` });
        }
        break;
      case 'prestop-started':
        prestopFrom = t;
        markers.push({ t, kind: 'prestop', label: 'preStop started', event: index });
        break;
      case 'prestop-finished':
        if (prestopFrom !== null) bands.push({ from: prestopFrom, to: t, kind: 'prestop', label: 'preStop' });
        prestopFrom = null;
        break;
      case 'signal':
        markers.push({ t, kind: event.signal === 'SIGKILL' ? 'sigkill' : 'sigterm', label: event.signal, event: index });
        if (event.signal === 'SIGTERM') {
          terminating = true;
          ready = false;
          open(t, 'terminating', 'terminating (SIGTERM sent)');
        }
        break;
      case 'container-terminated': {
        if (prestopFrom !== null) bands.push({ from: prestopFrom, to: t, kind: 'prestop', label: 'preStop' });
        prestopFrom = null;
        terminating = false;
        ready = false;
        started = false;
        const how = `${event.reason}, exit code ${event.exitCode}${event.signal ? `, ${event.signal}` : ''}`;
        open(t, event.reason === 'Completed' ? 'completed' : 'failed', `terminated (${how})`);
        markers.push({ t, kind: 'exit', label: `terminated: ${how}`, event: index });
        break;
      }
    }
  });
  if (prestopFrom !== null) bands.push({ from: prestopFrom, to: result.until, kind: 'prestop', label: 'preStop' });
  const last = current as Segment | null;
  if (last) {
    last.to = Math.max(result.until, last.from);
    if (last.to > last.from) segments.push(last);
  }
  return { segments, markers, bands };
}

function podLane(result: SimulationResult, model: PodModel | null): PodLane {
  const rowSegments = new Map<string, Segment[]>();
  const open = new Map<string, Segment>();
  const set = (row: string, t: number, kind: StateKind | null, label: string): void => {
    const current = open.get(row);
    if (current) {
      current.to = t;
      if (current.to > current.from) (rowSegments.get(row) ?? rowSegments.set(row, []).get(row)!).push(current);
      open.delete(row);
    }
    if (kind !== null) open.set(row, { from: t, to: t, kind, label });
  };
  const markers: Marker[] = [];
  const bands: Band[] = [];
  let deletedAt: number | null = null;
  result.events.forEach((event, index) => {
    switch (event.type) {
      case 'phase': {
        const kind: StateKind =
          event.phase === 'Running' ? 'running' : event.phase === 'Succeeded' ? 'completed' : event.phase === 'Failed' ? 'failed' : 'waiting';
        set('Phase', event.t, kind, event.reason ? `${event.phase} (${event.reason})` : event.phase);
        break;
      }
      case 'condition':
        set(event.condition, event.t, event.status ? 'ready' : null, `${event.condition}: True`);
        break;
      case 'endpoint':
        set('Endpoints', event.t, event.ready ? 'ready' : null, 'in ready endpoints');
        markers.push({ t: event.t, kind: 'endpoint', label: event.ready ? 'joins endpoints' : 'leaves endpoints', event: index });
        break;
      case 'deleted':
        if (deletedAt === null) deletedAt = event.t;
        markers.push({ t: event.t, kind: 'deleted', label: deletedText(event.reason), event: index });
        break;
      default:
        break;
    }
  });
  for (const row of [...open.keys()]) set(row, Math.max(result.until, open.get(row)!.from), null, '');
  let graceEndsAt: number | null = null;
  let goneAt: number | null = null;
  if (deletedAt !== null) {
    if (model) {
      graceEndsAt = deletedAt + model.terminationGracePeriodSeconds;
    } else {
      // Without the spec's grace period, the last SIGKILL is where it ran out.
      const kills = result.events.filter((e) => e.type === 'signal' && e.signal === 'SIGKILL' && e.t >= deletedAt!);
      graceEndsAt = kills.length > 0 ? kills[kills.length - 1].t : null;
    }
    // Once the pod reaches its final phase nothing is left to kill: the countdown stops there.
    const over = result.events.find((e) => e.type === 'phase' && (e.phase === 'Succeeded' || e.phase === 'Failed') && e.t >= deletedAt!);
    if (over && (graceEndsAt === null || over.t < graceEndsAt)) goneAt = over.t;
    if (graceEndsAt !== null) {
      const label = `deleted: grace period ${formatSeconds(graceEndsAt - deletedAt)}${goneAt !== null ? `, all exited at ${formatSeconds(goneAt)}` : ''}`;
      bands.push({ from: deletedAt, to: Math.min(goneAt ?? graceEndsAt, graceEndsAt, result.until), kind: 'grace', label });
    }
  }
  const rows = ['Phase', 'Initialized', 'ContainersReady', 'Ready', 'Endpoints'].map((label) => ({ label, segments: rowSegments.get(label) ?? [] }));
  return { rows, markers, bands, deletedAt, graceEndsAt, goneAt };
}

export function buildTimeline(result: SimulationResult, model: PodModel | null): Timeline {
  return {
    until: result.until,
    containers: containersOf(result, model).map(({ name, role, model: container }) => ({
      name,
      role,
      image: container?.image ?? null,
      ...containerTrack(result, name, role, container),
    })),
    pod: podLane(result, model),
  };
}

/**
 * The segment at `t`: what holds just after it (a state that ends at `t` is
 * over), except at the horizon, where the last state still holds.
 */
export function segmentAt(segments: readonly Segment[], t: number, until = Infinity): Segment | null {
  for (const segment of segments) if (segment.from <= t && (t < segment.to || (t === segment.to && t >= until))) return segment;
  return null;
}

export interface Readout {
  containers: { name: string; state: string }[];
  pod: string[];
}

/** The state of everything at `t`, in words. */
export function readoutAt(timeline: Timeline, t: number): Readout {
  const containers = timeline.containers.map((lane) => {
    const segment = segmentAt(lane.segments, t, timeline.until);
    const band = lane.bands.find((b) => b.kind === 'backoff' && b.from <= t && t < b.to);
    let state = segment ? segment.label : 'not created';
    if (band) state += `, back-off: restart in ${formatSeconds(Number((band.to - t).toFixed(2)))}`;
    return { name: lane.name, state };
  });
  const pod: string[] = [];
  const phase = segmentAt(timeline.pod.rows[0].segments, t, timeline.until);
  pod.push(`phase ${phase ? phase.label : 'none'}`);
  for (const row of timeline.pod.rows.slice(1, 4)) pod.push(`${row.label} ${segmentAt(row.segments, t, timeline.until) ? 'True' : 'False'}`);
  pod.push(segmentAt(timeline.pod.rows[4].segments, t, timeline.until) ? 'in ready endpoints' : 'not in ready endpoints');
  const { deletedAt, graceEndsAt, goneAt } = timeline.pod;
  if (deletedAt !== null && t >= deletedAt) {
    if (goneAt !== null && t >= goneAt) pod.push('every container exited before the grace period ran out');
    else if (graceEndsAt !== null && t < graceEndsAt) pod.push(`grace period: ${formatSeconds(Number((graceEndsAt - t).toFixed(2)))} left`);
    else if (graceEndsAt !== null) pod.push('grace period over');
    else pod.push('deleted');
  }
  return { containers, pod };
}

export interface KeyNumbers {
  readyAt: string;
  restarts: { name: string; restarts: number; delays: number[] }[];
  sigkill: string;
  phase: string;
}

export function keyNumbers(result: SimulationResult, model: PodModel | null): KeyNumbers {
  const kill = result.events.find((e) => e.type === 'signal' && e.signal === 'SIGKILL');
  const deleted = result.events.find((e) => e.type === 'deleted');
  let sigkill = 'none';
  if (kill) {
    sigkill = formatSeconds(kill.t);
    if (deleted && kill.t >= deleted.t) sigkill += ` (${formatSeconds(Number((kill.t - deleted.t).toFixed(2)))} after deletion)`;
  }
  return {
    readyAt: result.summary.readyAt === null ? 'never' : formatSeconds(result.summary.readyAt),
    restarts: containersOf(result, model).map(({ name }) => {
      const facts = result.summary.containers[name];
      return { name, restarts: facts?.restarts ?? 0, delays: facts?.restartDelays ?? [] };
    }),
    sigkill,
    phase: `${result.summary.phase} at ${formatSeconds(result.until)}`,
  };
}

/** One event in words, with the container it concerns kept apart (so the page can show the name as text of its own). */
export function describeEvent(event: SimulationEvent): { container: string | null; text: string } {
  switch (event.type) {
    case 'phase':
      return {
        container: null,
        text: `pod phase ${event.phase}${event.reason === 'DeadlineExceeded' ? ' (DeadlineExceeded: activeDeadlineSeconds passed)' : ''}`,
      };
    case 'condition':
      return { container: null, text: `condition ${event.condition} ${event.status ? 'True' : 'False'}` };
    case 'container-waiting':
      return { container: event.container, text: `waiting (${event.reason})` };
    case 'container-started':
      return { container: event.container, text: event.restartCount > 0 ? `started (restart ${event.restartCount})` : 'started' };
    case 'container-terminated':
      return { container: event.container, text: `terminated ${event.reason}, exit code ${event.exitCode}${event.signal ? ` (${event.signal})` : ''}` };
    case 'probe':
      return { container: event.container, text: `${event.probe} probe ${event.result}` };
    case 'restart-scheduled':
      return { container: event.container, text: event.delaySeconds > 0 ? `restart in ${formatSeconds(event.delaySeconds)} (back-off)` : 'restart now' };
    case 'prestop-started':
      return { container: event.container, text: 'preStop hook started' };
    case 'prestop-finished':
      return { container: event.container, text: 'preStop hook finished' };
    case 'signal':
      return { container: event.container, text: event.signal };
    case 'endpoint':
      return { container: null, text: event.ready ? 'joins ready Service endpoints' : 'leaves ready Service endpoints' };
    case 'deleted':
      return {
        container: null,
        text:
          event.reason === 'BackoffLimitExceeded'
            ? "pod deleted by the Job controller (BackoffLimitExceeded: its containers' restarts reached backoffLimit)"
            : event.reason === 'DeadlineExceeded'
              ? "pod deleted by the Job controller (DeadlineExceeded: the Job's activeDeadlineSeconds passed)"
              : 'pod deleted',
      };
  }
}

/**
 * The events worth listing: a passing probe is listed when it is the first
 * pass after a start or a failure (as `pod-lens simulate` prints them);
 * `all` lists every probe.
 */
export function listedEvents(result: SimulationResult, all: boolean): number[] {
  const last = new Map<string, string>();
  const listed: number[] = [];
  result.events.forEach((event, index) => {
    if (event.type === 'container-started') {
      for (const key of [...last.keys()]) if (key.startsWith(`${event.container}\u0000`)) last.delete(key);
    }
    if (event.type === 'probe') {
      const key = `${event.container}\u0000${event.probe}`;
      const previous = last.get(key);
      last.set(key, event.result);
      if (!all && event.result === 'success' && previous === 'success') return;
    }
    listed.push(index);
  });
  return listed;
}

/** Axis ticks: a round step giving at most about ten ticks. */
export function axisTicks(until: number): number[] {
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14400, 21600, 43200];
  const step = steps.find((s) => until / s <= 10) ?? 86_400;
  const ticks: number[] = [];
  for (let t = 0; t <= until + 1e-9; t += step) ticks.push(t);
  return ticks;
}

// ---- presets ------------------------------------------------------------------

export interface Preset {
  id: string;
  label: string;
  description: string;
  scenario: Scenario;
  until: number;
}

function blank(): Scenario {
  return { exit: [], exitOnce: [], healthyAfter: [], livenessFails: [], readinessFails: [], oom: [], delete: [], shutdown: [], prestop: [], pull: null };
}

/** How long a container may fail its probes before the kubelet kills it (startup budget, else liveness). */
function killBudget(container: ContainerModel | null): number | null {
  const probe = container?.startupProbe ?? container?.livenessProbe ?? null;
  if (!probe) return null;
  return probe.initialDelaySeconds + probe.failureThreshold * Math.max(probe.periodSeconds, 1);
}

export function presets(model: PodModel | null, lanes: { name: string; role: ContainerRole | null }[]): Preset[] {
  const appName = model?.containers[0]?.name ?? lanes.find((l) => l.role === 'app')?.name ?? lanes[lanes.length - 1]?.name ?? null;
  const app = model?.containers[0] ?? null;
  // The stories are about the app: they name no init container, so each one finishes as soon as it starts (the default scenario).
  const base = (): Scenario => blank();
  const list: Preset[] = [
    { id: 'healthy', label: 'Healthy start', description: 'Init containers finish, everything passes its probes.', scenario: base(), until: 300 },
  ];
  if (appName === null) return list;
  const crash = base();
  crash.exit.push({ container: appName, afterSeconds: 5, exitCode: 1 });
  list.push({
    id: 'crash-loop',
    label: 'Crash loop',
    description: `${appName} exits with code 1 five seconds after every start.`,
    scenario: crash,
    until: 900,
  });

  const slow = base();
  const budget = killBudget(app) ?? 60;
  slow.healthyAfter.push({ container: appName, seconds: budget + 30 });
  list.push({
    id: 'slow-start',
    label: 'Liveness kill during a slow start',
    description: `${appName} needs ${budget + 30} s to answer its probes, longer than its probes allow.`,
    scenario: slow,
    until: 600,
  });

  const deleteAt = 60;
  const graceful = base();
  graceful.delete.push(deleteAt);
  graceful.shutdown.push({ container: appName, seconds: 3 });
  list.push({
    id: 'graceful',
    label: 'Graceful termination',
    description: `Deleted at ${deleteAt} s; ${appName} exits 3 s after SIGTERM.`,
    scenario: graceful,
    until: 180,
  });

  const forced = base();
  forced.delete.push(deleteAt);
  forced.shutdown.push({ container: appName, seconds: 'never' });
  list.push({
    id: 'forced',
    label: 'Forced termination',
    description: `Deleted at ${deleteAt} s; ${appName} ignores SIGTERM until SIGKILL.`,
    scenario: forced,
    until: 180,
  });

  const oom = base();
  oom.oom.push({ container: appName, afterSeconds: 30 });
  list.push({
    id: 'oom-loop',
    label: 'OOM loop',
    description:
      app && !app.hasMemoryLimit ? `${appName} has no memory limit: nothing OOM-kills it.` : `${appName} passes its memory limit 30 s after every start.`,
    scenario: oom,
    until: 900,
  });
  return list;
}

/**
 * A deterministic discrete-event model of what the kubelet does with one pod
 * (`simulation.md`; the rules with their sources are in `kubernetes-lifecycle.md`,
 * cited below by section). The kubelet's own latencies (PLEG relist, container
 * start, sync requeue) are 0: every decision happens at the moment its cause does.
 */

import { type BackoffEntry, decideRestartAfterExit, decideRestartAfterProbeKill, type RestartDecision } from './backoff';
import { type ContainerBehaviour, exitOfRun, probeAnswer, resolveBehaviours, ScenarioError } from './behaviour';
import { type ContainerModel, type JobControllerModel, type PodModel, type ProbeKind, type ProbeModel, simulatedPod } from './model';
import { type PodSpecModel } from '../model';
import { type Scenario, type SimulateOptions, DEFAULT_HORIZON_SECONDS } from './scenario';
import {
  type JobFailureReason,
  type PhaseReason,
  type PodConditionType,
  type PodPhase,
  type ProbeResult,
  type Signal,
  type SimulatedObject,
  type SimulationEvent,
  type SimulationResult,
  type Termination,
  type TerminationReason,
} from '../../protocol/simulation';

/** The kubelet never gives a container less than this after SIGTERM (`minimumGracePeriodInSeconds`). */
const MINIMUM_GRACE_PERIOD_SECONDS = 2;
const EXIT_CODE_SIGTERM = 128 + 15;
const EXIT_CODE_SIGKILL = 128 + 9;
/** A guard against a scenario that would make the model spin at one instant. */
const MAX_ACTIONS = 2_000_000;

export interface SimulateRunOptions extends Partial<SimulateOptions> {
  /** What the result names as the simulated object. */
  object?: SimulatedObject;
  /** The Job (or CronJob's job template) that owns the pod; null or absent for other kinds. */
  jobController?: JobControllerModel | null;
}

interface ProbeWorker {
  probe: ProbeModel;
  lastResult: ProbeResult | null;
  resultRun: number;
  onHold: boolean;
  /** The run (container ID) the worker last saw; 0 for none. */
  seenRun: number;
  /** The published result for `seenRun`; null while it is the initial value. */
  published: ProbeResult | null;
  /** Bumped when the ticker is reset, so that ticks of the old ticker do nothing. */
  tickerGeneration: number;
  stopped: boolean;
  /** When it last probed: a sync at that same instant does not trigger it again. */
  lastProbeAt: number | null;
}

type KillCause = 'probe' | 'pod';

interface Kill {
  cause: KillCause;
  run: number;
  /** A sleep-action preStop hook keeps killContainer waiting until then, whether or not the process is gone. */
  hookHoldsUntil: number | null;
}

interface OrderingWaiter {
  kill: Kill;
  since: number;
  graceLeft: number;
}

interface ContainerRuntime {
  model: ContainerModel;
  behaviour: ContainerBehaviour;
  state: 'waiting' | 'running' | 'exited';
  /** A start is scheduled (image pull or restart back-off). */
  startPending: boolean;
  /** Starts so far; the current run's number. */
  runs: number;
  startedAt: number;
  /** The startup probe passed (or there is none) for the current run. */
  started: boolean;
  /** When the current run became started. */
  startedSince: number;
  pulled: boolean;
  kill: Kill | null;
  orderingWaiter: OrderingWaiter | null;
  lastTermination: Termination | null;
  /** FinishedAt of the newest exited instance: what `doBackOff` looks at. */
  previousExitAt: number | null;
  backoff: BackoffEntry | null;
  restartDelays: number[];
  /** The wait of the restart that is pending, recorded when it happens. */
  pendingRestartDelay: number | null;
  /** Token of the pending restart, so that a cancelled one does nothing. */
  restartToken: number;
  /** Will not run again (restart policy, or the pod is terminating). */
  finished: boolean;
  /** The process is gone but its killContainer still waits for a sleep hook, until then. */
  killReturnsAt: number | null;
  /**
   * An app container's exit whose restart waits for a sync that finds the pod
   * initialized (computeInitContainerActions); `entry` is its back-off entry,
   * untouched, since `doBackOff` has not been consulted yet.
   */
  heldExit: { exitAt: number; entry: BackoffEntry | null } | null;
  workers: Partial<Record<ProbeKind, ProbeWorker>>;
}

interface Action {
  t: number;
  seq: number;
  run: () => void;
}

/** A binary heap of actions ordered by time, then by scheduling order. */
class ActionQueue {
  private heap: Action[] = [];
  private seq = 0;

  push(t: number, run: () => void): void {
    const heap = this.heap;
    heap.push({ t, seq: this.seq++, run });
    let i = heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(heap[i], heap[parent])) break;
      [heap[i], heap[parent]] = [heap[parent], heap[i]];
      i = parent;
    }
  }

  peekTime(): number | null {
    return this.heap.length > 0 ? this.heap[0].t : null;
  }

  pop(): Action | undefined {
    const heap = this.heap;
    if (heap.length === 0) return undefined;
    const top = heap[0];
    const last = heap.pop()!;
    if (heap.length > 0) {
      heap[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < heap.length && this.before(heap[left], heap[smallest])) smallest = left;
        if (right < heap.length && this.before(heap[right], heap[smallest])) smallest = right;
        if (smallest === i) break;
        [heap[i], heap[smallest]] = [heap[smallest], heap[i]];
        i = smallest;
      }
    }
    return top;
  }

  private before(a: Action, b: Action): boolean {
    return a.t < b.t || (a.t === b.t && a.seq < b.seq);
  }
}

function roundTime(t: number): number {
  return Math.round(t * 1e6) / 1e6;
}

function isTerminalPhase(phase: PodPhase): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

class PodSimulation {
  private readonly queue = new ActionQueue();
  private readonly events: SimulationEvent[] = [];
  private now = 0;
  private readonly initContainers: ContainerRuntime[];
  private readonly appContainers: ContainerRuntime[];
  private readonly all: ContainerRuntime[];
  private readonly pullSeconds: number;

  private phase: PodPhase = 'Pending';
  private readonly conditions: Record<PodConditionType, boolean> = {
    Initialized: false,
    ContainersReady: false,
    Ready: false,
  };
  private inReadyEndpoints = false;
  private readyAt: number | null = null;

  /** Index of the init container the init sequence waits for (`computeInitContainerActions`). */
  private initCursor = 0;
  private initialized = false;
  private deleted = false;
  /** KillPod is under way: nothing is (re)started any more. */
  private podTerminating = false;
  /** `podIsTerminal` of SyncTerminatingPod: a deleted pod whose containers have all stopped. */
  private podIsTerminal = false;
  /**
   * While the pod's containers are being killed (one blocking killPod), the
   * kubelet generates no status: the containers that were running when it
   * began still count as running for the phase and the conditions, until the
   * final status. Null when no such kill is under way.
   */
  private runningWhenKillBegan: Set<ContainerRuntime> | null = null;
  /** activeDeadlineSeconds passed during that kill: the final status is Failed, DeadlineExceeded. */
  private deadlinePassedDuringKill = false;
  private initFailedForGood = false;
  private syncRequested = false;

  constructor(
    private readonly pod: PodModel,
    behaviours: Map<string, ContainerBehaviour>,
    scenario: Scenario,
    private readonly until: number,
    private readonly jobController: JobControllerModel | null,
  ) {
    const runtime = (model: ContainerModel): ContainerRuntime => ({
      model,
      behaviour: behaviours.get(model.name)!,
      state: 'waiting',
      startPending: false,
      runs: 0,
      startedAt: 0,
      started: false,
      startedSince: 0,
      pulled: false,
      kill: null,
      orderingWaiter: null,
      lastTermination: null,
      previousExitAt: null,
      backoff: null,
      restartDelays: [],
      pendingRestartDelay: null,
      restartToken: 0,
      finished: false,
      killReturnsAt: null,
      heldExit: null,
      workers: {},
    });
    this.initContainers = pod.initContainers.map(runtime);
    this.appContainers = pod.containers.map(runtime);
    this.all = [...this.initContainers, ...this.appContainers];
    this.pullSeconds = scenario.pull ?? 0;
    const deletion = scenario.delete.length > 0 ? Math.min(...scenario.delete) : null;
    if (deletion !== null) this.queue.push(deletion, () => this.deletePod());
    // StartTime is set by the first status generation, at admission (t = 0).
    const deadline = pod.activeDeadlineSeconds;
    if (deadline !== null) this.queue.push(deadline, () => this.activeDeadlinePassed());
    // The Job's StartTime is its first sync, when it creates the pod: t = 0 with zero latencies.
    const jobDeadline = jobController?.activeDeadlineSeconds ?? null;
    if (jobDeadline !== null) this.queue.push(jobDeadline, () => this.jobControllerDeletes('DeadlineExceeded'));
  }

  run(): void {
    this.emit({ t: 0, type: 'phase', phase: 'Pending' });
    const hasInit = this.initContainers.length > 0;
    if (!hasInit) this.initialized = true;
    this.updateStatus();
    for (const container of this.all) {
      this.emit({
        t: 0,
        type: 'container-waiting',
        container: container.model.name,
        // convertToAPIContainerStatuses: the default waiting reason is PodInitializing in a pod with init containers.
        reason: hasInit ? 'PodInitializing' : 'ContainerCreating',
      });
    }
    this.startProbeWorkers();
    this.requestSync();
    this.settle();
    let actions = 0;
    for (;;) {
      const next = this.queue.peekTime();
      if (next === null || next > this.until) break;
      const action = this.queue.pop()!;
      this.now = action.t;
      action.run();
      this.settle();
      if (++actions > MAX_ACTIONS) throw new Error('simulation did not settle: too many actions');
    }
  }

  result(object: SimulatedObject): SimulationResult {
    const containers: SimulationResult['summary']['containers'] = {};
    for (const container of this.all) {
      containers[container.model.name] = {
        restarts: Math.max(0, container.runs - 1),
        restartDelays: [...container.restartDelays],
        lastTermination: container.lastTermination ? { ...container.lastTermination } : null,
      };
    }
    return {
      version: 1,
      object,
      until: this.until,
      events: this.events,
      summary: { phase: this.phase, readyAt: this.readyAt, containers },
    };
  }

  // ---- events and status ------------------------------------------------------------------

  private emit(event: SimulationEvent): void {
    if (event.t > this.until) return;
    this.events.push({ ...event, t: roundTime(event.t) } as SimulationEvent);
  }

  private isReady(container: ContainerRuntime): boolean {
    const running = container.state === 'running' || (this.runningWhenKillBegan?.has(container) ?? false);
    if (!running || !container.started) return false;
    const readiness = container.workers.readiness;
    if (!readiness) return true;
    // A new container's readiness is the initial Failure until its worker publishes Success (prober b).
    return readiness.seenRun === container.runs && readiness.published === 'success';
  }

  /** `getPhase` (kubelet_pods.go) over the model's container states (lifecycle a.7). */
  private computePhase(): PodPhase {
    let pendingInitialization = 0;
    let failedInitialization = 0;
    let running = 0;
    let waiting = 0;
    let stopped = 0;
    let succeeded = 0;
    for (const container of this.initContainers) {
      const terminated = container.lastTermination;
      if (container.model.role === 'init') {
        if (container.state === 'running' || terminated === null) pendingInitialization++;
        else if (terminated.exitCode !== 0) failedInitialization++;
      } else if (container.state === 'running') {
        if (!container.started) pendingInitialization++;
        running++;
      } else if (terminated === null) {
        pendingInitialization++;
        waiting++;
      }
    }
    let anyRegularStarted = false;
    for (const container of this.appContainers) {
      if (container.runs > 0) anyRegularStarted = true;
      if (container.state === 'running') running++;
      else if (container.lastTermination !== null) {
        stopped++;
        if (container.lastTermination.exitCode === 0) succeeded++;
      } else waiting++;
    }
    const policy = this.pod.restartPolicy;
    if (failedInitialization > 0 && policy === 'Never') return 'Failed';
    if ((pendingInitialization > 0 && !anyRegularStarted) || waiting > 0) {
      // The status manager marks a terminated pod that never got to run its containers Failed (TerminatePod).
      return this.podIsTerminal ? 'Failed' : 'Pending';
    }
    if (running > 0) return 'Running';
    if (stopped > 0) {
      if (this.podIsTerminal) return stopped === succeeded ? 'Succeeded' : 'Failed';
      // Stopped containers that will be restarted (Always; OnFailure after a failure) keep it Running.
      if (this.appContainers.some((c) => c.state === 'exited' && !c.finished)) return 'Running';
      return stopped === succeeded ? 'Succeeded' : 'Failed';
    }
    return this.podIsTerminal ? 'Failed' : 'Pending';
  }

  /** The status the kubelet would generate now; emits what changed. */
  private updateStatus(): void {
    if (!isTerminalPhase(this.phase) && this.runningWhenKillBegan === null) {
      const phase = this.computePhase();
      if (phase !== this.phase) this.setPhase(phase);
    }
    // status/generate.go: ContainersReady needs every app container and every sidecar ready, and is
    // false in a terminal phase (a Failed pod's containers may still be terminating).
    const readyCandidates = [...this.appContainers, ...this.initContainers.filter((c) => c.model.role === 'sidecar')];
    const containersReady = !isTerminalPhase(this.phase) && readyCandidates.every((c) => this.isReady(c));
    this.setCondition('Initialized', this.initialized);
    this.setCondition('ContainersReady', containersReady);
    this.setCondition('Ready', containersReady && !this.pod.hasReadinessGates);
    // EndpointSlice: an endpoint is ready iff the pod is Ready and has no deletionTimestamp (lifecycle d).
    const inReadyEndpoints = this.conditions.Ready && !this.deleted;
    if (inReadyEndpoints !== this.inReadyEndpoints) {
      this.inReadyEndpoints = inReadyEndpoints;
      this.emit({ t: this.now, type: 'endpoint', ready: inReadyEndpoints });
    }
  }

  private setPhase(phase: PodPhase, reason?: PhaseReason): void {
    this.phase = phase;
    this.emit(reason ? { t: this.now, type: 'phase', phase, reason } : { t: this.now, type: 'phase', phase });
    // A probe worker exits once the pod is terminal (worker.go doProbe).
    if (isTerminalPhase(phase)) for (const container of this.all) this.stopWorkers(container, ['startup', 'liveness', 'readiness']);
  }

  private setCondition(condition: PodConditionType, status: boolean): void {
    if (this.conditions[condition] === status) return;
    this.conditions[condition] = status;
    this.emit({ t: this.now, type: 'condition', condition, status });
    if (condition === 'Ready' && status && this.readyAt === null) this.readyAt = roundTime(this.now);
  }

  private requestSync(): void {
    this.syncRequested = true;
  }

  private settle(): void {
    let rounds = 0;
    while (this.syncRequested) {
      this.syncRequested = false;
      this.sync();
      if (++rounds > 10_000) throw new Error('simulation did not settle: sync loop');
    }
    this.updateStatus();
  }

  // ---- the pod sync (computePodActions / computeInitContainerActions) -----------------------

  private sync(): void {
    // A pod being killed is inside one blocking kill (killPodWithSyncResult / SyncTerminatingPod): no syncs.
    if (this.podTerminating) return;
    if (isTerminalPhase(this.phase)) {
      // SyncPod sees a terminal phase and returns isTerminal; the pod worker's SyncTerminatingPod then
      // kills whatever still runs (a sidecar, after a regular init container failed for good) with
      // its grace, at least 1 s (calculateEffectiveGracePeriod).
      if (this.all.some((c) => c.state === 'running')) this.beginPodTermination(Math.max(this.pod.terminationGracePeriodSeconds, 1));
      return;
    }
    this.triggerReadinessOfUnreadyContainers();
    if (this.initFailedForGood || this.appContainers.every((c) => c.finished)) {
      // Nothing regular will run again: computePodActions sets KillPod and the sidecars are stopped
      // with the pod's grace (lifecycle a.6, a.7).
      this.beginPodTermination(this.pod.terminationGracePeriodSeconds);
      return;
    }
    const toStart: ContainerRuntime[] = [];
    if (!this.initialized) {
      // One init container at a time: the next starts in the sync that sees the previous one
      // exited 0, or, for a sidecar, running and past its startup probe (lifecycle c).
      while (this.initCursor < this.initContainers.length) {
        const container = this.initContainers[this.initCursor];
        const done =
          container.model.role === 'init'
            ? container.state === 'exited' && container.lastTermination?.exitCode === 0
            : container.state === 'running' && container.started;
        if (done) {
          this.initCursor++;
          continue;
        }
        if (container.runs === 0 && !container.startPending) toStart.push(container);
        break;
      }
      if (this.initCursor === this.initContainers.length) this.initialized = true;
    }
    if (this.initialized && this.podHasInitialized()) {
      for (const container of this.appContainers) {
        const held = container.heldExit;
        if (held !== null) {
          container.heldExit = null;
          // doBackOff is consulted now, for the exit it held.
          this.scheduleRestart(container, decideRestartAfterExit(held.entry, held.exitAt, this.now), held.exitAt);
        } else if (container.runs === 0 && !container.startPending) toStart.push(container);
      }
    }
    this.startInOrder(toStart);
  }

  /**
   * `podHasInitialized` of computeInitContainerActions: a regular container is
   * running (an exited one does not count: after a node reboot they all look
   * exited), or the last init container is done: exited 0, or, for a sidecar,
   * running and past its startup probe. Until then computePodActions returns
   * before it looks at the regular containers, so none is restarted.
   */
  private podHasInitialized(): boolean {
    if (this.appContainers.some((c) => c.state === 'running')) return true;
    const last = this.initContainers[this.initContainers.length - 1];
    if (last === undefined) return true;
    if (last.model.role === 'init') return this.initialized;
    return last.state === 'running' && last.started;
  }

  /**
   * Every pod sync generates the status, and `UpdatePodStatus` sends the
   * readiness worker of each started, running container whose readiness is
   * not Success a manual trigger: it probes at once and its ticker restarts
   * from now (prober b).
   */
  private triggerReadinessOfUnreadyContainers(): void {
    for (const container of this.all) {
      const readiness = container.workers.readiness;
      if (!readiness || readiness.stopped || container.state !== 'running' || !container.started) continue;
      if (this.isReady(container) || readiness.lastProbeAt === this.now) continue;
      readiness.tickerGeneration++;
      this.scheduleTick(container, readiness, this.now + readiness.probe.periodSeconds);
      this.doProbe(container, readiness, true);
    }
  }

  /** SyncPod starts containers one after another, each pulling its image first (serialized pulls). */
  private startInOrder(containers: ContainerRuntime[]): void {
    let at = this.now;
    for (const container of containers) {
      container.startPending = true;
      if (!container.pulled) at += this.pullSeconds;
      if (at === this.now) this.startContainer(container);
      else {
        const token = ++container.restartToken;
        this.queue.push(at, () => {
          if (token !== container.restartToken || this.podTerminating) return;
          this.startContainer(container);
        });
      }
    }
  }

  private startContainer(container: ContainerRuntime): void {
    container.startPending = false;
    container.pulled = true;
    container.state = 'running';
    container.runs++;
    container.startedAt = this.now;
    container.started = container.model.startupProbe === null;
    container.startedSince = this.now;
    if (container.pendingRestartDelay !== null) {
      container.restartDelays.push(roundTime(container.pendingRestartDelay));
      container.pendingRestartDelay = null;
    }
    this.emit({ t: this.now, type: 'container-started', container: container.model.name, restartCount: container.runs - 1 });
    const run = container.runs;
    const exit = exitOfRun(container.behaviour, run);
    const oomAfter = container.behaviour.oomAfterSeconds;
    if (oomAfter !== null && (exit === null || oomAfter < exit.afterSeconds)) {
      // The kernel kills the cgroup's processes; the runtime reports OOMKilled, 137 (lifecycle e).
      this.queue.push(this.now + oomAfter, () => {
        if (container.runs === run && container.state === 'running') {
          this.processExited(container, { reason: 'OOMKilled', exitCode: EXIT_CODE_SIGKILL });
        }
      });
    } else if (exit !== null) {
      this.queue.push(this.now + exit.afterSeconds, () => {
        if (container.runs === run && container.state === 'running') {
          this.processExited(container, { reason: exit.exitCode === 0 ? 'Completed' : 'Error', exitCode: exit.exitCode });
        }
      });
    }
    // The start is a PLEG event: the kubelet syncs the pod (readiness triggers, the next init container).
    this.requestSync();
    if (this.restartsReachBackoffLimit()) this.queue.push(this.now, () => this.jobControllerDeletes('BackoffLimitExceeded'));
  }

  /**
   * `pastBackoffLimitOnFailure`: for an `OnFailure` template, the restart
   * counts of every container (init containers and sidecars too) of an active
   * pod, summed, reaching `backoffLimit` (any restart, for 0) fail the Job. The
   * status that carries a new restart count is the one of the start.
   */
  private restartsReachBackoffLimit(): boolean {
    const job = this.jobController;
    if (job === null || this.pod.restartPolicy !== 'OnFailure') return false;
    const restarts = this.all.reduce((sum, c) => sum + Math.max(0, c.runs - 1), 0);
    return job.backoffLimit === 0 ? restarts > 0 : restarts >= job.backoffLimit;
  }

  /** The Job failed: the controller deletes its active pods, which then terminate like any deleted pod. */
  private jobControllerDeletes(reason: JobFailureReason): void {
    if (this.deleted || isTerminalPhase(this.phase)) return;
    this.deletePod(reason);
  }

  // ---- exits, restarts and back-off -----------------------------------------------------------

  private processExited(container: ContainerRuntime, how: { reason: TerminationReason; exitCode: number; signal?: Signal }): void {
    const kill = container.kill;
    container.kill = null;
    container.orderingWaiter = null;
    container.state = 'exited';
    const termination: Termination = { t: roundTime(this.now), reason: how.reason, exitCode: how.exitCode };
    if (how.signal) termination.signal = how.signal;
    container.lastTermination = termination;
    this.emit({
      t: this.now,
      type: 'container-terminated',
      container: container.model.name,
      reason: how.reason,
      exitCode: how.exitCode,
      ...(how.signal ? { signal: how.signal } : {}),
    });
    const previousExitAt = container.previousExitAt;
    container.previousExitAt = this.now;

    if (this.podTerminating) {
      container.finished = true;
      const holdsUntil = kill?.hookHoldsUntil ?? null;
      if (holdsUntil !== null && holdsUntil > this.now) {
        // killContainer returns (and lets the sidecars' turn and the final status come) when the sleep does.
        container.killReturnsAt = holdsUntil;
        this.queue.push(holdsUntil, () => {
          container.killReturnsAt = null;
          this.releaseOrderingWaiters();
          this.finishPodTerminationIfDone();
        });
      }
      this.updateStatus();
      this.releaseOrderingWaiters();
      this.finishPodTerminationIfDone();
      return;
    }

    const restart = this.shouldRestart(container, how.exitCode);
    // The exit is a PLEG event: the kubelet syncs the pod.
    this.requestSync();
    if (!restart) {
      container.finished = true;
      if (container.model.role === 'init' && how.exitCode !== 0) this.initFailedForGood = true;
      this.updateStatus();
      return;
    }
    if (kill?.cause === 'probe') {
      // SyncPod killed it and starts it again in the same sync, judged on the stale pod status (a.5).
      this.scheduleRestart(container, decideRestartAfterProbeKill(container.backoff, previousExitAt, this.now), this.now);
      return;
    }
    // The sync that sees the exit generates the status (not ready) before it restarts anything.
    this.updateStatus();
    if (container.model.role === 'app' && !this.podHasInitialized()) {
      container.heldExit = { exitAt: this.now, entry: container.backoff };
      return;
    }
    this.scheduleRestart(container, decideRestartAfterExit(container.backoff, this.now), this.now);
  }

  /** Records the kubelet's restart decision for the exit at `exitAt` and carries it out when it is due. */
  private scheduleRestart(container: ContainerRuntime, decision: RestartDecision, exitAt: number): void {
    const entryBefore = container.backoff;
    container.backoff = decision.entry;
    const delay = decision.restartAt - exitAt;
    this.emit({ t: this.now, type: 'restart-scheduled', container: container.model.name, delaySeconds: roundTime(delay) });
    container.pendingRestartDelay = delay;
    container.startPending = true;
    if (decision.restartAt <= this.now) {
      this.startContainer(container);
      return;
    }
    this.emit({ t: this.now, type: 'container-waiting', container: container.model.name, reason: 'CrashLoopBackOff' });
    const token = ++container.restartToken;
    this.queue.push(decision.restartAt, () => {
      if (token !== container.restartToken || this.podTerminating || isTerminalPhase(this.phase)) return;
      if (container.model.role === 'app' && !this.podHasInitialized()) {
        // The back-off ran out while the pod is not initialized: computePodActions does not reach
        // the regular containers, so the restart waits, and doBackOff's entry stays as it was.
        container.backoff = entryBefore;
        container.startPending = false;
        container.pendingRestartDelay = null;
        container.heldExit = { exitAt, entry: entryBefore };
        return;
      }
      this.startContainer(container);
    });
  }

  /**
   * ShouldContainerBeRestarted / computeInitContainerActions (lifecycle a.6); an app container's
   * own restartPolicyRules and restartPolicy override the pod's (ContainerRestartRules, KEP-5307).
   */
  private shouldRestart(container: ContainerRuntime, exitCode: number): boolean {
    switch (container.model.role) {
      case 'sidecar':
        return true;
      case 'init':
        return exitCode !== 0 && this.pod.restartPolicy !== 'Never';
      case 'app': {
        for (const rule of container.model.restartRules) {
          const listed = rule.values.includes(exitCode);
          if (rule.operator === 'In' ? listed : !listed) return rule.restart;
        }
        const policy = container.model.restartPolicy ?? this.pod.restartPolicy;
        return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
      }
    }
  }

  // ---- probes (prober/worker.go) -------------------------------------------------------------

  private startProbeWorkers(): void {
    // probeManager.AddPod runs at admission: workers tick every period from t = 0 (prober b).
    for (const container of this.all) {
      for (const probe of [container.model.startupProbe, container.model.livenessProbe, container.model.readinessProbe]) {
        if (!probe) continue;
        const worker: ProbeWorker = {
          probe,
          lastResult: null,
          resultRun: 0,
          onHold: false,
          seenRun: 0,
          published: null,
          tickerGeneration: 0,
          stopped: false,
          lastProbeAt: null,
        };
        container.workers[probe.kind] = worker;
        this.scheduleTick(container, worker, probe.periodSeconds);
      }
    }
  }

  private scheduleTick(container: ContainerRuntime, worker: ProbeWorker, at: number): void {
    if (at > this.until) return;
    const generation = worker.tickerGeneration;
    this.queue.push(at, () => {
      if (worker.stopped || generation !== worker.tickerGeneration) return;
      this.scheduleTick(container, worker, this.now + worker.probe.periodSeconds);
      this.doProbe(container, worker, false);
    });
  }

  private stopWorkers(container: ContainerRuntime, kinds: ProbeKind[]): void {
    for (const kind of kinds) {
      const worker = container.workers[kind];
      if (worker) worker.stopped = true;
    }
  }

  private doProbe(container: ContainerRuntime, worker: ProbeWorker, manual: boolean): void {
    if (worker.stopped || container.state !== 'running') return;
    // The worker learns of a (re)started container from the status manager only after the sync
    // that follows its start: the tick at the very instant of the start does not see it (prober b).
    if (!manual && this.now <= container.startedAt) return;
    if (worker.seenRun !== container.runs) {
      worker.seenRun = container.runs;
      worker.published = null;
      worker.onHold = false;
    }
    if (worker.onHold) return;
    if (Math.floor(this.now - container.startedAt + 1e-9) < worker.probe.initialDelaySeconds) return;
    const kind = worker.probe.kind;
    if (kind === 'startup' ? container.started : !container.started) return;
    // Likewise liveness and readiness see the Started flag only from the sync after the startup
    // probe's success; the readiness worker's manual trigger is that sync.
    if (kind !== 'startup' && !manual && this.now <= container.startedSince) return;

    worker.lastProbeAt = this.now;
    const result = probeAnswer(container.behaviour, kind, { startedAt: container.startedAt, run: container.runs }, this.now);
    this.emit({ t: this.now, type: 'probe', container: container.model.name, probe: kind, result });
    if (worker.lastResult === result) worker.resultRun++;
    else {
      worker.lastResult = result;
      worker.resultRun = 1;
    }
    const threshold = result === 'failure' ? worker.probe.failureThreshold : worker.probe.successThreshold;
    if (worker.resultRun < threshold) return;
    const changed = worker.published !== result;
    worker.published = result;
    if (kind !== 'readiness' && result === 'failure') {
      worker.onHold = true;
      worker.resultRun = 0;
      this.killForProbe(container, worker.probe);
      return;
    }
    if (kind === 'startup' && result === 'success' && !container.started) {
      container.started = true;
      container.startedSince = this.now;
      // The startup result update syncs the pod, as a start does.
      this.requestSync();
    }
    if (changed && kind === 'readiness') {
      // SetContainerReadiness updates the conditions at once; the result update also syncs the pod.
      this.updateStatus();
      this.requestSync();
    }
  }

  private killForProbe(container: ContainerRuntime, probe: ProbeModel): void {
    if (container.kill !== null || this.podTerminating) return;
    // setTerminationGracePeriod: the probe's own grace when set, else the pod's (prober b).
    const grace = probe.terminationGracePeriodSeconds ?? this.pod.terminationGracePeriodSeconds;
    this.startKill(container, grace, 'probe', false);
  }

  // ---- killContainer (lifecycle d) -----------------------------------------------------------

  private startKill(container: ContainerRuntime, grace: number, cause: KillCause, ordered: boolean): void {
    const preStop = container.behaviour.preStopSeconds;
    const hooked = preStop !== null && grace > 0;
    const sleepAction = hooked && container.model.preStopIsSleepAction;
    const kill: Kill = { cause, run: container.runs, hookHoldsUntil: sleepAction ? this.now + Math.min(preStop!, grace) : null };
    container.kill = kill;
    const alive = () => container.kill === kill && container.state === 'running' && container.runs === kill.run;
    if (preStop !== null && hooked) {
      this.emit({ t: this.now, type: 'prestop-started', container: container.model.name });
      // The hook runs in a goroutine; killContainer waits for it at most `grace`, then subtracts the
      // whole seconds it waited. An outlived hook is abandoned, not cancelled. An exec hook dies with
      // the container; a sleep action's timer does not.
      this.queue.push(this.now + preStop, () => {
        const finished = sleepAction ? preStop <= grace : container.state === 'running' && container.runs === kill.run;
        if (finished) this.emit({ t: this.now, type: 'prestop-finished', container: container.model.name });
      });
      const waited = Math.min(preStop, grace);
      this.queue.push(this.now + waited, () => {
        if (alive()) this.afterPreStop(container, kill, grace - Math.floor(waited + 1e-9), ordered);
      });
      return;
    }
    this.afterPreStop(container, kill, grace, ordered);
  }

  private afterPreStop(container: ContainerRuntime, kill: Kill, graceLeft: number, ordered: boolean): void {
    // KEP-753 ordering: a sidecar waits (at most the grace left) for every app container and every
    // later sidecar to exit before it is stopped (kuberuntime_termination_order.go).
    if (ordered && container.model.role === 'sidecar' && graceLeft > 0 && !this.sidecarMayStop(container)) {
      const waiter: OrderingWaiter = { kill, since: this.now, graceLeft };
      container.orderingWaiter = waiter;
      this.queue.push(this.now + graceLeft, () => {
        if (container.orderingWaiter === waiter) {
          container.orderingWaiter = null;
          this.stopContainer(container, kill, 0);
        }
      });
      return;
    }
    this.stopContainer(container, kill, graceLeft);
  }

  private sidecarMayStop(sidecar: ContainerRuntime): boolean {
    if (this.appContainers.some((c) => this.stillStopping(c))) return false;
    const index = this.initContainers.indexOf(sidecar);
    return this.initContainers.every((c, i) => i <= index || c.model.role !== 'sidecar' || !this.stillStopping(c));
  }

  /** Its killContainer has not returned: the process runs, or a sleep hook still holds it. */
  private stillStopping(container: ContainerRuntime): boolean {
    return container.state === 'running' || container.killReturnsAt !== null;
  }

  private releaseOrderingWaiters(): void {
    // Later sidecars first, so that each release can satisfy the one before it.
    for (let i = this.initContainers.length - 1; i >= 0; i--) {
      const container = this.initContainers[i];
      const waiter = container.orderingWaiter;
      if (!waiter || !this.sidecarMayStop(container)) continue;
      container.orderingWaiter = null;
      this.stopContainer(container, waiter.kill, waiter.graceLeft - Math.floor(this.now - waiter.since + 1e-9));
    }
  }

  /** CRI StopContainer(timeout): SIGTERM, then SIGKILL when the timeout runs out. */
  private stopContainer(container: ContainerRuntime, kill: Kill, graceLeft: number): void {
    if (container.kill !== kill || container.state !== 'running') return;
    const timeout = Math.max(graceLeft, MINIMUM_GRACE_PERIOD_SECONDS);
    this.emit({ t: this.now, type: 'signal', container: container.model.name, signal: 'SIGTERM' });
    const shutdown = container.behaviour.shutdownSeconds;
    const stillThisKill = () => container.kill === kill && container.state === 'running' && container.runs === kill.run;
    if (shutdown <= timeout) {
      const exitOnTerm = () => {
        if (stillThisKill()) this.processExited(container, { reason: 'Error', exitCode: EXIT_CODE_SIGTERM, signal: 'SIGTERM' });
      };
      if (shutdown === 0) exitOnTerm();
      else this.queue.push(this.now + shutdown, exitOnTerm);
      return;
    }
    this.queue.push(this.now + timeout, () => {
      if (!stillThisKill()) return;
      this.emit({ t: this.now, type: 'signal', container: container.model.name, signal: 'SIGKILL' });
      this.processExited(container, { reason: 'Error', exitCode: EXIT_CODE_SIGKILL, signal: 'SIGKILL' });
    });
  }

  // ---- pod termination -------------------------------------------------------------------------

  private deletePod(reason?: JobFailureReason): void {
    if (this.deleted) return;
    this.emit(reason ? { t: this.now, type: 'deleted', reason } : { t: this.now, type: 'deleted' });
    this.deleted = true;
    if (isTerminalPhase(this.phase)) return;
    // Liveness and startup workers stop on deletion, readiness keeps probing (prober b); and
    // StopLivenessAndStartup only walks spec.containers: a sidecar's keep running too.
    for (const container of this.appContainers) this.stopWorkers(container, ['startup', 'liveness']);
    this.updateStatus();
    // SyncTerminatingPod generates the status (UpdatePodStatus: readiness triggers) before it kills.
    this.triggerReadinessOfUnreadyContainers();
    // The API server sets deletionGracePeriodSeconds to the spec's value; the pod worker gives at least 1 s.
    this.beginPodTermination(Math.max(this.pod.terminationGracePeriodSeconds, 1));
  }

  /**
   * `activeDeadlineSeconds` after StartTime the active-deadline handler's
   * `ShouldEvict` makes the status Failed (reason DeadlineExceeded); SyncPod
   * sees the terminal phase and the pod worker kills every container with the
   * pod's grace, at least 1 s.
   */
  private activeDeadlinePassed(): void {
    if (isTerminalPhase(this.phase)) return;
    if (this.podTerminating) {
      // No status is generated during the kill; the final one runs ShouldEvict too.
      this.deadlinePassedDuringKill = true;
      return;
    }
    this.setPhase('Failed', 'DeadlineExceeded');
    this.beginPodTermination(Math.max(this.pod.terminationGracePeriodSeconds, 1));
  }

  private beginPodTermination(grace: number): void {
    if (this.podTerminating) {
      this.finishPodTerminationIfDone();
      return;
    }
    this.podTerminating = true;
    this.runningWhenKillBegan = new Set(this.all.filter((c) => c.state === 'running'));
    for (const container of this.all) {
      container.restartToken++;
      container.startPending = false;
      container.pendingRestartDelay = null;
      container.heldExit = null;
    }
    const ordered = this.initContainers.some((c) => c.model.role === 'sidecar');
    // killContainersWithSyncResult: every running container is killed in parallel. App containers
    // come first and sidecars last-first, so that timers due at the same instant keep KEP-753's order.
    for (const container of [...this.appContainers, ...[...this.initContainers].reverse()]) {
      if (container.state === 'running' && container.kill === null) this.startKill(container, grace, 'pod', ordered);
    }
    this.finishPodTerminationIfDone();
  }

  private finishPodTerminationIfDone(): void {
    if (!this.podTerminating || this.all.some((c) => this.stillStopping(c))) return;
    // SyncTerminatingPod generates the final status with podIsTerminal = true (lifecycle d).
    if (this.deleted) this.podIsTerminal = true;
    this.runningWhenKillBegan = null;
    if (this.deadlinePassedDuringKill && !isTerminalPhase(this.phase)) this.setPhase('Failed', 'DeadlineExceeded');
    this.updateStatus();
  }
}

/**
 * Most of a long simulation's steps are probe runs: each probe runs once per
 * period for as long as its container runs. A horizon that would take more
 * runs than the simulation allows is refused up front with what would fit,
 * instead of running for seconds and failing at the bound.
 */
export const MAX_PROBE_RUNS = 1_000_000;

function checkProbeRuns(pod: PodModel, until: number): void {
  let runsPerSecond = 0;
  let probes = 0;
  for (const container of [...pod.initContainers, ...pod.containers]) {
    for (const probe of [container.startupProbe, container.livenessProbe, container.readinessProbe]) {
      if (!probe) continue;
      probes++;
      runsPerSecond += 1 / probe.periodSeconds;
    }
  }
  if (runsPerSecond * until <= MAX_PROBE_RUNS) return;
  const fits = Math.floor(MAX_PROBE_RUNS / runsPerSecond);
  throw new ScenarioError(
    `a horizon of ${until} s is too long for this pod: its ${probes} probe${probes === 1 ? '' : 's'} would run up to ` +
      `${Math.ceil(runsPerSecond * until).toLocaleString('en-US')} times (the simulation allows ${MAX_PROBE_RUNS.toLocaleString('en-US')}); ` +
      `simulate at most ${fits} s`,
  );
}

/** Simulates what the kubelet does with a pod built from `podSpec` (plain JSON) under `scenario`. */
export function simulate(podSpec: PodSpecModel, scenario: Scenario, options: SimulateRunOptions = {}): SimulationResult {
  const pod = simulatedPod(podSpec);
  const behaviours = resolveBehaviours(pod, scenario);
  const until = options.until ?? DEFAULT_HORIZON_SECONDS;
  checkProbeRuns(pod, until);
  const simulation = new PodSimulation(pod, behaviours, scenario, until, options.jobController ?? null);
  simulation.run();
  return simulation.result(options.object ?? { kind: 'Pod', name: null, document: 0 });
}

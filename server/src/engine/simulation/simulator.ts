/**
 * A deterministic discrete-event model of what the kubelet does with one pod
 * (`simulation.md`; the rules with their sources are in `docs/kubernetes/lifecycle.md`,
 * cited below by section). The kubelet's own latencies (PLEG relist, container
 * start, sync requeue) are 0: every decision happens at the moment its cause does.
 */

import { decideRestartAfterExit, decideRestartAfterProbeKill, type RestartDecision } from './backoff';
import { type ContainerBehaviour, exitOfRun, resolveBehaviours, ScenarioError } from './behaviour';
import { type ContainerModel, type JobControllerModel, type PodModel, type ProbeModel, simulatedPod } from './model';
import { type PodSpecModel } from '../model';
import { Killer, type KillHost } from './kill';
import { Prober, type ProbeHost } from './prober';
import { ActionQueue, roundTime } from './queue';
import { type ContainerRuntime, EXIT_CODE_SIGKILL } from './runtime';
import { type Scenario, type SimulateOptions, DEFAULT_HORIZON_SECONDS } from './scenario';
import {
  type JobFailureReason,
  type PhaseReason,
  type PodConditionType,
  type PodPhase,
  type Signal,
  type SimulatedObject,
  type SimulationEvent,
  type SimulationResult,
  type Termination,
  type TerminationReason,
} from '../../protocol/simulation';

/** A guard against a scenario that would make the model spin at one instant. */
const MAX_ACTIONS = 2_000_000;

export interface SimulateRunOptions extends Partial<SimulateOptions> {
  /** What the result names as the simulated object. */
  object?: SimulatedObject;
  /** The Job (or CronJob's job template) that owns the pod; null or absent for other kinds. */
  jobController?: JobControllerModel | null;
}

function isTerminalPhase(phase: PodPhase): boolean {
  return phase === 'Succeeded' || phase === 'Failed';
}

class PodSimulation implements ProbeHost, KillHost {
  readonly queue = new ActionQueue();
  private readonly events: SimulationEvent[] = [];
  now = 0;
  readonly initContainers: ContainerRuntime[];
  readonly appContainers: ContainerRuntime[];
  private readonly prober = new Prober(this);
  private readonly killer = new Killer(this);
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
    readonly until: number,
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
    this.prober.startWorkers(this.all);
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

  emit(event: SimulationEvent): void {
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
  updateStatus(): void {
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
    if (isTerminalPhase(phase)) for (const container of this.all) this.prober.stopWorkers(container, ['startup', 'liveness', 'readiness']);
  }

  private setCondition(condition: PodConditionType, status: boolean): void {
    if (this.conditions[condition] === status) return;
    this.conditions[condition] = status;
    this.emit({ t: this.now, type: 'condition', condition, status });
    if (condition === 'Ready' && status && this.readyAt === null) this.readyAt = roundTime(this.now);
  }

  requestSync(): void {
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
      this.prober.trigger(container, readiness);
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

  processExited(container: ContainerRuntime, how: { reason: TerminationReason; exitCode: number; signal?: Signal }): void {
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
          this.killer.releaseOrderingWaiters();
          this.finishPodTerminationIfDone();
        });
      }
      this.updateStatus();
      this.killer.releaseOrderingWaiters();
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

  killForProbe(container: ContainerRuntime, probe: ProbeModel): void {
    if (container.kill !== null || this.podTerminating) return;
    // setTerminationGracePeriod: the probe's own grace when set, else the pod's (prober b).
    const grace = probe.terminationGracePeriodSeconds ?? this.pod.terminationGracePeriodSeconds;
    this.killer.startKill(container, grace, 'probe', false);
  }

  // ---- pod termination -------------------------------------------------------------------------

  private deletePod(reason?: JobFailureReason): void {
    if (this.deleted) return;
    this.emit(reason ? { t: this.now, type: 'deleted', reason } : { t: this.now, type: 'deleted' });
    this.deleted = true;
    if (isTerminalPhase(this.phase)) return;
    // Liveness and startup workers stop on deletion, readiness keeps probing (prober b); and
    // StopLivenessAndStartup only walks spec.containers: a sidecar's keep running too.
    for (const container of this.appContainers) this.prober.stopWorkers(container, ['startup', 'liveness']);
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
      if (container.state === 'running' && container.kill === null) this.killer.startKill(container, grace, 'pod', ordered);
    }
    this.finishPodTerminationIfDone();
  }

  private finishPodTerminationIfDone(): void {
    if (!this.podTerminating || this.all.some((c) => this.killer.stillStopping(c))) return;
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

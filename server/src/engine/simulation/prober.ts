import { probeAnswer } from './behaviour';
import { type ProbeKind, type ProbeModel } from './model';
import { type ActionQueue } from './queue';
import { type ContainerRuntime, type ProbeWorker } from './runtime';
import { type SimulationEvent } from '../../protocol/simulation';

/**
 * The probe workers (prober/worker.go): one per probe of each container, a
 * ticker every period from admission, the initial delay, the thresholds, the
 * startup gate, and what a result does (a kill, the Started flag, readiness).
 */
export interface ProbeHost {
  readonly now: number;
  readonly until: number;
  readonly queue: ActionQueue;
  emit(event: SimulationEvent): void;
  requestSync(): void;
  updateStatus(): void;
  /** A liveness or startup probe reached its failure threshold. */
  killForProbe(container: ContainerRuntime, probe: ProbeModel): void;
}

export class Prober {
  constructor(private readonly host: ProbeHost) {}

  startWorkers(containers: readonly ContainerRuntime[]): void {
    // probeManager.AddPod runs at admission: workers tick every period from t = 0 (prober b).
    for (const container of containers) {
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
    if (at > this.host.until) return;
    const generation = worker.tickerGeneration;
    this.host.queue.push(at, () => {
      if (worker.stopped || generation !== worker.tickerGeneration) return;
      this.scheduleTick(container, worker, this.host.now + worker.probe.periodSeconds);
      this.doProbe(container, worker, false);
    });
  }

  stopWorkers(container: ContainerRuntime, kinds: ProbeKind[]): void {
    for (const kind of kinds) {
      const worker = container.workers[kind];
      if (worker) worker.stopped = true;
    }
  }

  doProbe(container: ContainerRuntime, worker: ProbeWorker, manual: boolean): void {
    if (worker.stopped || container.state !== 'running') return;
    // The worker learns of a (re)started container from the status manager only after the sync
    // that follows its start: the tick at the very instant of the start does not see it (prober b).
    if (!manual && this.host.now <= container.startedAt) return;
    if (worker.seenRun !== container.runs) {
      worker.seenRun = container.runs;
      worker.published = null;
      worker.onHold = false;
    }
    if (worker.onHold) return;
    if (Math.floor(this.host.now - container.startedAt + 1e-9) < worker.probe.initialDelaySeconds) return;
    const kind = worker.probe.kind;
    if (kind === 'startup' ? container.started : !container.started) return;
    // Likewise liveness and readiness see the Started flag only from the sync after the startup
    // probe's success; the readiness worker's manual trigger is that sync.
    if (kind !== 'startup' && !manual && this.host.now <= container.startedSince) return;

    worker.lastProbeAt = this.host.now;
    const result = probeAnswer(container.behaviour, kind, { startedAt: container.startedAt, run: container.runs }, this.host.now);
    this.host.emit({ t: this.host.now, type: 'probe', container: container.model.name, probe: kind, result });
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
      this.host.killForProbe(container, worker.probe);
      return;
    }
    if (kind === 'startup' && result === 'success' && !container.started) {
      container.started = true;
      container.startedSince = this.host.now;
      // The startup result update syncs the pod, as a start does.
      this.host.requestSync();
    }
    if (changed && kind === 'readiness') {
      // SetContainerReadiness updates the conditions at once; the result update also syncs the pod.
      this.host.updateStatus();
      this.host.requestSync();
    }
  }

  /** A manual trigger (the readiness probe a pod sync asks for): the probe runs now and its ticker restarts from now. */
  trigger(container: ContainerRuntime, worker: ProbeWorker): void {
    worker.tickerGeneration++;
    this.scheduleTick(container, worker, this.host.now + worker.probe.periodSeconds);
    this.doProbe(container, worker, true);
  }
}

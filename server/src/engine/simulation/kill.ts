import { type ActionQueue } from './queue';
import {
  type ContainerRuntime,
  EXIT_CODE_SIGKILL,
  EXIT_CODE_SIGTERM,
  type Kill,
  type KillCause,
  MINIMUM_GRACE_PERIOD_SECONDS,
  type OrderingWaiter,
} from './runtime';
import { type Signal, type SimulationEvent, type TerminationReason } from '../../protocol/simulation';

/**
 * `killContainer` (lifecycle d): the preStop hook inside the grace period, a
 * sidecar's wait for the containers after it (KEP-753), then CRI
 * StopContainer: SIGTERM, and SIGKILL when the time left runs out.
 */
export interface KillHost {
  readonly now: number;
  readonly queue: ActionQueue;
  readonly appContainers: readonly ContainerRuntime[];
  readonly initContainers: readonly ContainerRuntime[];
  emit(event: SimulationEvent): void;
  processExited(container: ContainerRuntime, how: { reason: TerminationReason; exitCode: number; signal?: Signal }): void;
}

export class Killer {
  constructor(private readonly host: KillHost) {}

  startKill(container: ContainerRuntime, grace: number, cause: KillCause, ordered: boolean): void {
    const preStop = container.behaviour.preStopSeconds;
    const hooked = preStop !== null && grace > 0;
    const sleepAction = hooked && container.model.preStopIsSleepAction;
    const kill: Kill = { cause, run: container.runs, hookHoldsUntil: sleepAction ? this.host.now + Math.min(preStop!, grace) : null };
    container.kill = kill;
    const alive = () => container.kill === kill && container.state === 'running' && container.runs === kill.run;
    if (preStop !== null && hooked) {
      this.host.emit({ t: this.host.now, type: 'prestop-started', container: container.model.name });
      // The hook runs in a goroutine; killContainer waits for it at most `grace`, then subtracts the
      // whole seconds it waited. An outlived hook is abandoned, not cancelled. An exec hook dies with
      // the container; a sleep action's timer does not.
      this.host.queue.push(this.host.now + preStop, () => {
        const finished = sleepAction ? preStop <= grace : container.state === 'running' && container.runs === kill.run;
        if (finished) this.host.emit({ t: this.host.now, type: 'prestop-finished', container: container.model.name });
      });
      const waited = Math.min(preStop, grace);
      this.host.queue.push(this.host.now + waited, () => {
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
      const waiter: OrderingWaiter = { kill, since: this.host.now, graceLeft };
      container.orderingWaiter = waiter;
      this.host.queue.push(this.host.now + graceLeft, () => {
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
    if (this.host.appContainers.some((c) => this.stillStopping(c))) return false;
    const index = this.host.initContainers.indexOf(sidecar);
    return this.host.initContainers.every((c, i) => i <= index || c.model.role !== 'sidecar' || !this.stillStopping(c));
  }

  /** Its killContainer has not returned: the process runs, or a sleep hook still holds it. */
  stillStopping(container: ContainerRuntime): boolean {
    return container.state === 'running' || container.killReturnsAt !== null;
  }

  releaseOrderingWaiters(): void {
    // Later sidecars first, so that each release can satisfy the one before it.
    for (let i = this.host.initContainers.length - 1; i >= 0; i--) {
      const container = this.host.initContainers[i];
      const waiter = container.orderingWaiter;
      if (!waiter || !this.sidecarMayStop(container)) continue;
      container.orderingWaiter = null;
      this.stopContainer(container, waiter.kill, waiter.graceLeft - Math.floor(this.host.now - waiter.since + 1e-9));
    }
  }

  /** CRI StopContainer(timeout): SIGTERM, then SIGKILL when the timeout runs out. */
  private stopContainer(container: ContainerRuntime, kill: Kill, graceLeft: number): void {
    if (container.kill !== kill || container.state !== 'running') return;
    const timeout = Math.max(graceLeft, MINIMUM_GRACE_PERIOD_SECONDS);
    this.host.emit({ t: this.host.now, type: 'signal', container: container.model.name, signal: 'SIGTERM' });
    const shutdown = container.behaviour.shutdownSeconds;
    const stillThisKill = () => container.kill === kill && container.state === 'running' && container.runs === kill.run;
    if (shutdown <= timeout) {
      const exitOnTerm = () => {
        if (stillThisKill()) this.host.processExited(container, { reason: 'Error', exitCode: EXIT_CODE_SIGTERM, signal: 'SIGTERM' });
      };
      if (shutdown === 0) exitOnTerm();
      else this.host.queue.push(this.host.now + shutdown, exitOnTerm);
      return;
    }
    this.host.queue.push(this.host.now + timeout, () => {
      if (!stillThisKill()) return;
      this.host.emit({ t: this.host.now, type: 'signal', container: container.model.name, signal: 'SIGKILL' });
      this.host.processExited(container, { reason: 'Error', exitCode: EXIT_CODE_SIGKILL, signal: 'SIGKILL' });
    });
  }
}

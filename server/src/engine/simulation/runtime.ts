/** What the simulation keeps of each container while the pod runs: the kubelet's view of it, its probe workers, the kill under way. */

import { type BackoffEntry } from './backoff';
import { type ContainerBehaviour } from './behaviour';
import { type ContainerModel, type ProbeKind, type ProbeModel } from './model';
import { type ProbeResult, type Termination } from '../../protocol/simulation';

/** The kubelet never gives a container less than this after SIGTERM (`minimumGracePeriodInSeconds`). */
export const MINIMUM_GRACE_PERIOD_SECONDS = 2;
export const EXIT_CODE_SIGTERM = 128 + 15;
export const EXIT_CODE_SIGKILL = 128 + 9;

export interface ProbeWorker {
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

export type KillCause = 'probe' | 'pod';

export interface Kill {
  cause: KillCause;
  run: number;
  /** A sleep-action preStop hook keeps killContainer waiting until then, whether or not the process is gone. */
  hookHoldsUntil: number | null;
}

export interface OrderingWaiter {
  kill: Kill;
  since: number;
  graceLeft: number;
}

export interface ContainerRuntime {
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

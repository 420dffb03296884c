/** The JSON shape of a simulation (`simulation.md`, "JSON output"). */

import { type ProbeKind } from './model';

export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed';
export type PodConditionType = 'Initialized' | 'ContainersReady' | 'Ready';
export type WaitingReason = 'ContainerCreating' | 'PodInitializing' | 'CrashLoopBackOff';
export type TerminationReason = 'Completed' | 'Error' | 'OOMKilled';
export type Signal = 'SIGTERM' | 'SIGKILL';
export type ProbeResult = 'success' | 'failure';
export type PhaseReason = 'DeadlineExceeded';
/** Why the Job controller deleted the pod (the Job's Failed condition reason). */
export type JobFailureReason = 'BackoffLimitExceeded' | 'DeadlineExceeded';

export type SimulationEvent =
  /** `reason` only where the kubelet gives one: `DeadlineExceeded` (activeDeadlineSeconds). */
  | { t: number; type: 'phase'; phase: PodPhase; reason?: PhaseReason }
  | { t: number; type: 'condition'; condition: PodConditionType; status: boolean }
  | { t: number; type: 'container-waiting'; container: string; reason: WaitingReason }
  | { t: number; type: 'container-started'; container: string; restartCount: number }
  | {
      t: number;
      type: 'container-terminated';
      container: string;
      reason: TerminationReason;
      exitCode: number;
      signal?: Signal;
    }
  | { t: number; type: 'probe'; container: string; probe: ProbeKind; result: ProbeResult }
  | { t: number; type: 'restart-scheduled'; container: string; delaySeconds: number }
  | { t: number; type: 'prestop-started'; container: string }
  | { t: number; type: 'prestop-finished'; container: string }
  | { t: number; type: 'signal'; container: string; signal: Signal }
  | { t: number; type: 'endpoint'; ready: boolean }
  /** `reason` when the Job controller deleted the pod, not the scenario. */
  | { t: number; type: 'deleted'; reason?: JobFailureReason };

export type SimulationEventType = SimulationEvent['type'];

export interface Termination {
  t: number;
  reason: TerminationReason;
  exitCode: number;
  signal?: Signal;
}

export interface ContainerSummary {
  restarts: number;
  /** The wait before each restart that happened, in order (seconds from the exit). */
  restartDelays: number[];
  lastTermination: Termination | null;
}

export interface SimulatedObject {
  kind: string;
  name: string | null;
  document: number;
}

export interface SimulationResult {
  version: 1;
  object: SimulatedObject;
  until: number;
  events: SimulationEvent[];
  summary: {
    /** At the horizon. */
    phase: PodPhase;
    /** First time the Ready condition became true; null if never. */
    readyAt: number | null;
    containers: Record<string, ContainerSummary>;
  };
}

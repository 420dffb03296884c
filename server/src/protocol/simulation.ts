/**
 * The simulator's JSON, shared by everything that speaks it: `pod-lens simulate
 * --json`, the language server's `podLens/simulate`, the extension and the
 * webview page (which bundle this module instead of copying its types). It
 * imports nothing, so any of them can compile against it.
 */

export type ProbeKind = 'startup' | 'liveness' | 'readiness';
export type ContainerRole = 'init' | 'sidecar' | 'app';
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';

// ---- the result -------------------------------------------------------------
/** The JSON shape of a simulation (`simulation.md`, "JSON output"). */

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
  /** The object's index in its document's List `items`; only for an item of a List. */
  item?: number;
  /** Which pod template, for an object that holds several (a RayCluster's worker group); absent otherwise. */
  podSpecPath?: string;
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

// ---- the pod the simulator ran (sent with each answer: the webview draws its lanes from it) ----

/** An app container's `restartPolicyRules` entry (ContainerRestartRules): the first rule matching the exit code decides. */
export interface ExitCodeRestartRule {
  restart: boolean;
  operator: 'In' | 'NotIn';
  values: number[];
}

/** A probe as its worker runs it (after the API's defaults). */
export interface ProbeModel {
  kind: ProbeKind;
  initialDelaySeconds: number;
  periodSeconds: number;
  timeoutSeconds: number;
  successThreshold: number;
  failureThreshold: number;
  /** The probe's own grace for the kill it causes (liveness/startup only); null when unset. */
  terminationGracePeriodSeconds: number | null;
}

export interface ContainerModel {
  name: string;
  role: ContainerRole;
  image: string | null;
  startupProbe: ProbeModel | null;
  livenessProbe: ProbeModel | null;
  readinessProbe: ProbeModel | null;
  /** How long the preStop hook runs, as far as the spec says (0 when unknown); null when there is no hook. */
  preStopSeconds: number | null;
  /** The hook is the `sleep` action: the kubelet waits out its timer even when the container exits first. */
  preStopIsSleepAction: boolean;
  /** Whether a memory limit applies, so that the kernel's OOM killer can end the container. */
  hasMemoryLimit: boolean;
  /** An app container's own restartPolicy (ContainerRestartRules, KEP-5307); null to follow the pod's. */
  restartPolicy: RestartPolicy | null;
  /** An app container's restartPolicyRules: the first rule matching the exit code decides. */
  restartRules: ExitCodeRestartRule[];
}

export interface PodModel {
  restartPolicy: RestartPolicy;
  terminationGracePeriodSeconds: number;
  /** In spec order; sidecars (`restartPolicy: Always`) among them. */
  initContainers: ContainerModel[];
  containers: ContainerModel[];
  /** Readiness gates are set by controllers the simulation does not run, so they never turn true. */
  hasReadinessGates: boolean;
  /** `spec.activeDeadlineSeconds`: the kubelet fails the pod this long after it started; null when unset. */
  activeDeadlineSeconds: number | null;
}

// ---- the scenario: what happens to the pod's processes --------------------------
// A container left out (`null`) means the pod's first app container.

export interface ExitRule {
  container: string | null;
  /** Seconds after the container's start. */
  afterSeconds: number;
  exitCode: number;
}

export interface HealthyAfterRule {
  container: string | null;
  /** Seconds after each start from which its probes pass. */
  seconds: number;
}

export interface LivenessFailsRule {
  container: string | null;
  /** Pod time from which the liveness probe fails, until the container restarts. */
  at: number;
}

export interface ReadinessFailsRule {
  container: string | null;
  /** Pod time window [from, to) in which the readiness probe fails. */
  from: number;
  to: number;
}

export interface OomRule {
  container: string | null;
  /** Seconds after each start at which memory use passes the limit. */
  afterSeconds: number;
}

export interface ShutdownRule {
  container: string | null;
  /** Seconds the process needs after SIGTERM; 'never' when only SIGKILL ends it. */
  seconds: number | 'never';
}

export interface PreStopRule {
  container: string | null;
  seconds: number;
}

export interface Scenario {
  exit: ExitRule[];
  exitOnce: ExitRule[];
  healthyAfter: HealthyAfterRule[];
  livenessFails: LivenessFailsRule[];
  readinessFails: ReadinessFailsRule[];
  oom: OomRule[];
  /** Pod times at which the pod is deleted; the earliest counts. */
  delete: number[];
  shutdown: ShutdownRule[];
  prestop: PreStopRule[];
  /** Image pull seconds before each container's first start; null for 0. */
  pull: number | null;
}

// ---- the request ---------------------------------------------------------------

/** `podLens/simulate`: the lifecycle simulation of one workload of an open file. */
export const SIMULATE_METHOD = 'podLens/simulate';

export interface SimulateParams {
  uri: string;
  /** Index of the YAML document in the file; or give `position`. */
  document?: number;
  /** Which item of the document's List (its index in `items`); without it, the document's first workload. */
  item?: number;
  /** Which pod template of an object that holds several (the report's `podSpecPath`); without it, the one under `position`, or the first. */
  podSpecPath?: string;
  /** A position in the file: the workload written there (the server's split of the file is the only one). */
  position?: { line: number; character: number };
  /** Any part of the scenario; what is left out is the default. */
  scenario?: Partial<Scenario>;
  /** The horizon in seconds (default 900, at most a day). */
  until?: number | null;
}

/** The simulation, plus the pod it ran (the webview draws its lanes from each container's role and probes). */
export type SimulateAnswer = SimulationResult & { model: PodModel };

/** A scenario in which nothing goes wrong. */
export function emptyScenario(): Scenario {
  return { exit: [], exitOnce: [], healthyAfter: [], livenessFails: [], readinessFails: [], oom: [], delete: [], shutdown: [], prestop: [], pull: null };
}

/** How the timeline (`pod-lens simulate`) and the webview word a deletion. */
export function deletedText(reason: JobFailureReason | undefined): string {
  if (reason === 'BackoffLimitExceeded') return "pod deleted by the Job controller (BackoffLimitExceeded: its containers' restarts reached backoffLimit)";
  if (reason === 'DeadlineExceeded') return "pod deleted by the Job controller (DeadlineExceeded: the Job's activeDeadlineSeconds passed)";
  return 'pod deleted';
}

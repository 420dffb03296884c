/**
 * The parts of a pod spec that decide what the kubelet does with the pod over
 * time, read from the spec as plain JSON (what `yaml`'s `toJS()` gives) with
 * the API server's defaults applied (`SetDefaults_PodSpec`, `SetDefaults_Probe`).
 */

export type RestartPolicy = 'Always' | 'OnFailure' | 'Never';
export type ProbeKind = 'startup' | 'liveness' | 'readiness';
export type ContainerRole = 'init' | 'sidecar' | 'app';

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
  /** How long the preStop hook runs, as far as the spec says; null when there is no hook. */
  preStopSeconds: number | null;
  /**
   * The hook is the `sleep` action: the kubelet waits out its timer even when
   * the container exits first (issue #134338, open in v1.36); an exec hook
   * ends with the container.
   */
  preStopIsSleepAction: boolean;
  /** Whether a memory limit applies, so that the kernel's OOM killer can end the container. */
  hasMemoryLimit: boolean;
  /** An app container's own restartPolicy (ContainerRestartRules, KEP-5307); null to follow the pod's. */
  restartPolicy: RestartPolicy | null;
  /** An app container's restartPolicyRules: the first rule matching the exit code decides. */
  restartRules: ExitCodeRestartRule[];
}

export interface ExitCodeRestartRule {
  restart: boolean;
  operator: 'In' | 'NotIn';
  values: number[];
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

/** What the Job controller does to its pod (`pkg/controller/job`); null for other kinds. */
export interface JobControllerModel {
  /** `spec.backoffLimit`, defaulted to 6: with `OnFailure`, the pod is deleted once its containers' restarts reach it. */
  backoffLimit: number;
  /** The Job's own `spec.activeDeadlineSeconds`, from its start: its active pods are deleted then. */
  activeDeadlineSeconds: number | null;
}

const DEFAULT_JOB_BACKOFF_LIMIT = 6;

/** Reads a Job spec (plain JSON: a Job's `spec`, or a CronJob's `spec.jobTemplate.spec`). */
export function readJobControllerModel(jobSpec: Json): JobControllerModel {
  const spec = isRecord(jobSpec) ? jobSpec : {};
  const limit = nonNegativeNumber(spec.backoffLimit);
  const deadline = nonNegativeNumber(spec.activeDeadlineSeconds);
  return {
    backoffLimit: limit !== null && Number.isInteger(limit) ? limit : DEFAULT_JOB_BACKOFF_LIMIT,
    activeDeadlineSeconds: deadline !== null && deadline >= 1 && Number.isInteger(deadline) ? deadline : null,
  };
}

/** The spec is not a pod spec the simulation can run. */
export class PodModelError extends Error {}

const DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

type Json = unknown;

function isRecord(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonNegativeNumber(value: Json): number | null {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function readProbe(kind: ProbeKind, value: Json): ProbeModel | null {
  if (!isRecord(value)) return null;
  const positive = (field: string, fallback: number): number => {
    const read = nonNegativeNumber(value[field]);
    return read !== null && read > 0 ? Math.floor(read) : fallback;
  };
  const grace = nonNegativeNumber(value.terminationGracePeriodSeconds);
  return {
    kind,
    initialDelaySeconds: Math.floor(nonNegativeNumber(value.initialDelaySeconds) ?? 0),
    timeoutSeconds: positive('timeoutSeconds', 1),
    periodSeconds: positive('periodSeconds', 10),
    // Liveness and startup probes must use 1 (API validation); the kubelet would reject anything else.
    successThreshold: kind === 'readiness' ? positive('successThreshold', 1) : 1,
    failureThreshold: positive('failureThreshold', 3),
    // A readinessProbe may not set it (validation), and only liveness/startup kills use it.
    terminationGracePeriodSeconds: kind === 'readiness' || grace === null ? null : Math.floor(grace),
  };
}

/**
 * The seconds a `sleep N` command takes, for the usual ways of writing it:
 * `["sleep", "N"]`, `["/bin/sleep", "N"]`, `["sh", "-c", "sleep N"]`,
 * `["sh", "-c", "... && sleep N"]`. Anything else is taken to return at once.
 */
export function sleepSecondsOfCommand(command: Json): number {
  if (!Array.isArray(command) || command.length === 0) return 0;
  const words = command.map((word) => String(word));
  const program = words[0].split('/').pop();
  if (program === 'sleep' && words.length >= 2) return parseSleepArgument(words[1]);
  if ((program === 'sh' || program === 'bash' || program === 'ash' || program === 'dash') && words.length >= 3) {
    const script = words.slice(words.indexOf('-c') + 1).join(' ');
    let total = 0;
    for (const match of script.matchAll(/(?:^|[;&|\s(])(?:\/\S*\/)?sleep\s+([0-9.]+[smh]?)/g)) {
      total += parseSleepArgument(match[1]);
    }
    return total;
  }
  return 0;
}

function parseSleepArgument(argument: string): number {
  const match = /^([0-9]+(?:\.[0-9]+)?)([smh]?)$/.exec(argument.trim());
  if (!match) return 0;
  const unit = match[2] === 'm' ? 60 : match[2] === 'h' ? 3600 : 1;
  return Number(match[1]) * unit;
}

function readPreStopSeconds(lifecycle: Json): number | null {
  if (!isRecord(lifecycle) || !isRecord(lifecycle.preStop)) return null;
  const hook = lifecycle.preStop;
  if (isRecord(hook.sleep)) return nonNegativeNumber(hook.sleep.seconds) ?? 0;
  if (isRecord(hook.exec)) return sleepSecondsOfCommand(hook.exec.command);
  // httpGet / tcpSocket hooks return as soon as the request does: modelled as instant.
  return 0;
}

function hasLimit(resources: Json, name: string): boolean {
  return isRecord(resources) && isRecord(resources.limits) && resources.limits[name] !== undefined && resources.limits[name] !== null;
}

function readContainer(value: Json, role: ContainerRole, podHasMemoryLimit: boolean, where: string): ContainerModel {
  if (!isRecord(value)) throw new PodModelError(`${where} is not a container`);
  const name = typeof value.name === 'string' && value.name !== '' ? value.name : null;
  if (name === null) throw new PodModelError(`${where} has no name`);
  // Regular init containers may not have probes (API validation): only sidecars and app containers are probed.
  const probed = role !== 'init';
  return {
    name,
    role,
    image: typeof value.image === 'string' ? value.image : null,
    startupProbe: probed ? readProbe('startup', value.startupProbe) : null,
    livenessProbe: probed ? readProbe('liveness', value.livenessProbe) : null,
    readinessProbe: probed ? readProbe('readiness', value.readinessProbe) : null,
    preStopSeconds: role === 'init' ? null : readPreStopSeconds(value.lifecycle),
    preStopIsSleepAction: role !== 'init' && isRecord(value.lifecycle) && isRecord(value.lifecycle.preStop) && isRecord(value.lifecycle.preStop.sleep),
    hasMemoryLimit: podHasMemoryLimit || hasLimit(value.resources, 'memory'),
    restartPolicy:
      role === 'app' && (value.restartPolicy === 'Always' || value.restartPolicy === 'OnFailure' || value.restartPolicy === 'Never')
        ? value.restartPolicy
        : null,
    restartRules: role === 'app' ? readRestartRules(value.restartPolicyRules) : [],
  };
}

function readRestartRules(value: Json): ExitCodeRestartRule[] {
  if (!Array.isArray(value)) return [];
  const rules: ExitCodeRestartRule[] = [];
  for (const rule of value) {
    if (!isRecord(rule) || !isRecord(rule.exitCodes)) continue;
    const operator = rule.exitCodes.operator;
    if (operator !== 'In' && operator !== 'NotIn') continue;
    const values = Array.isArray(rule.exitCodes.values) ? rule.exitCodes.values.filter((v): v is number => typeof v === 'number') : [];
    rules.push({ restart: rule.action === 'Restart', operator, values });
  }
  return rules;
}

function readRestartPolicy(value: Json): RestartPolicy {
  return value === 'OnFailure' || value === 'Never' ? value : 'Always';
}

/** Reads a pod spec (plain JSON) into the model the simulation runs. */
export function readPodModel(podSpec: Json): PodModel {
  if (!isRecord(podSpec)) throw new PodModelError('the pod spec is not a mapping');
  // A pod-level memory limit (PodLevelResources) bounds the pod's cgroup, so an OOM kill can hit any container.
  const podHasMemoryLimit = hasLimit(podSpec.resources, 'memory');
  const initContainers = (Array.isArray(podSpec.initContainers) ? podSpec.initContainers : []).map((value, index) => {
    const isSidecar = isRecord(value) && value.restartPolicy === 'Always';
    return readContainer(value, isSidecar ? 'sidecar' : 'init', podHasMemoryLimit, `initContainers[${index}]`);
  });
  const containers = (Array.isArray(podSpec.containers) ? podSpec.containers : []).map((value, index) =>
    readContainer(value, 'app', podHasMemoryLimit, `containers[${index}]`),
  );
  if (containers.length === 0) throw new PodModelError('the pod spec has no containers');
  const names = new Set<string>();
  for (const container of [...initContainers, ...containers]) {
    if (names.has(container.name)) throw new PodModelError(`two containers are named '${container.name}'`);
    names.add(container.name);
  }
  const grace = nonNegativeNumber(podSpec.terminationGracePeriodSeconds);
  // Validation requires a positive integer; anything else is left out rather than guessed.
  const deadline = nonNegativeNumber(podSpec.activeDeadlineSeconds);
  return {
    restartPolicy: readRestartPolicy(podSpec.restartPolicy),
    terminationGracePeriodSeconds: grace === null ? DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS : Math.floor(grace),
    initContainers,
    containers,
    hasReadinessGates: Array.isArray(podSpec.readinessGates) && podSpec.readinessGates.length > 0,
    activeDeadlineSeconds: deadline !== null && deadline >= 1 && Number.isInteger(deadline) ? deadline : null,
  };
}

import type { ContainerModel, PodModel, ProbeKind, ProbeModel, RestartPolicy } from '../../protocol/simulation';
import { type ContainerSpec, type JobSpecModel, type PodSpecModel, type Probe, probeFieldName, probeKinds, type ResourceListSpec } from '../model';
import { Quantity } from '../quantity';

/**
 * What the simulator runs: the pod model (`engine/model`, decoded and
 * defaulted once) seen from the kubelet's side. Nothing here reads YAML or
 * applies a default; it only checks that the pod can be run (every container
 * named, names unique, no negative timings) and picks the parts the kubelet
 * acts on.
 */

export type { ContainerModel, ExitCodeRestartRule, PodModel, ProbeKind, ProbeModel, RestartPolicy } from '../../protocol/simulation';

/** What the Job controller does to its pod (`pkg/controller/job`); null for other kinds. */
export interface JobControllerModel {
  /** `spec.backoffLimit` (defaulted to 6): with `OnFailure`, the pod is deleted once its containers' restarts reach it. */
  backoffLimit: number;
  /** The Job's own `spec.activeDeadlineSeconds`, from its start: its active pods are deleted then. */
  activeDeadlineSeconds: number | null;
}

/** The spec is not a pod spec the simulation can run. */
export class PodModelError extends Error {}

export function jobControllerOf(job: JobSpecModel): JobControllerModel {
  const deadline = job.activeDeadlineSeconds.value;
  return {
    backoffLimit: Math.max(0, job.effectiveBackoffLimit),
    activeDeadlineSeconds: deadline !== undefined && deadline >= 1 ? deadline : null,
  };
}

function asRestartPolicy(value: string | null | undefined): RestartPolicy | null {
  return value === 'Always' || value === 'OnFailure' || value === 'Never' ? value : null;
}

function hasMemoryLimit(list: ResourceListSpec | null | undefined): boolean {
  const entry = list?.byName.get('memory');
  // A zero limit is no limit (`memory.max` = max).
  return !!entry && entry.decoded instanceof Quantity && !entry.decoded.isZero();
}

function probeModel(probe: Probe | null, where: string): ProbeModel | null {
  if (!probe) return null;
  for (const field of ['initialDelaySeconds', 'periodSeconds', 'timeoutSeconds', 'successThreshold', 'failureThreshold'] as const) {
    if (probe[field] < 0) throw new PodModelError(`${where}.${probeFieldName[probe.kind]}.${field} is ${probe[field]}: the API server refuses negative values`);
  }
  return {
    kind: probe.kind,
    initialDelaySeconds: probe.initialDelaySeconds,
    periodSeconds: probe.periodSeconds,
    timeoutSeconds: probe.timeoutSeconds,
    // Liveness and startup probes must use 1 (validation); only readiness counts successes.
    successThreshold: probe.kind === 'readiness' ? probe.successThreshold : 1,
    failureThreshold: probe.failureThreshold,
    // A readinessProbe may not set it (validation), and only liveness/startup kills use it.
    terminationGracePeriodSeconds:
      probe.kind === 'readiness' || probe.terminationGracePeriodSeconds === null ? null : Math.max(0, probe.terminationGracePeriodSeconds),
  };
}

function containerModel(container: ContainerSpec, podMemoryLimit: boolean): ContainerModel {
  const where = container.path.slice(container.path.lastIndexOf('.') + 1);
  if (container.name === null || container.name === '' || container.nameField.value === undefined) throw new PodModelError(`${where} has no name`);
  // Regular init containers may not have probes or hooks (validation): only sidecars and app containers have them.
  const probed = container.role !== 'init';
  const probes = Object.fromEntries(probeKinds.map((kind) => [kind, probed ? probeModel(container.probes[kind], where) : null])) as Record<
    ProbeKind,
    ProbeModel | null
  >;
  const hook = probed ? container.preStop : null;
  return {
    name: container.name,
    role: container.role,
    image: container.image.value ?? null,
    startupProbe: probes.startup,
    livenessProbe: probes.liveness,
    readinessProbe: probes.readiness,
    preStopSeconds: hook ? (hook.sleepSeconds ?? 0) : null,
    preStopIsSleepAction: hook?.isSleepAction ?? false,
    hasMemoryLimit: podMemoryLimit || hasMemoryLimit(container.resources?.limits),
    restartPolicy: container.role === 'app' ? asRestartPolicy(container.restartPolicy) : null,
    restartRules: container.restartPolicyRules,
  };
}

/** The pod the kubelet runs for a pod spec; throws `PodModelError` when it cannot be run. */
export function simulatedPod(model: PodSpecModel): PodModel {
  // A pod-level memory limit (PodLevelResources) bounds the pod's cgroup, so an OOM kill can hit any container.
  const podMemoryLimit = !!model.podResources && !model.podResources.valueIsNull && hasMemoryLimit(model.podResources.limits);
  const initContainers = model.containers.filter((c) => c.role !== 'app').map((c) => containerModel(c, podMemoryLimit));
  const containers = model.containers.filter((c) => c.role === 'app').map((c) => containerModel(c, podMemoryLimit));
  if (containers.length === 0) throw new PodModelError('the pod spec has no containers');
  const names = new Set<string>();
  for (const container of [...initContainers, ...containers]) {
    if (names.has(container.name)) throw new PodModelError(`two containers are named '${container.name}'`);
    names.add(container.name);
  }
  if (model.gracePeriodSeconds < 0)
    throw new PodModelError(`terminationGracePeriodSeconds is ${model.gracePeriodSeconds}: a negative grace period is not simulated`);
  const deadline = model.activeDeadlineSeconds.value;
  return {
    restartPolicy: asRestartPolicy(model.restartPolicy) ?? 'Always',
    terminationGracePeriodSeconds: model.gracePeriodSeconds,
    initContainers,
    containers,
    hasReadinessGates: model.readinessGateCount > 0,
    activeDeadlineSeconds: deadline !== undefined && deadline >= 1 ? deadline : null,
  };
}

import { Quantity, defaultedQuantity } from './quantity';
import { ContainerRole } from './podspec';

/**
 * The pod's resources after decoding: what the API server and kubelet see.
 * Everything here mirrors Kubernetes v1.36 with default feature gates
 * (PodLevelResources on); `shared/spec/kubernetes-facts.md` names the sources.
 */

export type ResourceList = Map<string, Quantity>;

export interface DecodedContainer {
  name: string;
  role: ContainerRole;
  requests: ResourceList;
  limits: ResourceList;
}

export interface DecodedPod {
  /** App containers first, then init containers, each in spec order. */
  containers: DecodedContainer[];
  /** `spec.resources`: null when absent or null; an empty `{}` is not null (it changes the QoS). */
  podResources: { requests: ResourceList; limits: ResourceList } | null;
  overhead: ResourceList | null;
  priorityClassName: string | null;
}

export type QosClass = 'Guaranteed' | 'Burstable' | 'BestEffort';

export const CPU = 'cpu';
export const MEMORY = 'memory';
export const HUGEPAGES_PREFIX = 'hugepages-';

export function isHugePages(name: string): boolean {
  return name.startsWith(HUGEPAGES_PREFIX);
}

/** Pod-level resources supported by PodLevelResources: cpu, memory and hugepages-*. */
export function isSupportedPodLevelResource(name: string): boolean {
  return name === CPU || name === MEMORY || isHugePages(name);
}

/** `helper.IsOvercommitAllowed`: native resources other than hugepages. */
export function isOvercommitAllowed(name: string): boolean {
  const native = !name.includes('/') || name.includes('kubernetes.io/');
  return native && !isHugePages(name);
}

function mapList(list: ResourceList, fn: (q: Quantity) => Quantity): ResourceList {
  const result: ResourceList = new Map();
  for (const [name, quantity] of list) result.set(name, fn(quantity));
  return result;
}

function addInto(target: ResourceList, source: ResourceList): void {
  for (const [name, quantity] of source) {
    const existing = target.get(name);
    target.set(name, existing ? existing.add(quantity) : quantity);
  }
}

function maxInto(target: ResourceList, source: ResourceList): void {
  for (const [name, quantity] of source) {
    const existing = target.get(name);
    if (!existing || quantity.cmp(existing) > 0) target.set(name, quantity);
  }
}

export function podLevelRequestsSet(pod: DecodedPod): boolean {
  return !!pod.podResources && [...pod.podResources.requests.keys()].some(isSupportedPodLevelResource);
}

export function podLevelLimitsSet(pod: DecodedPod): boolean {
  return !!pod.podResources && [...pod.podResources.limits.keys()].some(isSupportedPodLevelResource);
}

export function podLevelResourcesSet(pod: DecodedPod): boolean {
  return podLevelRequestsSet(pod) || podLevelLimitsSet(pod);
}

/**
 * API defaulting of a Pod (`SetDefaults_ResourceList`, `SetDefaults_Pod`):
 * every quantity rounded up to milli; a container limit without a request
 * becomes the request; pod-level hugepage limits and requests defaulted.
 * Pods created from a workload's template get the same defaulting.
 */
export function applyApiDefaults(pod: DecodedPod): DecodedPod {
  const containers = pod.containers.map((container) => {
    const requests = mapList(container.requests, defaultedQuantity);
    const limits = mapList(container.limits, defaultedQuantity);
    for (const [name, limit] of limits) if (!requests.has(name)) requests.set(name, limit);
    return { ...container, requests, limits };
  });
  const defaulted: DecodedPod = {
    ...pod,
    containers,
    overhead: pod.overhead ? mapList(pod.overhead, defaultedQuantity) : null,
    podResources: pod.podResources
      ? {
          requests: mapList(pod.podResources.requests, defaultedQuantity),
          limits: mapList(pod.podResources.limits, defaultedQuantity),
        }
      : null,
  };
  defaultHugePagePodLimits(defaulted);
  defaultPodRequests(defaulted);
  return defaulted;
}

function defaultHugePagePodLimits(pod: DecodedPod): void {
  const resources = pod.podResources;
  if (!resources || (resources.limits.size === 0 && resources.requests.size === 0)) return;
  for (const [name, limit] of aggregateContainerLimits(pod)) {
    if (!isHugePages(name) || resources.requests.has(name)) continue;
    if (!resources.limits.has(name)) resources.limits.set(name, limit);
  }
}

function defaultPodRequests(pod: DecodedPod): void {
  const resources = pod.podResources;
  if (!resources || resources.limits.size === 0) return;
  for (const [name, request] of aggregateContainerRequests(pod)) {
    if (!resources.requests.has(name) && isSupportedPodLevelResource(name) && isOvercommitAllowed(name)) {
      resources.requests.set(name, request);
    }
  }
  for (const [name, limit] of resources.limits) {
    if (!resources.requests.has(name) && isSupportedPodLevelResource(name)) resources.requests.set(name, limit);
  }
}

/** Called with each app container's list and each init container's step list, as `ContainerFn` is. */
export type ContainerStepVisitor = (list: ResourceList, container: DecodedContainer) => void;

/**
 * `AggregateContainerRequests`/`AggregateContainerLimits`: app containers and
 * sidecars summed; each regular init container at its step (its own value plus
 * the sidecars started before it); the larger of the two per resource.
 */
function aggregate(pod: DecodedPod, pick: (c: DecodedContainer) => ResourceList, visit?: ContainerStepVisitor): ResourceList {
  const total: ResourceList = new Map();
  for (const container of pod.containers) {
    if (container.role !== 'app') continue;
    visit?.(pick(container), container);
    addInto(total, pick(container));
  }
  const sidecarsSoFar: ResourceList = new Map();
  const initMax: ResourceList = new Map();
  for (const container of pod.containers) {
    if (container.role === 'app') continue;
    let step: ResourceList;
    if (container.role === 'sidecar') {
      addInto(total, pick(container));
      addInto(sidecarsSoFar, pick(container));
      step = new Map(sidecarsSoFar);
    } else {
      step = new Map();
      addInto(step, pick(container));
      addInto(step, sidecarsSoFar);
    }
    visit?.(step, container);
    maxInto(initMax, step);
  }
  maxInto(total, initMax);
  return total;
}

export function aggregateContainerRequests(pod: DecodedPod, visit?: ContainerStepVisitor): ResourceList {
  return aggregate(pod, (c) => c.requests, visit);
}

export function aggregateContainerLimits(pod: DecodedPod, visit?: ContainerStepVisitor): ResourceList {
  return aggregate(pod, (c) => c.limits, visit);
}

/** `PodRequests`: the aggregate, pod-level requests replacing it, plus overhead. */
export function podRequests(pod: DecodedPod): ResourceList {
  const requests = aggregateContainerRequests(pod);
  if (podLevelRequestsSet(pod)) {
    for (const [name, quantity] of pod.podResources!.requests) {
      if (isSupportedPodLevelResource(name)) requests.set(name, quantity);
    }
  }
  if (pod.overhead) addInto(requests, pod.overhead);
  return requests;
}

/** `PodLimits`: the aggregate, pod-level limits replacing it, overhead added only to limits that exist. */
export function podLimits(pod: DecodedPod, visit?: ContainerStepVisitor): ResourceList {
  const limits = aggregateContainerLimits(pod, visit);
  if (podLevelResourcesSet(pod)) {
    for (const [name, quantity] of pod.podResources!.limits) {
      if (isSupportedPodLevelResource(name)) limits.set(name, quantity);
    }
  }
  if (pod.overhead) {
    for (const [name, quantity] of pod.overhead) {
      const limit = limits.get(name);
      if (limit && !limit.isZero()) limits.set(name, limit.add(quantity));
    }
  }
  return limits;
}

export interface QosDecision {
  qosClass: QosClass;
  /** Why, in words a person can check against the spec. */
  reasons: string[];
}

function positive(list: ResourceList, name: string): Quantity | null {
  const quantity = list.get(name);
  return quantity && quantity.sign() > 0 ? quantity : null;
}

/**
 * `ComputePodQOS`: only cpu and memory count, zero counts as unset, init
 * containers and sidecars count like app containers; with pod-level
 * resources (`spec.resources` present, even empty) only they decide.
 */
export function computeQos(pod: DecodedPod): QosDecision {
  const requests: ResourceList = new Map();
  const limits: ResourceList = new Map();
  let allHaveBothLimits = true;
  const reasons: string[] = [];
  const units: { label: string; requests: ResourceList; limits: ResourceList }[] = pod.podResources
    ? [{ label: 'the pod-level spec.resources', ...pod.podResources }]
    : pod.containers.map((c) => ({ label: `${c.role === 'app' ? 'container' : c.role === 'sidecar' ? 'sidecar' : 'init container'} ${c.name}`, requests: c.requests, limits: c.limits }));

  for (const unit of units) {
    for (const name of [CPU, MEMORY]) {
      const request = positive(unit.requests, name);
      if (request) requests.set(name, requests.has(name) ? requests.get(name)!.add(request) : request);
      const limit = positive(unit.limits, name);
      if (limit) limits.set(name, limits.has(name) ? limits.get(name)!.add(limit) : limit);
    }
    const missing = [CPU, MEMORY].filter((name) => !positive(unit.limits, name));
    // An empty limits map at pod level does not clear the flag: the check only runs when limits exist.
    const checksLimits = pod.podResources ? unit.limits.size > 0 : true;
    if (checksLimits && missing.length > 0) {
      allHaveBothLimits = false;
      reasons.push(`${unit.label} has no ${missing.join(' or ')} limit`);
    }
    for (const name of [CPU, MEMORY]) {
      const request = positive(unit.requests, name);
      const limit = positive(unit.limits, name);
      if (request && limit && request.cmp(limit) !== 0) {
        reasons.push(`${unit.label}: ${name} request ${request.toString()} ≠ limit ${limit.toString()}`);
      }
    }
  }

  if (requests.size === 0 && limits.size === 0) {
    return {
      qosClass: 'BestEffort',
      reasons: pod.podResources
        ? ['spec.resources is set but has no cpu or memory request or limit: only pod-level resources decide']
        : ['no container sets a cpu or memory request or limit'],
    };
  }
  let guaranteed = allHaveBothLimits;
  if (guaranteed) {
    for (const [name, request] of requests) {
      const limit = limits.get(name);
      if (!limit || limit.cmp(request) !== 0) guaranteed = false;
    }
  }
  if (guaranteed && requests.size === limits.size) {
    return {
      qosClass: 'Guaranteed',
      reasons: [
        pod.podResources
          ? 'spec.resources sets cpu and memory limits equal to its requests'
          : 'every container sets cpu and memory limits, and its requests equal them',
      ],
    };
  }
  return { qosClass: 'Burstable', reasons: reasons.length > 0 ? reasons : ['requests and limits are set but not equal everywhere'] };
}

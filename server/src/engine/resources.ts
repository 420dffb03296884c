import { type Quantity, defaultedQuantity } from './quantity';
import { type ContainerRole } from './model';

/**
 * The pod's resources after decoding: what the API server and kubelet see.
 * Everything here mirrors Kubernetes v1.36 with default feature gates
 * (PodLevelResources on); `docs/kubernetes/resources.md` names the sources.
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
  /** Set when a Pod's written `status.qosClass` decides the class: what the spec alone gives. */
  computed?: QosDecision;
}

type Requirements = { requests: ResourceList; limits: ResourceList };

const zeroQuantity = (list: ResourceList, name: string): Quantity | null => list.get(name) ?? null;

function equalQuantities(a: Quantity | null, b: Quantity | null): boolean {
  if (!a || !b) return (a === null || a.isZero()) && (b === null || b.isZero());
  return a.cmp(b) === 0;
}

/**
 * `resourceQOS`: one set of requirements on its own. Nothing at all is
 * BestEffort; for cpu and memory, request ≠ limit (a missing one is zero) is
 * Burstable, both zero is best-effort, equal and non-zero is guaranteed, and
 * a mix of the two is Burstable.
 */
function requirementsQos(requirements: Requirements): { qosClass: QosClass; why: string[] } {
  if (requirements.requests.size === 0 && requirements.limits.size === 0) return { qosClass: 'BestEffort', why: [] };
  let qosClass: QosClass | null = null;
  const why: string[] = [];
  for (const name of [CPU, MEMORY]) {
    const request = zeroQuantity(requirements.requests, name);
    const limit = zeroQuantity(requirements.limits, name);
    if (!equalQuantities(request, limit)) {
      const show = (q: Quantity | null) => (q && !q.isZero() ? q.toString() : 'none');
      return { qosClass: 'Burstable', why: [`${name} request ${show(request)} ≠ limit ${show(limit)}`] };
    }
    const bestEffort = (!request || request.isZero()) && (!limit || limit.isZero());
    why.push(bestEffort ? `no ${name}` : `${name} request = limit ${limit!.toString()}`);
    if (qosClass === null) qosClass = bestEffort ? 'BestEffort' : 'Guaranteed';
    else if (bestEffort !== (qosClass === 'BestEffort')) return { qosClass: 'Burstable', why: [`${why[0]} but ${why[1]}`] };
  }
  return { qosClass: qosClass ?? 'BestEffort', why };
}

/** The class one container's requests and limits would give a pod on their own (`resourceQOS`). */
export function containerQosClass(container: DecodedContainer): QosClass {
  return requirementsQos(container).qosClass;
}

/**
 * `ComputePodQOS`: with pod-level resources (`spec.resources` present, even
 * empty) only they decide; otherwise every container, init containers and
 * sidecars included, is classed on its own: any Burstable one makes the pod
 * Burstable, and so does a mix of Guaranteed and BestEffort ones.
 */
export function computeQos(pod: DecodedPod): QosDecision {
  if (pod.podResources) {
    const { qosClass, why } = requirementsQos(pod.podResources);
    const reasons =
      qosClass === 'BestEffort'
        ? ['spec.resources is set without cpu or memory values: only pod-level resources decide the class']
        : qosClass === 'Guaranteed'
          ? ['spec.resources sets cpu and memory limits equal to its requests (only pod-level resources decide the class)']
          : [`spec.resources: ${why.join('; ')} (only pod-level resources decide the class)`];
    return { qosClass, reasons };
  }
  const label = (c: DecodedContainer) => `${c.role === 'app' ? 'container' : c.role === 'sidecar' ? 'sidecar' : 'init container'} ${c.name}`;
  const classes = pod.containers.map((container) => ({ container, ...requirementsQos(container) }));
  const burstable = classes.filter((c) => c.qosClass === 'Burstable');
  if (burstable.length > 0) {
    return { qosClass: 'Burstable', reasons: burstable.map((c) => `${label(c.container)}: ${c.why.join('; ')}`) };
  }
  const guaranteed = classes.filter((c) => c.qosClass === 'Guaranteed');
  const bestEffort = classes.filter((c) => c.qosClass === 'BestEffort');
  if (guaranteed.length > 0 && bestEffort.length > 0) {
    return {
      qosClass: 'Burstable',
      reasons: [
        `${guaranteed.map((c) => label(c.container)).join(', ')} ${guaranteed.length === 1 ? 'is' : 'are'} Guaranteed but ` +
          `${bestEffort.map((c) => label(c.container)).join(', ')} ${bestEffort.length === 1 ? 'sets' : 'set'} no cpu or memory values`,
      ],
    };
  }
  if (guaranteed.length > 0) {
    return { qosClass: 'Guaranteed', reasons: ['every container sets cpu and memory limits, and its requests equal them'] };
  }
  return { qosClass: 'BestEffort', reasons: ['no container sets a cpu or memory request or limit'] };
}

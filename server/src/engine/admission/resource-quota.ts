import { Quantity } from '../quantity';
import { type DecodedPod, isHugePages, podLimits, podRequests, type QosClass, type ResourceList } from '../resources';
import { quantities, type ResourceQuotaObject, type ScopeRequirement } from './cluster';

/**
 * The ResourceQuota admission plugin for pods (plugin/pkg/admission/
 * resourcequota/controller.go, pkg/quota/v1/evaluator/core/pods.go): a quota
 * that matches the pod and tracks cpu or memory requires every container to
 * set them ("a mistake" upstream keeps for compatibility), and the pod's usage
 * is what it charges against `hard`.
 */

const podResources = new Set([
  'count/pods',
  'cpu',
  'memory',
  'ephemeral-storage',
  'requests.cpu',
  'requests.memory',
  'requests.ephemeral-storage',
  'limits.cpu',
  'limits.memory',
  'limits.ephemeral-storage',
  'pods',
]);

/** The resources a quota on cpu or memory requires every container to set. */
const validationSet = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** `helper.IsNativeResource`: no domain, or a `kubernetes.io/` one. */
function isNativeResource(name: string): boolean {
  return !name.includes('/') || name.includes('kubernetes.io/');
}

/** `MatchingResources`: the quota's resources the pod evaluator tracks. */
export function matchingResources(hard: readonly string[]): string[] {
  return hard.filter(
    (name) =>
      podResources.has(name) ||
      name.startsWith('hugepages-') ||
      name.startsWith('requests.hugepages-') ||
      (!isNativeResource(name) && name.startsWith('requests.')),
  );
}

/** `podComputeUsageHelper`: what a pod (or one container) is charged, by quota resource name. */
export function computeUsage(requests: ResourceList, limits: ResourceList): ResourceList {
  const usage: ResourceList = new Map([['pods', Quantity.fromValue(1n)]]);
  for (const name of ['cpu', 'memory', 'ephemeral-storage']) {
    const request = requests.get(name);
    if (request) {
      usage.set(name, request);
      usage.set(`requests.${name}`, request);
    }
    const limit = limits.get(name);
    if (limit) usage.set(`limits.${name}`, limit);
  }
  for (const [name, request] of requests) {
    if (isHugePages(name)) {
      usage.set(name, request);
      usage.set(`requests.${name}`, request);
    }
    // `IsExtendedResourceName`: outside the kubernetes.io domain and not itself a quota name.
    if (!isNativeResource(name) && !name.startsWith('requests.')) usage.set(`requests.${name}`, request);
  }
  return usage;
}

export interface PodFacts {
  qosClass: QosClass;
  /** `activeDeadlineSeconds >= 0`. */
  terminating: boolean;
  priorityClassName: string | null;
}

/** A scope the pod evaluator knows; null for one Pod Lens does not evaluate (the quota is then skipped, and a note says so). */
function scopeMatches(requirement: ScopeRequirement, pod: PodFacts): boolean | null {
  switch (requirement.scopeName) {
    case 'Terminating':
      return pod.terminating;
    case 'NotTerminating':
      return !pod.terminating;
    case 'BestEffort':
      return pod.qosClass === 'BestEffort';
    case 'NotBestEffort':
      return pod.qosClass !== 'BestEffort';
    case 'PriorityClass': {
      // A label selector on the single label `PriorityClass=<priorityClassName>`, absent without a name.
      const name = pod.priorityClassName || null;
      switch (requirement.operator) {
        case 'Exists':
          return name !== null;
        case 'DoesNotExist':
          return name === null;
        case 'In':
          return name !== null && requirement.values.includes(name);
        case 'NotIn':
          return name === null || !requirement.values.includes(name);
        default:
          return null;
      }
    }
    default:
      return null;
  }
}

export type QuotaMatch = { matches: true } | { matches: false } | { matches: 'unknown'; scope: string };

/** `generic.Matches`: the quota tracks something the pod uses, and every scope (`scopes` and `scopeSelector`) selects the pod. */
export function quotaMatches(quota: ResourceQuotaObject, pod: PodFacts): QuotaMatch {
  if (matchingResources(Object.keys(quota.hard)).length === 0) return { matches: false };
  const requirements: ScopeRequirement[] = [...quota.scopes.map((scopeName) => ({ scopeName, operator: 'Exists', values: [] })), ...quota.scopeSelector];
  for (const requirement of requirements) {
    const match = scopeMatches(requirement, pod);
    if (match === null) return { matches: 'unknown', scope: requirement.scopeName };
    if (!match) return { matches: false };
  }
  return { matches: true };
}

/**
 * `podEvaluator.Constraints`: the tracked cpu and memory resources each
 * container (app, then init) does not set, in the plugin's sentence
 * (`must specify limits.memory for: app; requests.cpu for: app,init`), or
 * null when every container sets them.
 */
export function missingRequired(quota: ResourceQuotaObject, pod: DecodedPod): { message: string; containers: number[] } | null {
  const required = matchingResources(Object.keys(quota.hard)).filter((name) => validationSet.has(name));
  const missing = new Map<string, Set<string>>();
  const containers: number[] = [];
  pod.containers.forEach((container, position) => {
    const set = computeUsage(container.requests, container.limits);
    let lacks = false;
    for (const name of required) {
      if (set.has(name)) continue;
      lacks = true;
      if (!missing.has(name)) missing.set(name, new Set());
      missing.get(name)!.add(container.name);
    }
    if (lacks) containers.push(position);
  });
  if (missing.size === 0) return null;
  const parts = [...missing.keys()].sort().map((name) => `${name} for: ${[...missing.get(name)!].sort().join(',')}`);
  return { message: `must specify ${parts.join('; ')}`, containers };
}

export interface QuotaHold {
  quota: string;
  namespace: string;
  /** How many such pods fit under `hard` in an otherwise empty namespace; null when nothing the pod uses is limited. */
  replicas: number | null;
  /** The resource that allows the fewest (the first in `hard` order on a tie). */
  limitedBy: string | null;
  /** Per tracked resource: hard, what one pod is charged, and how many pods that allows. */
  resources: { name: string; hard: string; perPod: string; pods: number | null }[];
}

/** Go's Value or MilliValue for the comparison of two amounts of one resource. */
function scaled(quantity: Quantity): bigint {
  return quantity.milliValue();
}

/** How many pods like this one the quota holds: for each tracked resource the pod is charged, floor(hard / usage); the smallest wins. */
export function quotaHold(quota: ResourceQuotaObject, pod: DecodedPod): QuotaHold {
  const usage = computeUsage(podRequests(pod), podLimits(pod));
  usage.set('count/pods', Quantity.fromValue(1n));
  const hard = quantities(quota.hard);
  const resources: QuotaHold['resources'] = [];
  let replicas: number | null = null;
  let limitedBy: string | null = null;
  for (const name of matchingResources([...hard.keys()])) {
    const limit = hard.get(name)!;
    const perPod = usage.get(name);
    if (!perPod) continue;
    const charged = scaled(perPod);
    const pods = charged <= 0n ? null : Number(scaled(limit) < 0n ? 0n : scaled(limit) / charged);
    resources.push({ name, hard: limit.toString(), perPod: perPod.toString(), pods });
    if (pods !== null && (replicas === null || pods < replicas)) {
      replicas = pods;
      limitedBy = name;
    }
  }
  return { quota: quota.name, namespace: quota.namespace, replicas, limitedBy, resources };
}

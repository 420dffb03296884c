import { CPU, type DecodedPod, MEMORY, type QosClass } from './resources';

export type EvictionRiskLevel = 'high' | 'medium' | 'low';

export interface EvictionRisk {
  risk: EvictionRiskLevel;
  reasons: string[];
  /** The pod's priority when a PriorityClass decides it (Priority admission): the second key of the order. */
  priority?: { value: number; from: string };
}

/** The priority a class gives, as the eviction order uses it. */
export interface ResolvedPriority {
  value: number;
  from: string;
}

const criticalPriorityClasses = new Set(['system-node-critical', 'system-cluster-critical']);

/**
 * A static reading of the kubelet's memory-pressure order
 * (`pkg/kubelet/eviction/helpers.go` rankMemoryPressure): pods whose usage
 * exceeds their memory request go first, then lower priority, then the
 * largest usage above request. What a spec fixes is whether usage *can*
 * exceed the request: with no memory request any usage does; with a limit
 * equal to the request it never can.
 */
export function evictionRisk(pod: DecodedPod, qos: QosClass, priority: ResolvedPriority | null = null): EvictionRisk {
  const risk = evictionRiskByRequests(pod, qos);
  if (!priority || risk.reasons[0]?.startsWith('priorityClassName ')) return priority ? { ...risk, priority } : risk;
  const reason =
    `priority ${priority.value} (${priority.from}): among pods that exceed their memory requests, ` +
    `the kubelet evicts lower priorities first, so this pod goes after those below ${priority.value} and before those above it`;
  return { ...risk, reasons: [...risk.reasons, reason], priority };
}

function evictionRiskByRequests(pod: DecodedPod, qos: QosClass): EvictionRisk {
  if (pod.priorityClassName && criticalPriorityClasses.has(pod.priorityClassName)) {
    return {
      risk: 'low',
      reasons: [`priorityClassName ${pod.priorityClassName}: the kubelet does not evict critical pods for node pressure`],
    };
  }
  const regular = pod.containers.filter((c) => c.role !== 'init');
  const withoutMemoryRequest = regular.filter((c) => !c.requests.get(MEMORY) || c.requests.get(MEMORY)!.isZero());
  const memoryUnbounded = regular.filter((c) => {
    const request = c.requests.get(MEMORY);
    const limit = c.limits.get(MEMORY);
    return !limit || limit.isZero() || !request || request.cmp(limit) < 0;
  });
  if (qos === 'BestEffort') {
    return {
      risk: 'high',
      reasons: ['BestEffort: no memory request, so any memory use exceeds the request; under memory pressure it is among the first pods evicted'],
    };
  }
  if (qos === 'Guaranteed') {
    return {
      risk: 'low',
      reasons: ['Guaranteed: memory use can never exceed the request (limit = request), so it is ranked after every pod that exceeds its request'],
    };
  }
  const podLevelMemory = pod.podResources?.requests.get(MEMORY);
  const podLevelMemoryLimit = pod.podResources?.limits.get(MEMORY);
  if (podLevelMemory && !podLevelMemory.isZero()) {
    if (podLevelMemoryLimit && podLevelMemoryLimit.cmp(podLevelMemory) === 0) {
      return { risk: 'low', reasons: ['pod-level memory limit equals the pod-level memory request: usage cannot exceed it'] };
    }
    return {
      risk: 'medium',
      reasons: ['the pod can use more memory than its pod-level request; above it, it is evicted before pods within their requests'],
    };
  }
  if (withoutMemoryRequest.length > 0) {
    return {
      risk: 'high',
      reasons: [
        `${withoutMemoryRequest.map((c) => c.name).join(', ')} ${withoutMemoryRequest.length === 1 ? 'has' : 'have'} no memory request: ` +
          'the pod easily exceeds its memory request and is then evicted before pods within theirs',
      ],
    };
  }
  if (memoryUnbounded.length > 0) {
    return {
      risk: 'medium',
      reasons: [
        `${memoryUnbounded.map((c) => c.name).join(', ')} may use more memory than requested (no memory limit, or a limit above the request); ` +
          'above its request the pod is evicted before pods within theirs, the largest excess first',
      ],
    };
  }
  const cpuOnly = regular.some((c) => {
    const request = c.requests.get(CPU);
    const limit = c.limits.get(CPU);
    return !request || !limit || request.cmp(limit) !== 0;
  });
  return {
    risk: 'low',
    reasons: [
      cpuOnly
        ? 'Burstable only for CPU: memory limits equal memory requests, so memory use never exceeds the request'
        : 'memory limits equal memory requests: memory use never exceeds the request',
    ],
  };
}

import { Quantity } from './quantity';
import { ContainerSpec, PodSpecModel, ResourceListSpec } from './podspec';
import {
  applyApiDefaults,
  computeQos,
  DecodedContainer,
  DecodedPod,
  MEMORY,
  CPU,
  QosDecision,
  ResourceList,
} from './resources';
import { ContainerCgroup, containerCgroup, PodCgroup, podCgroup, PodTotals, podTotals } from './cgroups';
import { EvictionRisk, evictionRisk } from './eviction';

/** The numbers Kubernetes computes for one valid pod spec. */
export interface PodAnalysis {
  /** The pod after API defaulting. */
  pod: DecodedPod;
  qos: QosDecision;
  totals: PodTotals;
  podCgroup: PodCgroup;
  containers: ContainerAnalysis[];
  eviction: EvictionRisk;
}

export interface ContainerAnalysis {
  spec: ContainerSpec;
  /** Requests and limits after defaulting (a limit with no request becomes the request). */
  resources: DecodedContainer;
  cgroup: ContainerCgroup;
}

function decodedList(list: ResourceListSpec | null | undefined): ResourceList {
  const result: ResourceList = new Map();
  if (!list) return result;
  for (const [name, entry] of list.byName) {
    if (entry.decoded instanceof Quantity) result.set(name, entry.decoded);
  }
  return result;
}

/** The pod as the API server decodes it (quantities that do not decode are left out: such a pod is invalid anyway). */
export function decodePod(model: PodSpecModel): DecodedPod {
  // A `resources:` key whose value is null decodes to nil, like an absent one.
  const podResources = model.podResources && !model.podResources.valueIsNull
    ? { requests: decodedList(model.podResources.requests), limits: decodedList(model.podResources.limits) }
    : null;
  return {
    containers: model.containers.map((container, position) => ({
      name: container.name ?? `#${position}`,
      role: container.role,
      requests: decodedList(container.resources?.requests),
      limits: decodedList(container.resources?.limits),
    })),
    podResources,
    overhead: model.overhead ? decodedList(model.overhead) : null,
    priorityClassName: model.priorityClassName,
  };
}

export function analyzePod(model: PodSpecModel, memoryCapacity: bigint): PodAnalysis {
  const pod = applyApiDefaults(decodePod(model));
  const qos = computeQos(pod);
  const totals = podTotals(pod);
  const containers = model.containers.map((spec, position) => {
    const resources = pod.containers[position];
    return { spec, resources, cgroup: containerCgroup(pod, resources, qos.qosClass, memoryCapacity) };
  });
  return {
    pod,
    qos,
    totals,
    podCgroup: podCgroup(pod, qos.qosClass, totals),
    containers,
    eviction: evictionRisk(pod, qos.qosClass),
  };
}

export function cpuMilli(list: ResourceList): bigint | null {
  return list.get(CPU)?.milliValue() ?? null;
}

export function memoryBytes(list: ResourceList): bigint | null {
  return list.get(MEMORY)?.value() ?? null;
}

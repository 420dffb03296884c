import { Quantity } from './quantity';
import { type ContainerSpec, type PodSpecModel, type ResourceListSpec } from './model';
import {
  applyApiDefaults,
  computeQos,
  type DecodedContainer,
  type DecodedPod,
  MEMORY,
  CPU,
  type QosClass,
  type QosDecision,
  type ResourceList,
} from './resources';
import { type ContainerCgroup, containerCgroup, type PodCgroup, podCgroup, type PodTotals, podTotals } from './cgroups';
import { type EvictionRisk, evictionRisk } from './eviction';
import { type Admission } from './admission';

/** The numbers Kubernetes computes for one valid pod spec. */
export interface PodAnalysis {
  /** The pod after API defaulting. */
  pod: DecodedPod;
  qos: QosDecision;
  totals: PodTotals;
  podCgroup: PodCgroup;
  containers: ContainerAnalysis[];
  eviction: EvictionRisk;
  /** What the admission plugins did with the pod, when the inputs hold objects they read. */
  admission: Admission | null;
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
  const podResources =
    model.podResources && !model.podResources.valueIsNull
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
    priorityClassName: model.priorityClassName.value ?? null,
  };
}

const qosClasses: readonly string[] = ['Guaranteed', 'Burstable', 'BestEffort'];

/** A written `status.qosClass` that names a QoS class; "" and other values leave the class computed. */
export function statusQosClass(model: PodSpecModel): QosClass | null {
  const written = model.statusQosClass?.value;
  return written !== undefined && qosClasses.includes(written) ? (written as QosClass) : null;
}

/**
 * The class the API server stores and the kubelet uses (`GetPodQOS`): a
 * Pod's written `status.qosClass` if it names a class, else the computed one.
 */
export function effectiveQos(model: PodSpecModel, computed: QosDecision): QosDecision {
  const forced = statusQosClass(model);
  if (!forced) return computed;
  const reasons = [
    `status.qosClass is ${forced}: the API server keeps a status.qosClass written at creation, and the kubelet uses it for the pod cgroup and OOM scores`,
  ];
  if (forced !== computed.qosClass) reasons.push(`the spec alone makes it ${computed.qosClass}: ${computed.reasons.join('; ')}`);
  return { qosClass: forced, reasons, computed };
}

/** Per model: the requirement rules, admission and the numbers all start from it. */
const defaultedPods = new WeakMap<PodSpecModel, DecodedPod>();

/** The pod as the API server stores it before admission: decoded, then defaulted. Shared: never modify it. */
export function defaultedPod(model: PodSpecModel): DecodedPod {
  let pod = defaultedPods.get(model);
  if (!pod) defaultedPods.set(model, (pod = applyApiDefaults(decodePod(model))));
  return pod;
}

/** `admission`: the admitted pod (`admitPod`), made from `defaultedPod(model)`; every number is then the admitted pod's. */
export function analyzePod(model: PodSpecModel, memoryCapacity: bigint, admission: Admission | null = null): PodAnalysis {
  const pod = admission?.pod ?? defaultedPod(model);
  const computed = computeQos(pod);
  const qos = effectiveQos(model, computed);
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
    // The kubelet ranks pods for eviction by usage, requests and priority, not by class: the spec decides.
    eviction: evictionRisk(pod, computed.qosClass, admission?.priority ?? null),
    admission,
  };
}

export function cpuMilli(list: ResourceList): bigint | null {
  return list.get(CPU)?.milliValue() ?? null;
}

export function memoryBytes(list: ResourceList): bigint | null {
  return list.get(MEMORY)?.value() ?? null;
}

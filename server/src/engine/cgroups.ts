import { Quantity } from './quantity';
import {
  aggregateContainerRequests,
  CPU,
  type DecodedContainer,
  type DecodedPod,
  HUGEPAGES_PREFIX,
  MEMORY,
  podLevelLimitsSet,
  podLevelRequestsSet,
  podLevelResourcesSet,
  podLimits,
  podRequests,
  type QosClass,
  type ResourceList,
} from './resources';

/**
 * What the kubelet (pod cgroup) and the runtime (container cgroups) write,
 * from `pkg/kubelet/cm/helpers_linux.go`, `kuberuntime_container_linux.go`,
 * `cgroup_manager_linux.go` and opencontainers/cgroups. Arithmetic is done in
 * int64 as in Go (BigInt wrapped to 64 bits), so that even absurd values give
 * what the kubelet would compute.
 */

export const MIN_SHARES = 2n;
export const MAX_SHARES = 262144n;
const SHARES_PER_CPU = 1024n;
const MILLI_CPU_TO_CPU = 1000n;
export const QUOTA_PERIOD_US = 100000n;
const MIN_QUOTA_PERIOD_US = 1000n;

const int64 = (value: bigint): bigint => BigInt.asIntN(64, value);

export function milliCpuToShares(milliCpu: bigint): bigint {
  if (milliCpu === 0n) return MIN_SHARES;
  const shares = int64(int64(milliCpu * SHARES_PER_CPU) / MILLI_CPU_TO_CPU);
  if (shares < MIN_SHARES) return MIN_SHARES;
  if (shares > MAX_SHARES) return MAX_SHARES;
  return shares;
}

/** CFS quota in µs per 100 ms period; 0 means no quota. At least 1 ms when set. */
export function milliCpuToQuota(milliCpu: bigint, period: bigint = QUOTA_PERIOD_US): bigint {
  if (milliCpu === 0n) return 0n;
  const quota = int64(int64(milliCpu * period) / MILLI_CPU_TO_CPU);
  return quota < MIN_QUOTA_PERIOD_US ? MIN_QUOTA_PERIOD_US : quota;
}

/**
 * cgroup v2 `cpu.weight` of a container: the runtime's conversion
 * (opencontainers/cgroups `ConvertCPUSharesToCgroupV2Value`, runc ≥ 1.3.2,
 * crun ≥ 1.23). Float math as in Go; the only exact power of ten in range
 * (1024 shares → 100) is exact in both.
 */
export function sharesToWeightRuntime(shares: bigint): bigint {
  if (shares === 0n) return 0n;
  if (shares <= 2n) return 1n;
  if (shares >= 262144n) return 10000n;
  const l = Math.log2(Number(shares));
  const exponent = (l * l + 125 * l) / 612.0 - 7.0 / 34.0;
  return BigInt(Math.ceil(Math.pow(10, exponent)));
}

/** The linear conversion: the kubelet's own for pod and QoS cgroups, and older runtimes' for containers. */
export function sharesToWeightLinear(shares: bigint): bigint {
  if (shares >= 262144n) return 10000n;
  return 1n + ((shares - 2n) * 9999n) / 262142n;
}

export interface ContainerCgroup {
  cpuShares: bigint;
  cpuWeight: bigint;
  /** What runtimes older than runc 1.3.2 / crun 1.23 write. */
  cpuWeightLegacy: bigint;
  /** null: no quota (`cpu.max` = `max`). */
  cpuQuotaUs: bigint | null;
  cpuPeriodUs: bigint;
  /** null: unlimited (`memory.max` = `max`). */
  memoryLimitBytes: bigint | null;
  oomScoreAdj: number;
}

export interface PodCgroup {
  parent: string;
  cpuShares: bigint;
  cpuWeight: bigint;
  cpuQuotaUs: bigint | null;
  cpuPeriodUs: bigint;
  memoryLimitBytes: bigint | null;
  /** hugetlb limits by page size name (`2Mi`), in bytes. */
  hugePageLimits: Map<string, bigint>;
}

const zero = (quantity: Quantity | undefined): boolean => !quantity || quantity.isZero();

/** `getCPULimit`/`getMemoryLimit`: a container without its own limit gets the pod-level one. */
function effectiveContainerLimit(pod: DecodedPod, container: DecodedContainer, name: string): Quantity | undefined {
  const own = container.limits.get(name);
  if (zero(own) && podLevelLimitsSet(pod)) {
    const podLimit = pod.podResources!.limits.get(name);
    if (podLimit) return podLimit;
  }
  return own;
}

export function containerCgroup(pod: DecodedPod, container: DecodedContainer, qos: QosClass, memoryCapacity: bigint): ContainerCgroup {
  const cpuLimit = effectiveContainerLimit(pod, container, CPU);
  const memoryLimit = effectiveContainerLimit(pod, container, MEMORY);
  const cpuRequest = container.requests.get(CPU);
  // With no request key the kubelet derives shares from the limit (which may be the pod's).
  const cpuShares = cpuRequest === undefined ? milliCpuToShares(cpuLimit?.milliValue() ?? 0n) : milliCpuToShares(cpuRequest.milliValue());
  const quota = milliCpuToQuota(cpuLimit?.milliValue() ?? 0n);
  const memory = memoryLimit?.value() ?? 0n;
  return {
    cpuShares,
    cpuWeight: sharesToWeightRuntime(cpuShares),
    cpuWeightLegacy: sharesToWeightLinear(cpuShares),
    cpuQuotaUs: quota === 0n ? null : quota,
    cpuPeriodUs: QUOTA_PERIOD_US,
    memoryLimitBytes: memory === 0n ? null : memory,
    oomScoreAdj: oomScoreAdj(pod, container, qos, memoryCapacity),
  };
}

export interface PodTotals {
  requests: ResourceList;
  limits: ResourceList;
  cpuLimitsDeclared: boolean;
  memoryLimitsDeclared: boolean;
}

/**
 * `PodRequests`/`PodLimits` as `ResourceConfigForPod` sees them: a limit is
 * "declared" only if every app container and every init step has it, or the
 * pod-level limit is set; otherwise the pod cgroup gets no quota / no memory.max.
 */
export function podTotals(pod: DecodedPod): PodTotals {
  let cpuLimitsDeclared = true;
  let memoryLimitsDeclared = true;
  const limits = podLimits(pod, (list) => {
    if (zero(list.get(CPU))) cpuLimitsDeclared = false;
    if (zero(list.get(MEMORY))) memoryLimitsDeclared = false;
  });
  if (podLevelResourcesSet(pod)) {
    if (!zero(pod.podResources!.limits.get(CPU))) cpuLimitsDeclared = true;
    if (!zero(pod.podResources!.limits.get(MEMORY))) memoryLimitsDeclared = true;
  }
  return { requests: podRequests(pod), limits, cpuLimitsDeclared, memoryLimitsDeclared };
}

export function qosCgroupParent(qos: QosClass): string {
  return qos === 'Guaranteed' ? 'kubepods' : qos === 'Burstable' ? 'kubepods/burstable' : 'kubepods/besteffort';
}

/** The pod cgroup's full path for both drivers (`ToSystemd` escapes `-` in each part as `_`). */
export function podCgroupPaths(qos: QosClass, podUid: string): { cgroupfs: string; systemd: string } {
  const parts = qos === 'Guaranteed' ? ['kubepods', `pod${podUid}`] : ['kubepods', qos.toLowerCase(), `pod${podUid}`];
  const cgroupfs = '/' + parts.join('/');
  const escaped = parts.map((part) => part.replace(/-/g, '_'));
  const slices: string[] = [];
  for (let i = 1; i <= escaped.length; i++) slices.push(escaped.slice(0, i).join('-') + '.slice');
  return { cgroupfs, systemd: '/' + slices.join('/') };
}

function hugePageSizeBytes(name: string): bigint | null {
  try {
    return Quantity.parse(name.slice(HUGEPAGES_PREFIX.length)).value();
  } catch {
    return null;
  }
}

export function podCgroup(pod: DecodedPod, qos: QosClass, totals: PodTotals = podTotals(pod)): PodCgroup {
  const cpuRequestMilli = totals.requests.get(CPU)?.milliValue() ?? 0n;
  const cpuLimitMilli = totals.limits.get(CPU)?.milliValue() ?? 0n;
  const memoryLimit = totals.limits.get(MEMORY)?.value() ?? 0n;
  const shares = qos === 'BestEffort' ? MIN_SHARES : milliCpuToShares(cpuRequestMilli);
  const quota = milliCpuToQuota(cpuLimitMilli);
  const setQuota = qos === 'Guaranteed' || (qos === 'Burstable' && totals.cpuLimitsDeclared);
  const setMemory = qos === 'Guaranteed' || (qos === 'Burstable' && totals.memoryLimitsDeclared);
  const hugePageLimits = new Map<string, bigint>();
  for (const [name, quantity] of totals.requests) {
    if (!name.startsWith(HUGEPAGES_PREFIX) || hugePageSizeBytes(name) === null) continue;
    hugePageLimits.set(name.slice(HUGEPAGES_PREFIX.length), quantity.value());
  }
  return {
    parent: qosCgroupParent(qos),
    cpuShares: shares,
    cpuWeight: sharesToWeightLinear(shares),
    cpuQuotaUs: setQuota && quota !== 0n ? quota : null,
    cpuPeriodUs: QUOTA_PERIOD_US,
    memoryLimitBytes: setMemory && memoryLimit !== 0n ? memoryLimit : null,
    hugePageLimits,
  };
}

const GUARANTEED_OOM_SCORE_ADJ = -997;
const BEST_EFFORT_OOM_SCORE_ADJ = 1000;

/** `IsNodeCriticalPod`: priority admission gives `system-node-critical` its critical priority. */
export function isNodeCritical(pod: DecodedPod): boolean {
  return pod.priorityClassName === 'system-node-critical';
}

/** `GetContainerOOMScoreAdjust` (pkg/kubelet/qos/policy.go, v1.33–v1.36). */
export function oomScoreAdj(pod: DecodedPod, container: DecodedContainer, qos: QosClass, memoryCapacity: bigint): number {
  if (isNodeCritical(pod) || qos === 'Guaranteed') return GUARANTEED_OOM_SCORE_ADJ;
  if (qos === 'BestEffort') return BEST_EFFORT_OOM_SCORE_ADJ;
  if (memoryCapacity <= 0n) return 999;
  // Pod-level requests spread what the containers do not request evenly over all of them.
  let remainder = 0n;
  // (`remainingPodMemReqPerContainer`: nothing to spread when the pod-level memory request is zero or absent.)
  const podMemory = pod.podResources?.requests.get(MEMORY);
  if (podLevelRequestsSet(pod) && podMemory && !podMemory.isZero()) {
    const containersMemory = aggregateContainerRequests(pod).get(MEMORY)?.value() ?? 0n;
    remainder = int64(podMemory.value() - containersMemory) / BigInt(pod.containers.length);
  }
  const memoryRequest = (c: DecodedContainer) => (c.requests.get(MEMORY)?.value() ?? 0n) + remainder;
  const score = (request: bigint) => 1000n - int64(1000n * request) / memoryCapacity;
  let adj = score(memoryRequest(container));
  if (container.role === 'sidecar') {
    // A sidecar must not outlive the app containers it serves in an OOM.
    const apps = pod.containers.filter((c) => c.role === 'app');
    if (apps.length > 0) {
      const smallest = apps.map(memoryRequest).reduce((a, b) => (b < a ? b : a));
      const appAdj = score(smallest);
      if (adj > appAdj) adj = appAdj;
    }
  }
  if (adj < BigInt(1000 + GUARANTEED_OOM_SCORE_ADJ)) return 1000 + GUARANTEED_OOM_SCORE_ADJ;
  if (adj === 1000n) return 999;
  return Number(adj);
}

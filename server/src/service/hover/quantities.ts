import { type ObjectDetail } from '../../engine/analyze';
import { type ContainerAnalysis, type PodAnalysis } from '../../engine/analysis';
import { type ContainerSpec, type QuantityEntry } from '../../engine/model';
import { Quantity } from '../../engine/quantity';
import { CPU, HUGEPAGES_PREFIX, MEMORY } from '../../engine/resources';
import { backoffSchedule } from '../lifecycle';
import { code, coresPhrase, cpu, docs, joinSections, link, memory, plural, table } from '../markdown';
import { type ServiceSettings } from '../settings';
import { capitalized, containerLabel, entry, nodeWords } from './labels';

/** Hovers on a quantity: what the kubelet and the kernel make of a CPU or memory request or limit, pod-level values, overhead and huge pages. */

export function containerAnalysis(analysis: PodAnalysis, container: ContainerSpec): ContainerAnalysis | null {
  return analysis.containers.find((c) => c.spec === container) ?? null;
}

export function quantityHover(
  object: ObjectDetail,
  analysis: PodAnalysis,
  container: ContainerSpec | null,
  list: 'requests' | 'limits' | 'overhead',
  entry: QuantityEntry,
  settings: ServiceSettings,
): string | null {
  if (!(entry.decoded instanceof Quantity)) return null;
  const resource = entry.resource;
  const owned = container ? containerAnalysis(analysis, container) : null;
  if (list === 'overhead') return overheadHover(resource, entry.decoded);
  if (resource.startsWith(HUGEPAGES_PREFIX)) return hugePagesHover(analysis, resource, entry.decoded);
  if (resource === CPU) {
    if (container && owned) return list === 'requests' ? cpuRequestHover(owned, entry.decoded, settings) : cpuLimitHover(owned, entry.decoded);
    return list === 'requests' ? podCpuRequestHover(analysis, entry.decoded) : podCpuLimitHover(analysis, entry.decoded);
  }
  if (resource === MEMORY) {
    if (container && owned) {
      return list === 'requests' ? memoryRequestHover(analysis, owned, entry.decoded, settings) : memoryLimitHover(object, owned, entry.decoded);
    }
    return list === 'requests' ? podMemoryRequestHover(entry.decoded) : podMemoryLimitHover(analysis, entry.decoded);
  }
  return null;
}

function weightCell(shares: bigint, runtimeWeight: bigint, legacyWeight: bigint): string {
  return runtimeWeight === legacyWeight
    ? `${runtimeWeight}`
    : `${runtimeWeight} (runc ≥ 1.3.2, crun ≥ 1.23) · ${legacyWeight} on older runtimes (linear: 1 + (${shares} − 2) × 9999 / 262142)`;
}

function cpuRequestHover(owned: ContainerAnalysis, quantity: Quantity, settings: ServiceSettings): string {
  const milli = quantity.milliValue();
  const { cgroup } = owned;
  const who = containerLabel(owned.spec);
  const share = settings.node.cpuMilli > 0n ? Number((milli * 10000n) / settings.node.cpuMilli) / 100 : null;
  const onNode = nodeWords(settings, `${cpu(settings.node.cpuMilli)}-CPU`, { cpu: true });
  const shareText = share !== null ? ` (${share}% of ${onNode.node}${onNode.howToSet ? `; ${onNode.howToSet}` : ''})` : '';
  return joinSections([
    `**CPU request ${code(entry(quantity))}** = ${coresPhrase(milli)}${shareText}`,
    table(
      ['cgroup', 'value'],
      [
        ['v1 `cpu.shares`', `${cgroup.cpuShares}${milli === 0n ? ' (the minimum: a 0 request gets 2)' : ''}`],
        ['v2 `cpu.weight`', weightCell(cgroup.cpuShares, cgroup.cpuWeight, cgroup.cpuWeightLegacy)],
      ],
    ),
    `Under contention, ${who} gets CPU time in proportion to its weight against the other busy cgroups; ` +
      `an idle CPU is free for it to use beyond the request${cgroup.cpuQuotaUs !== null ? ', up to its limit' : ''}.`,
    `The scheduler reserves ${code(cpu(milli))} on the node for it: the pod goes only where that much CPU is still unrequested.`,
    link('Kubernetes: resource management for pods and containers', docs.resources),
  ]);
}

function cpuMaxSentence(quotaUs: bigint, periodUs: bigint): string {
  const ms = Number(quotaUs) / 1000;
  const periodMs = Number(periodUs) / 1000;
  return `at most ${ms} ms of CPU time every ${periodMs} ms, summed over all its threads`;
}

function cpuLimitHover(owned: ContainerAnalysis, quantity: Quantity): string {
  const milli = quantity.milliValue();
  const { cgroup } = owned;
  const quota = cgroup.cpuQuotaUs;
  const period = cgroup.cpuPeriodUs;
  if (quota === null) {
    return joinSections([
      `**CPU limit ${code(entry(quantity))}**: no CPU quota (\`cpu.max\` = \`max ${period}\`)`,
      'A zero limit means no limit: the container may use any idle CPU.',
      link('Kubernetes: how pods with resource limits are run', docs.cpuLimits),
    ]);
  }
  const minimum = milli > 0n && milli < 10n;
  return joinSections([
    `**CPU limit ${code(entry(quantity))}** = ${coresPhrase(milli)}: \`${quota} µs per ${period} µs\``,
    table(
      ['cgroup', 'value'],
      [
        ['v2 `cpu.max`', code(`${quota} ${period}`)],
        ['v1 `cpu.cfs_quota_us` / `cpu.cfs_period_us`', `${quota} / ${period}`],
      ],
    ),
    `${capitalized(containerLabel(owned.spec))} may run ${cpuMaxSentence(quota, period)}. When it has used its quota it is **throttled** until the next period: CPU limits slow a container down, they never kill it.`,
    minimum ? `The CFS quota has a 1 ms minimum: ${code(entry(quantity))} is written as 1000 µs, exactly what ${code('10m')} gives.` : null,
    link('Kubernetes: how pods with resource limits are run', docs.cpuLimits),
  ]);
}

function podCpuRequestHover(analysis: PodAnalysis, quantity: Quantity): string {
  const pod = analysis.podCgroup;
  return joinSections([
    `**Pod-level CPU request ${code(entry(quantity))}** = ${coresPhrase(quantity.milliValue())}`,
    table(
      ['pod cgroup', 'value'],
      [
        ['v1 `cpu.shares`', `${pod.cpuShares}`],
        ['v2 `cpu.weight`', `${pod.cpuWeight} (the kubelet's linear conversion)`],
      ],
    ),
    "It replaces the sum of the containers' CPU requests for scheduling and for the pod cgroup; the scheduler reserves it on the node.",
    link('Kubernetes: assign pod-level CPU and memory resources', docs.podLevelResources),
  ]);
}

function podCpuLimitHover(analysis: PodAnalysis, quantity: Quantity): string {
  const pod = analysis.podCgroup;
  return joinSections([
    `**Pod-level CPU limit ${code(entry(quantity))}**${pod.cpuQuotaUs !== null ? `: \`${pod.cpuQuotaUs} µs per ${pod.cpuPeriodUs} µs\`` : ''}`,
    pod.cpuQuotaUs !== null
      ? `The pod cgroup's \`cpu.max\` = ${code(`${pod.cpuQuotaUs} ${pod.cpuPeriodUs}`)}: all its containers together may run ${cpuMaxSentence(pod.cpuQuotaUs, pod.cpuPeriodUs)}; beyond that they are throttled, never killed. A container with no CPU limit of its own gets this quota too.`
      : null,
    link('Kubernetes: assign pod-level CPU and memory resources', docs.podLevelResources),
  ]);
}

export function restartAfterOom(object: ObjectDetail, container: ContainerSpec): string {
  const policy = object.model?.restartPolicy ?? 'Always';
  const schedule = backoffSchedule(6).join(', ');
  const backoff = `after ${schedule} … s of back-off if it keeps dying`;
  if (container.role === 'sidecar') return `As a sidecar it is restarted whatever the pod's restartPolicy, ${backoff}.`;
  if (container.role === 'init') {
    return policy === 'Never'
      ? `restartPolicy ${code('Never')}: a failed init container fails the pod.`
      : `restartPolicy ${code(policy)}: the init container is run again, ${backoff}; the app containers wait.`;
  }
  return policy === 'Never'
    ? `restartPolicy ${code('Never')}: it stays terminated; when no container is left running the pod is Failed.`
    : `restartPolicy ${code(policy)}: it is restarted, ${backoff}.`;
}

function memoryLimitHover(object: ObjectDetail, owned: ContainerAnalysis, quantity: Quantity): string {
  const bytes = owned.cgroup.memoryLimitBytes;
  if (bytes === null) {
    return joinSections([
      `**Memory limit ${code(entry(quantity))}**: no limit (\`memory.max\` = \`max\`)`,
      "A zero limit means no limit: only the node's memory bounds the container.",
      link('Kubernetes: resource management for pods and containers', docs.resources),
    ]);
  }
  return joinSections([
    `**Memory limit ${code(entry(quantity))}** = ${bytes} bytes: \`memory.max\` = ${code(bytes)}`,
    `If ${containerLabel(owned.spec)} uses more (memory the kernel cannot reclaim), the kernel's OOM killer ends it — ` +
      'every process in it, as `memory.oom.group` = 1 — and the container exits with code **137**, reason `OOMKilled`. ' +
      restartAfterOom(object, owned.spec),
    link("Kubernetes: exceeding a container's memory limit", docs.resources),
  ]);
}

function oomExplanation(analysis: PodAnalysis, owned: ContainerAnalysis, settings: ServiceSettings): string {
  const adj = owned.cgroup.oomScoreAdj;
  const capacity = settings.node.memoryBytes;
  const words = nodeWords(settings, memory(capacity), { memory: true });
  const onNode = `on ${words.node}${words.howToSet ? ` (${words.howToSet})` : ''}`;
  const qos = analysis.qos.qosClass;
  if (analysis.pod.priorityClassName === 'system-node-critical') return `\`oom_score_adj\` = **${adj}** ${onNode}: node-critical pods get -997.`;
  if (qos === 'Guaranteed') return `\`oom_score_adj\` = **${adj}** ${onNode}: every container of a Guaranteed pod gets -997, the last the kernel picks.`;
  if (qos === 'BestEffort') return `\`oom_score_adj\` = **${adj}**: BestEffort pods are the first the kernel picks.`;
  const request = owned.resources.requests.get(MEMORY)?.value() ?? 0n;
  const simple = 1000n - (1000n * request) / capacity;
  const formula = `1000 − 1000 × ${request} / ${capacity}`;
  if (BigInt(adj) === simple)
    return `\`oom_score_adj\` = **${adj}** ${onNode}: ${formula}, rounded down (Burstable: the larger the request, the lower the score).`;
  const clamped = simple < 3n ? ' clamped to at least 3' : simple >= 1000n ? ' capped at 999' : '';
  const sidecar = owned.spec.role === 'sidecar' ? ' a sidecar never scores above the smallest app container;' : '';
  const podLevel = analysis.pod.podResources?.requests.get(MEMORY) ? ' the pod-level memory request is shared out evenly among the containers;' : '';
  return `\`oom_score_adj\` = **${adj}** ${onNode}: ${formula}${clamped};${sidecar}${podLevel} (Burstable).`;
}

function memoryRequestHover(analysis: PodAnalysis, owned: ContainerAnalysis, quantity: Quantity, settings: ServiceSettings): string {
  const bytes = quantity.value();
  const limit = owned.resources.limits.get(MEMORY);
  const canExceed = !limit || limit.isZero() || limit.cmp(quantity) > 0;
  return joinSections([
    `**Memory request ${code(entry(quantity))}** = ${bytes} bytes`,
    `- **Scheduling**: the scheduler reserves ${code(memory(bytes))} on the node for ${containerLabel(owned.spec)}.\n` +
      `- **Eviction**: under node memory pressure the kubelet evicts first the pods whose usage is above their requests, then by priority, then by how far above. ` +
      (canExceed ? 'Usage above this request puts the pod in that first group' : 'The limit equals the request, so usage can never exceed it') +
      ` (eviction risk: **${analysis.eviction.risk}**).\n` +
      `- **OOM score**: ${oomExplanation(analysis, owned, settings)}`,
    link('Kubernetes: node-pressure eviction', docs.eviction),
  ]);
}

function podMemoryRequestHover(quantity: Quantity): string {
  return joinSections([
    `**Pod-level memory request ${code(entry(quantity))}** = ${quantity.value()} bytes`,
    "It replaces the sum of the containers' memory requests for scheduling and eviction ranking; what the containers do not request themselves is shared out evenly among them for their OOM scores.",
    link('Kubernetes: assign pod-level CPU and memory resources', docs.podLevelResources),
  ]);
}

function podMemoryLimitHover(analysis: PodAnalysis, quantity: Quantity): string {
  const bytes = analysis.podCgroup.memoryLimitBytes;
  return joinSections([
    `**Pod-level memory limit ${code(entry(quantity))}** = ${quantity.value()} bytes${bytes !== null ? `: pod cgroup \`memory.max\` = ${code(bytes)}` : ''}`,
    "All containers together may not use more; the kernel OOM-kills in the pod's cgroup when they do (exit 137, `OOMKilled`). A container with no memory limit of its own gets this one.",
    link('Kubernetes: assign pod-level CPU and memory resources', docs.podLevelResources),
  ]);
}

function overheadHover(resource: string, quantity: Quantity): string {
  const shown = resource === CPU ? cpu(quantity.milliValue()) : resource === MEMORY ? memory(quantity.value()) : entry(quantity);
  return joinSections([
    `**Pod overhead ${code(resource)} ${code(shown)}**`,
    "What the RuntimeClass's sandbox costs: added to the pod's requests for scheduling, and to its limits where the pod has one.",
    link('Kubernetes: pod overhead', docs.overhead),
  ]);
}

function kernelPageSize(bytes: bigint): string {
  if (bytes % (1n << 30n) === 0n) return `${bytes >> 30n}GB`;
  if (bytes % (1n << 20n) === 0n) return `${bytes >> 20n}MB`;
  if (bytes % (1n << 10n) === 0n) return `${bytes >> 10n}KB`;
  return `${bytes}B`;
}

function hugePagesHover(analysis: PodAnalysis, resource: string, quantity: Quantity): string | null {
  const size = resource.slice(HUGEPAGES_PREFIX.length);
  const pageBytes = Quantity.tryParse(size);
  if (!(pageBytes instanceof Quantity) || pageBytes.value() <= 0n) return null;
  const page = pageBytes.value();
  const bytes = quantity.value();
  const podLimit = analysis.podCgroup.hugePageLimits.get(size);
  const file = kernelPageSize(page);
  return joinSections([
    `**${code(resource)} ${code(entry(quantity))}** = ${bytes} bytes = ${plural(bytes / page, 'page', 'pages')} of ${size}`,
    podLimit !== undefined
      ? `The pod cgroup's hugetlb limit: \`hugetlb.${file}.max\` = ${code(podLimit)} (cgroup v1: \`hugetlb.${file}.limit_in_bytes\`), the pod's total for this page size.`
      : null,
    'Huge pages are never overcommitted: the request must equal the limit, the node must have them pre-allocated, and using more fails the allocation (SIGBUS on fault) rather than triggering the OOM killer.',
    link('Kubernetes: manage huge pages', docs.hugepages),
  ]);
}

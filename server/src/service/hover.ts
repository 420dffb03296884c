import type { Hover, Position } from 'vscode-languageserver-types';
import { type DocumentDetail, type ObjectDetail } from '../engine/analyze';
import { type ContainerAnalysis, type PodAnalysis } from '../engine/analysis';
import { podCgroupPaths } from '../engine/cgroups';
import { type ContainerSpec, type QuantityEntry } from '../engine/model';
import { Quantity } from '../engine/quantity';
import { CPU, type DecodedContainer, HUGEPAGES_PREFIX, MEMORY, type ResourceList } from '../engine/resources';
import { type AnalyzedFile, isKubernetesDocument } from './document';
import { backoffSchedule, podModel, podSpecOf, probeTimings, terminationTimelines, type KillTimeline } from './lifecycle';
import { probeKindOfField } from '../engine/model';
import { type ProbeField, targetAt, type Target } from './locate';
import { code, coresPhrase, cpu, docs, joinSections, link, memory, plural, seconds, table } from './markdown';
import { arithmeticMatters, explainTotal } from './podArithmetic';
import { type ServiceSettings } from './settings';

/**
 * Hovers: what Kubernetes and the kernel make of the value under the cursor,
 * numbers first, a few lines of meaning, and the documentation page to read
 * more. Everything is computed by the engine (numbers) or the simulator
 * (times); this module only words it.
 */

export function doHover(analyzed: AnalyzedFile, position: Position, settings: ServiceSettings): Hover | null {
  const offset = analyzed.lines.offsetAt(position);
  if (offset === null) return null;
  const document = analyzed.documentAt(offset);
  if (!document || !isKubernetesDocument(document) || !document.object) return null;
  // The tree is needed to know what the cursor is on; results keep none, so this document is parsed again (or cached).
  const detail = analyzed.detail(document);
  if (!detail.object) return null;
  const target = targetAt(detail.object, offset - document.slice.start);
  if (!target) return null;
  const value = hoverMarkdown(detail, detail.object, target, settings);
  if (!value) return null;
  return {
    contents: { kind: 'markdown', value },
    range: analyzed.lines.range(document.slice.start, target.span.start, target.span.end),
  };
}

export function hoverMarkdown(document: DocumentDetail, object: ObjectDetail, target: Target, settings: ServiceSettings): string | null {
  switch (target.kind) {
    case 'workload':
      return workloadHover(object, settings);
    case 'container':
      return object.analysis ? containerHover(object.analysis, target.container) : null;
    case 'quantity':
      return object.analysis ? quantityHover(object, object.analysis, target.container, target.list, target.entry, settings) : null;
    case 'probe':
      return probeHover(document, target.container, target.probe);
    case 'restartPolicy':
      return restartPolicyHover(object, target.container);
    case 'termination':
      return terminationHover(document);
  }
}

// ---------------------------------------------------------------------------
// Quantities

function containerAnalysis(analysis: PodAnalysis, container: ContainerSpec): ContainerAnalysis | null {
  return analysis.containers.find((c) => c.spec === container) ?? null;
}

function containerLabel(container: ContainerSpec | DecodedContainer): string {
  const name = container.name ?? `#${'index' in container ? container.index : ''}`;
  return container.role === 'app' ? `container ${code(name)}` : container.role === 'sidecar' ? `sidecar ${code(name)}` : `init container ${code(name)}`;
}

function quantityHover(
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

/**
 * "a 4-CPU node", or "an assumed 4-CPU node" with the setting that describes
 * the real one, when the numbers that matter here are the defaults.
 */
function nodeWords(settings: ServiceSettings, size: string, uses: { cpu?: boolean; memory?: boolean }): { node: string; howToSet: string } {
  const assumed = settings.node.assumed;
  const cpuAssumed = !!uses.cpu && !!assumed?.cpu;
  const memoryAssumed = !!uses.memory && !!assumed?.memory;
  if (!cpuAssumed && !memoryAssumed) return { node: `${article(size)} ${size} node`, howToSet: '' };
  const names = [cpuAssumed ? code('podLens.node.cpu') : null, memoryAssumed ? code('podLens.node.memory') : null].filter((name) => name !== null);
  return { node: `an assumed ${size} node`, howToSet: `set ${names.join(' and ')} to yours` };
}

/** "an" before a number read with a vowel sound: 8, 80, 800…, 11 and 18 (and their thousands), else "a". */
function article(size: string): string {
  const digits = /^\d+/.exec(size)?.[0] ?? '';
  return digits.startsWith('8') || (/^1[18]/.test(digits) && digits.length % 3 === 2) ? 'an' : 'a';
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

function entry(quantity: Quantity): string {
  return quantity.toString();
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

function restartAfterOom(object: ObjectDetail, container: ContainerSpec): string {
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

// ---------------------------------------------------------------------------
// Containers

function qosOfContainer(resources: DecodedContainer): { cls: string; why: string } {
  const pos = (list: ResourceList, name: string) => {
    const q = list.get(name);
    return q && q.sign() > 0 ? q : null;
  };
  const parts = [CPU, MEMORY].map((name) => ({ name, request: pos(resources.requests, name), limit: pos(resources.limits, name) }));
  if (parts.every((p) => !p.request && !p.limit)) return { cls: 'BestEffort', why: 'it sets no CPU or memory request or limit' };
  const unequal = parts.filter((p) => !p.limit || !p.request || p.request.cmp(p.limit) !== 0);
  if (unequal.length === 0) return { cls: 'Guaranteed', why: 'its CPU and memory requests equal its limits' };
  const why = unequal.map((p) =>
    !p.limit ? `no ${p.name} limit` : !p.request ? `no ${p.name} request` : `${p.name} request ${p.request.toString()} ≠ limit ${p.limit.toString()}`,
  );
  return { cls: 'Burstable', why: why.join(', ') };
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function valueOrDash(value: bigint | null | undefined, show: (v: bigint) => string): string {
  return value === null || value === undefined ? '—' : show(value);
}

function containerHover(analysis: PodAnalysis, container: ContainerSpec): string | null {
  const owned = containerAnalysis(analysis, container);
  if (!owned) return null;
  const { resources, cgroup } = owned;
  const req = resources.requests;
  const lim = resources.limits;
  const milli = (list: ResourceList) => list.get(CPU)?.milliValue();
  const bytes = (list: ResourceList) => list.get(MEMORY)?.value();
  const podClass = analysis.qos.qosClass;
  const own = qosOfContainer(resources);
  const qosLine = analysis.qos.computed
    ? `The pod's \`status.qosClass\` (**${podClass}**) decides its QoS class, not the containers; the spec alone gives ${analysis.qos.computed.qosClass}.`
    : analysis.pod.podResources
      ? `Pod-level \`spec.resources\` is set, so only it decides the pod's QoS class (**${podClass}**), not this container.`
      : own.cls === podClass
        ? `On its own it would be **${own.cls}** (${own.why}); the pod is ${podClass}.`
        : `On its own it would be **${own.cls}** (${own.why}); the pod is **${podClass}**${podClass === 'Burstable' ? ' — every container must be Guaranteed for a Guaranteed pod' : ''}.`;
  return joinSections([
    `**${capitalized(containerLabel(container))}**${container.role === 'sidecar' ? ' (an init container with restartPolicy Always: it runs beside the app containers)' : ''}`,
    table(
      ['', 'request', 'limit'],
      [
        ['CPU', valueOrDash(milli(req), cpu), valueOrDash(milli(lim), cpu)],
        ['memory', valueOrDash(bytes(req), memory), valueOrDash(bytes(lim), memory)],
      ],
    ),
    table(
      ['cgroup', 'value'],
      [
        [
          '`cpu.weight` (v1 `cpu.shares`)',
          `${cgroup.cpuWeight} (${cgroup.cpuShares})${cgroup.cpuWeight !== cgroup.cpuWeightLegacy ? `; ${cgroup.cpuWeightLegacy} on older runtimes` : ''}`,
        ],
        ['`cpu.max`', code(cgroup.cpuQuotaUs === null ? `max ${cgroup.cpuPeriodUs}` : `${cgroup.cpuQuotaUs} ${cgroup.cpuPeriodUs}`)],
        ['`memory.max`', code(cgroup.memoryLimitBytes === null ? 'max' : cgroup.memoryLimitBytes)],
        ['`oom_score_adj`', `${cgroup.oomScoreAdj}`],
      ],
    ),
    qosLine,
    link('Kubernetes: pod quality of service classes', docs.qos),
  ]);
}

// ---------------------------------------------------------------------------
// Workloads

function fitSentence(analysis: PodAnalysis, settings: ServiceSettings, kind: string): string {
  const node = settings.node;
  const cpuRequest = analysis.totals.requests.get(CPU)?.milliValue() ?? 0n;
  const memoryRequest = analysis.totals.requests.get(MEMORY)?.value() ?? 0n;
  const words = nodeWords(settings, `${cpu(node.cpuMilli)} CPU / ${memory(node.memoryBytes)}`, { cpu: true, memory: true });
  const nodeLabel = `${words.node} (capacity; allocatable is a little less${words.howToSet ? `; ${words.howToSet}` : ''})`;
  const fits: { resource: string; count: bigint; used: string }[] = [];
  if (cpuRequest > 0n) fits.push({ resource: 'CPU', count: node.cpuMilli / cpuRequest, used: `${cpu(cpuRequest)} each of ${cpu(node.cpuMilli)}` });
  if (memoryRequest > 0n)
    fits.push({ resource: 'memory', count: node.memoryBytes / memoryRequest, used: `${memory(memoryRequest)} each of ${memory(node.memoryBytes)}` });
  if (fits.length === 0)
    return `**Fit**: it requests no CPU or memory, so requests do not limit how many fit on ${nodeLabel}; only the node's pod limit (110 by default) does.`;
  fits.sort((a, b) => (a.count < b.count ? -1 : a.count > b.count ? 1 : 0));
  const first = fits[0];
  const what = kind === 'DaemonSet' ? 'pods like this' : kind === 'Pod' ? 'pods like this' : 'replicas';
  if (first.count === 0n) return `**Fit**: none — it requests more ${first.resource} than ${nodeLabel} has (${first.used}); it stays Pending.`;
  const tie = fits.length > 1 && fits[1].count === first.count ? ` (${fits[1].resource} runs out at the same count)` : '';
  return `**Fit**: ${first.count} ${what} on ${nodeLabel}; **${first.resource}** runs out first (${first.used})${tie}.`;
}

function totalsTable(analysis: PodAnalysis): string {
  const { totals, pod } = analysis;
  const rows: string[][] = [];
  const matters = arithmeticMatters(pod);
  for (const [name, show, pick] of [
    ['CPU', cpu, (q: Quantity) => q.milliValue()],
    ['memory', memory, (q: Quantity) => q.value()],
  ] as const) {
    const resource = name === 'CPU' ? CPU : MEMORY;
    const request = totals.requests.get(resource);
    const declared = resource === CPU ? totals.cpuLimitsDeclared : totals.memoryLimitsDeclared;
    const limit = declared ? totals.limits.get(resource) : undefined;
    rows.push([name, request ? show(pick(request)) : '—', limit && !limit.isZero() ? show(pick(limit)) : 'none']);
    if (matters) {
      const requestWhy = explainTotal(pod, 'requests', resource);
      if (requestWhy && request) rows.push(['', `↳ ${requestWhy}`, '']);
      const limitWhy = declared ? explainTotal(pod, 'limits', resource) : null;
      if (limitWhy && limit) rows.push(['', '', `↳ ${limitWhy}`]);
    }
  }
  return table(['pod', 'requests', 'limits'], rows);
}

function workloadHover(object: ObjectDetail, settings: ServiceSettings): string | null {
  const { workload, analysis } = object;
  const title = `**${workload.kind}${workload.name ? ` ${code(workload.name)}` : ''}**`;
  if (!analysis) {
    const errors = object.findings.filter((f) => f.severity === 'error');
    return joinSections([
      `${title}: the API server would refuse it, so there are no numbers yet.`,
      errors.length > 0
        ? errors
            .slice(0, 5)
            .map((f) => `- ${f.message}`)
            .join('\n')
        : null,
    ]);
  }
  const { qos, podCgroup, eviction } = analysis;
  const worst = Math.max(...analysis.containers.map((c) => c.cgroup.oomScoreAdj));
  const paths = podCgroupPaths(qos.qosClass, '<pod-uid>');
  const [preferred, other] =
    settings.cgroupDriver === 'systemd'
      ? [
          ['systemd', paths.systemd],
          ['cgroupfs', paths.cgroupfs],
        ]
      : [
          ['cgroupfs', paths.cgroupfs],
          ['systemd', paths.systemd],
        ];
  const quota = podCgroup.cpuQuotaUs === null ? 'max' : `${podCgroup.cpuQuotaUs} ${podCgroup.cpuPeriodUs}`;
  return joinSections([
    `${title} — **${qos.qosClass}** · eviction risk: **${eviction.risk}** · OOM score ${worst}`,
    `**QoS ${qos.qosClass}** because:\n${qos.reasons.map((r) => `- ${r}`).join('\n')}`,
    totalsTable(analysis),
    `**Pod cgroup** (${preferred[0]} driver): ${code(preferred[1])}\n\n` +
      `${other[0]}: ${code(other[1])}\n\n` +
      `\`cpu.weight\` ${podCgroup.cpuWeight} (${podCgroup.cpuShares} shares, by the kubelet's linear conversion) · \`cpu.max\` ${code(quota)} · \`memory.max\` ${code(podCgroup.memoryLimitBytes ?? 'max')}`,
    `**Eviction risk: ${eviction.risk}**\n${eviction.reasons.map((r) => `- ${r}`).join('\n')}`,
    fitSentence(analysis, settings, workload.kind),
    [
      link('QoS classes', docs.qos),
      arithmeticMatters(analysis.pod) ? link('init and sidecar resources', docs.initResources) : null,
      link('node-pressure eviction', docs.eviction),
      link('cgroup drivers', docs.cgroupDrivers),
    ]
      .filter(Boolean)
      .join(' · '),
  ]);
}

// ---------------------------------------------------------------------------
// Lifecycle

function probeHover(document: DocumentDetail, container: ContainerSpec, field: ProbeField): string | null {
  const spec = podSpecOf(document);
  const model = spec ? podModel(spec) : null;
  const name = container.name;
  const kind = probeKindOfField(field);
  if (!spec || !model || !name || !kind) return null;
  const modelContainer = [...model.containers, ...model.initContainers].find((c) => c.name === name);
  const probe = modelContainer?.[field];
  if (!modelContainer || !probe) {
    return container.role === 'init' ? `**${field}**: regular init containers may not have probes; the API server refuses it.` : null;
  }
  const timings = probeTimings(spec, name, kind);
  const settingsLine =
    `period ${probe.periodSeconds} s · timeout ${probe.timeoutSeconds} s · failureThreshold ${probe.failureThreshold}` +
    (probe.initialDelaySeconds > 0 ? ` · initialDelay ${probe.initialDelaySeconds} s` : '') +
    (kind === 'readiness' && probe.successThreshold !== 1 ? ` · successThreshold ${probe.successThreshold}` : '');
  const lines: string[] = [];
  if (timings?.firstCheck !== null && timings?.firstCheck !== undefined) {
    const gated = kind !== 'startup' && modelContainer.startupProbe ? ' (it waits for the startup probe to pass)' : '';
    lines.push(`- **First check**: ${seconds(timings.firstCheck)} after the container starts${gated}.`);
  }
  if (kind === 'liveness' && timings?.hangKill) {
    const k = timings.hangKill;
    const best = k.detection;
    const worst = k.detection + probe.periodSeconds;
    const steps = killSteps(k, 0);
    const lives = k.sigkill !== null ? k.sigkill + probe.periodSeconds + probe.timeoutSeconds : null;
    lines.push(
      `- **A hung app** is found ${seconds(best)}–${seconds(worst)} after it hangs (${probe.failureThreshold} failed checks ${probe.periodSeconds} s apart), then killed: ${steps}.` +
        (lives !== null ? ` If it ignores SIGTERM it lives up to **${seconds(lives)}** (with ${probe.timeoutSeconds} s for the last check to time out).` : ''),
    );
    lines.push('- Then restarted per restartPolicy (the first restart at once, later ones after back-off).');
  }
  if (kind === 'startup' && timings?.startupBudget) {
    const b = timings.startupBudget;
    lines.push(
      `- **Startup budget**: the app has ${seconds(b.detection)} (initialDelay ${probe.initialDelaySeconds} s + ${probe.failureThreshold} × ${probe.periodSeconds} s) to pass once; ` +
        `liveness and readiness checks wait until then. If it never passes it is killed: ${killSteps(b.kill, b.detection)}, then restarted per restartPolicy.`,
    );
  }
  if (kind === 'readiness') {
    if (timings?.unreadyAfter !== null && timings?.unreadyAfter !== undefined) {
      lines.push(
        `- **Failing**: ${seconds(timings.unreadyAfter)} after the first failed check (${probe.failureThreshold} failures ${probe.periodSeconds} s apart) the container is not Ready and the pod leaves its Services' endpoints. It is never restarted for it.`,
      );
    }
  }
  return joinSections([
    `**${kind} probe of ${code(name)}** — ${settingsLine}`,
    lines.join('\n'),
    link('Kubernetes: liveness, readiness and startup probes', docs.probes),
  ]);
}

function killSteps(timeline: KillTimeline, offset: number): string {
  const at = (value: number | null) => (value === null ? null : seconds(offset + value));
  const steps: string[] = [];
  if (timeline.preStopStart !== null && timeline.preStopEnd !== null) steps.push(`preStop at ${at(timeline.preStopStart)}`);
  if (timeline.sigterm !== null) steps.push(`SIGTERM at ${at(timeline.sigterm)}`);
  if (timeline.sigkill !== null) steps.push(`SIGKILL at ${at(timeline.sigkill)}`);
  return steps.join(' → ');
}

function restartPolicyHover(object: ObjectDetail, container: ContainerSpec | null): string {
  const schedule = backoffSchedule(8);
  const backoff =
    `**Back-off** after each exit: ${schedule.join(', ')}, … s — the first restart is immediate, then the wait doubles from 10 s up to 300 s; ` +
    'a run longer than 10 minutes resets it. While it waits the container shows `CrashLoopBackOff`.';
  if (container) {
    return joinSections([
      `**restartPolicy ${code(container.restartPolicy ?? '')}** on init container ${code(container.name ?? '')}: a **sidecar**`,
      "It starts before the app containers, keeps running beside them, and is restarted whenever it exits, whatever the pod's restartPolicy. It is stopped after the app containers when the pod terminates.",
      backoff,
      link('Kubernetes: sidecar containers', docs.sidecars),
    ]);
  }
  const policy = object.model?.restartPolicy ?? 'Always';
  const kind = object.workload.kind;
  const rows = [
    ['exits 0', policy === 'Always' ? 'restarted' : 'not restarted'],
    ['exits ≠ 0, OOMKilled', policy === 'Never' ? 'not restarted' : 'restarted'],
    ['init container fails', policy === 'Never' ? 'pod Failed' : 'init container re-run'],
  ];
  const workloadNote =
    kind === 'Job' || kind === 'CronJob'
      ? "A Job's pods must use OnFailure or Never; with OnFailure the Job counts restarts against `backoffLimit` (default 6), with Never it creates new pods."
      : kind === 'Pod' || kind === 'PodTemplate'
        ? null
        : `A ${kind}'s pod template must use Always.`;
  return joinSections([
    `**restartPolicy ${code(policy)}**${object.model?.restartPolicyField.value ? '' : ' (the default)'}`,
    table(['a container', 'then'], rows),
    policy === 'Never' ? null : backoff,
    workloadNote,
    link('Kubernetes: container restart policy', docs.restartPolicy),
  ]);
}

function terminationHover(document: DocumentDetail): string | null {
  const spec = podSpecOf(document);
  const timelines = spec ? terminationTimelines(spec) : null;
  if (!timelines) return null;
  const at = (value: number | null) => (value === null ? '—' : seconds(value));
  const rows = [...timelines.containers].map(([name, t]) => [
    code(name),
    t.preStopStart !== null && t.preStopEnd !== null ? `${at(t.preStopStart)} → ${at(t.preStopEnd)}` : '—',
    at(t.sigterm),
    at(t.sigkill),
  ]);
  return joinSections([
    `**Termination** — grace period **${timelines.grace} s**${document.object?.model?.node && !hasGraceKey(document) ? ' (the default)' : ''}`,
    "When the pod is deleted (t = 0) it leaves its Services' endpoints at once, preStop hooks start, and each container gets SIGTERM when its hook ends and SIGKILL when the grace period runs out (never less than 2 s after SIGTERM). For a process that does not exit on SIGTERM:",
    table(['container', 'preStop', 'SIGTERM', 'SIGKILL'], rows),
    'A process ended by SIGTERM exits 143, by SIGKILL 137. Sidecars get SIGTERM only after every app container has exited.',
    `${link('Kubernetes: pod termination', docs.termination)} · ${link('container lifecycle hooks', docs.hooks)}`,
  ]);
}

function hasGraceKey(document: DocumentDetail): boolean {
  const node = document.object?.model?.node;
  return !!node && node.items.some((item) => String((item.key as { value?: unknown } | null)?.value) === 'terminationGracePeriodSeconds');
}

import { type ObjectDetail } from '../../engine/analyze';
import { type PodAnalysis } from '../../engine/analysis';
import { podCgroupPaths } from '../../engine/cgroups';
import { type Quantity } from '../../engine/quantity';
import { CPU, MEMORY } from '../../engine/resources';
import { code, cpu, docs, joinSections, link, memory, table } from '../markdown';
import { nodeWords } from './labels';
import { arithmeticMatters, explainTotal } from './arithmetic';
import { type ServiceSettings } from '../settings';

/** The hover on a workload: QoS and why, the pod's totals with the init/sidecar arithmetic, the pod cgroup, eviction risk and fit. */

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

export function workloadHover(object: ObjectDetail, settings: ServiceSettings): string | null {
  const { workload, analysis } = object;
  const title = `**${workload.kind}${workload.name ? ` ${code(workload.name)}` : ''}**`;
  if (!analysis) {
    const errors = object.findings.filter((f) => f.severity === 'error');
    const who = errors.some((f) => f.code === 'api-version-not-served') ? 'kubectl would not send it' : 'the API server would refuse it';
    return joinSections([
      `${title}: ${who}, so there are no numbers yet.`,
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

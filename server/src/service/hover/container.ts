import { type PodAnalysis } from '../../engine/analysis';
import { type ContainerSpec } from '../../engine/model';
import { containerQosClass, CPU, type DecodedContainer, MEMORY, type ResourceList } from '../../engine/resources';
import { code, cpu, docs, joinSections, link, memory, table } from '../markdown';
import { containerAnalysis } from './quantities';
import { capitalized, containerLabel, valueOrDash } from './labels';
import { filledValueLines } from './admission';

/** The hover on a container: its requests and limits, its cgroup values and how it counts for the pod's QoS class. */

/** The class the engine gives the container on its own, and why, in words. */
function qosOfContainer(resources: DecodedContainer): { cls: string; why: string } {
  const cls = containerQosClass(resources);
  if (cls === 'BestEffort') return { cls, why: 'it sets no CPU or memory request or limit' };
  if (cls === 'Guaranteed') return { cls, why: 'its CPU and memory requests equal its limits' };
  const pos = (list: ResourceList, name: string) => {
    const q = list.get(name);
    return q && q.sign() > 0 ? q : null;
  };
  const parts = [CPU, MEMORY].map((name) => ({ name, request: pos(resources.requests, name), limit: pos(resources.limits, name) }));
  const unequal = parts.filter((p) => !p.limit || !p.request || p.request.cmp(p.limit) !== 0);
  const why = unequal.map((p) =>
    !p.limit ? `no ${p.name} limit` : !p.request ? `no ${p.name} request` : `${p.name} request ${p.request.toString()} ≠ limit ${p.limit.toString()}`,
  );
  return { cls, why: why.join(', ') };
}

export function containerHover(analysis: PodAnalysis, container: ContainerSpec): string | null {
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
    filledValueLines(analysis, analysis.containers.indexOf(owned)),
    qosLine,
    link('Kubernetes: pod quality of service classes', docs.qos),
  ]);
}
